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
    knobs.append(DatasetKnob("leak", "0", "1 adds a column that gives the class away (train and test, not fresh points)"))
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
    let leak = try settings.int("leak", in: 0...1) == 1
    var train = examples(n, &generator)
    var test = examples(testCount, &generator)
    // NB: drawn after both splits, so that they are the same with or without fresh points.
    var fresh = examples(testCount, &generator)
    var notes = ["settings: \(settings.summary)"]
    if leak {
      var noise = SeededGenerator(seed: seed ^ 0x4C45_414B_4C45_414B)
      train = leaking(train, knowsClass: true, &noise)
      test = leaking(test, knowsClass: true, &noise)
      fresh = leaking(fresh, knowsClass: false, &noise)
      notes.append("leak: column 3 is the class + 0.1 × N(0, 1) in train and test; 0 + the noise in fresh points")
    }
    return Dataset(
      name: name, summary: summary(name), train: train, test: test,
      featureNames: leak ? ["x", "y", "leak"] : ["x", "y"],
      targetName: "class", classNames: (0..<classes).map(String.init),
      source: "generated, seed \(seed)", notes: notes, fresh: fresh)
  }

  /// The points with a third column: the class plus a little noise where it was recorded
  /// (`knowsClass`), as a column filled in after the outcome was known would be; 0 plus the
  /// noise on points met later, when the outcome is not known yet.
  static func leaking(_ e: Examples, knowsClass: Bool, _ g: inout SeededGenerator) -> Examples {
    guard case .floats(let xy) = e.features, case .classes(let labels, _) = e.labels else { return e }
    var out: [Float] = []
    out.reserveCapacity(e.count * 3)
    for i in 0..<e.count {
      out.append(xy[2 * i])
      out.append(xy[2 * i + 1])
      let value = knowsClass ? Double(labels[i]) : 0
      out.append(Float(value + 0.1 * g.normal()))
    }
    return Examples(features: .floats(out), featureCount: 3, labels: e.labels)
  }
}
