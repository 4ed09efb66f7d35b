import Engine
import Foundation

/// `poly`: a dozen noisy points from a smooth curve, for under- and overfitting.
///
///     f(x) = sin(π x),  x in [−1, 1]
///     train: n points, x uniform, y = f(x) + noise × N(0, 1)
///     test:  `test` points, x evenly spaced over [−1, 1], y = f(x) + noise × N(0, 1)
///
/// With `degree=d` the features are the powers x, x², …, xᵈ, so a linear model becomes a
/// polynomial of degree d: 1 underfits, 3 fits, 11 threads every training point and misses
/// the test points between them.
enum Polynomial {
  static let knobs = [
    DatasetKnob("n", "12", "training points"),
    DatasetKnob("test", "100", "test points, evenly spaced"),
    DatasetKnob("noise", "0.2", "standard deviation of the noise on y"),
    DatasetKnob("degree", "1", "features x, x², …, x^degree"),
    DatasetKnob("seed", "1", "random seed"),
  ]

  /// The curve the points come from.
  static func curve(_ x: Double) -> Double { Maths.sin(Double.pi * x) }

  static func powerName(_ k: Int) -> String {
    let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    if k == 1 { return "x" }
    return "x" + String(String(k).compactMap { $0.wholeNumberValue.map { superscripts[$0] } })
  }

  static func load(options: [String: String]) throws(DatasetError) -> Dataset {
    let settings = try Knobs(dataset: "poly", options: options, knobs: knobs)
    let n = try settings.int("n", in: 2...100_000)
    let testCount = try settings.int("test", in: 2...100_000)
    let noise = try settings.double("noise", in: 0...10)
    let degree = try settings.int("degree", in: 1...20)
    let seed = try settings.seed()
    var generator = SeededGenerator(seed: seed)

    func examples(_ xs: [Double], _ g: inout SeededGenerator) -> Examples {
      var features: [Float] = []
      var ys: [Float] = []
      for x in xs {
        var power = 1.0
        for _ in 1...degree {
          power *= x
          features.append(Float(power))
        }
        ys.append(Float(curve(x) + noise * g.normal()))
      }
      return Examples(features: .floats(features), featureCount: degree, labels: .values(ys, width: 1))
    }
    let trainX = (0..<n).map { _ in 2 * generator.nextUnitDouble() - 1 }
    let train = examples(trainX, &generator)
    let testX = (0..<testCount).map { -1 + 2 * Double($0) / Double(testCount - 1) }
    let test = examples(testX, &generator)
    return Dataset(
      name: "poly", summary: "a dozen noisy points from y = sin(πx), and a denser test set",
      train: train, test: test, featureNames: (1...degree).map(powerName), targetName: "y",
      classNames: nil, source: "generated, seed \(seed)",
      notes: ["curve: y = sin(πx) + noise, x in [−1, 1]", "settings: \(settings.summary)"])
  }
}
