import Engine
import Foundation

/// The 2-D classification sets: `xor`, `moons`, `circles`, `spiral`. Each point is `(x, y)`
/// with a class; classes take turns (point `i` has class `i mod k`), so the classes are balanced.
/// The test split is drawn after the training split from the same generator.
///
/// - xor: class 0 around (1, 1) and (−1, −1), class 1 around (1, −1) and (−1, 1): centre plus
///   `noise` × N(0, 1) per coordinate. No straight line separates them.
/// - moons: class 0 on the upper half circle (cos t, sin t), class 1 on the lower one shifted,
///   (1 − cos t, 0.5 − sin t), t uniform in [0, π], plus noise.
/// - circles: class 0 on the unit circle, class 1 on the circle of radius `factor`, plus noise.
/// - spiral: `classes` arms; arm k at radius r (uniform in [0, 1]) has angle
///   2πk/classes + 4r + `noise` × N(0, 1).
enum ToySets {
  static let names = ["xor", "moons", "circles", "spiral"]

  static func knobs(_ name: String) -> [DatasetKnob] {
    var knobs = [
      DatasetKnob("n", "200", "points in the training split"),
      DatasetKnob("test", "200", "points in the test split"),
    ]
    switch name {
    case "xor": knobs.append(DatasetKnob("noise", "0.4", "scatter around the four centres"))
    case "moons": knobs.append(DatasetKnob("noise", "0.1", "scatter around the half circles"))
    case "circles":
      knobs.append(DatasetKnob("noise", "0.08", "scatter around the circles"))
      knobs.append(DatasetKnob("factor", "0.5", "radius of the inner circle"))
    default:
      knobs.append(DatasetKnob("noise", "0.2", "scatter of the angle, radians"))
      knobs.append(DatasetKnob("classes", "3", "arms of the spiral"))
    }
    knobs.append(DatasetKnob("seed", "1", "random seed"))
    return knobs
  }

  static func summary(_ name: String) -> String {
    switch name {
    case "xor": return "2-D points in four clusters, classes in a checkerboard (XOR)"
    case "moons": return "2-D points on two interleaved half circles"
    case "circles": return "2-D points on two concentric circles"
    default: return "2-D points on the arms of a spiral"
    }
  }

  static func load(_ name: String, options: [String: String]) throws(DatasetError) -> Dataset {
    let settings = try Knobs(dataset: name, options: options, knobs: knobs(name))
    let n = try settings.int("n", in: 2...1_000_000)
    let testCount = try settings.int("test", in: 1...1_000_000)
    let noise = try settings.double("noise", in: 0...10)
    let factor = name == "circles" ? try settings.double("factor", in: 0.01...0.99) : 0.5
    let classes = name == "spiral" ? try settings.int("classes", in: 2...10) : 2
    let seed = try settings.seed()
    var generator = SeededGenerator(seed: seed)

    func point(_ label: Int, _ g: inout SeededGenerator) -> (Double, Double) {
      switch name {
      case "xor":
        let a: Double = g.index(below: 2) == 0 ? 1 : -1
        let b = label == 0 ? a : -a
        return (a + noise * g.normal(), b + noise * g.normal())
      case "moons":
        let t = Double.pi * g.nextUnitDouble()
        let (x, y) = label == 0 ? (Maths.cos(t), Maths.sin(t)) : (1 - Maths.cos(t), 0.5 - Maths.sin(t))
        return (x + noise * g.normal(), y + noise * g.normal())
      case "circles":
        let t = 2 * Double.pi * g.nextUnitDouble()
        let r = label == 0 ? 1 : factor
        return (r * Maths.cos(t) + noise * g.normal(), r * Maths.sin(t) + noise * g.normal())
      default:
        let r = g.nextUnitDouble()
        let angle = 2 * Double.pi * Double(label) / Double(classes) + 4 * r + noise * g.normal()
        return (r * Maths.cos(angle), r * Maths.sin(angle))
      }
    }
    func examples(_ count: Int, _ g: inout SeededGenerator) -> Examples {
      var features: [Float] = []
      var labels: [Int32] = []
      for i in 0..<count {
        let label = i % classes
        let (x, y) = point(label, &g)
        features.append(Float(x))
        features.append(Float(y))
        labels.append(Int32(label))
      }
      return Examples(features: .floats(features), featureCount: 2, labels: .classes(labels, classCount: classes))
    }
    let train = examples(n, &generator)
    let test = examples(testCount, &generator)
    return Dataset(
      name: name, summary: summary(name), train: train, test: test, featureNames: ["x", "y"],
      targetName: "class", classNames: (0..<classes).map(String.init),
      source: "generated, seed \(seed)", notes: ["settings: \(settings.summary)"])
  }
}
