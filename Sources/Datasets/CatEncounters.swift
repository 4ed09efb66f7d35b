import Engine

/// `cat`: a cat meets objects and judges each by how sharp and how hard it looks (0 to 10).
/// How dangerous the object is, also 0 to 10, is a quantity; what the cat does about it is one
/// of three actions, read off the danger at two cuts.
///
///     sharpness, hardness ~ uniform in [0, 10]                 (rounded to 0.1)
///     danger = 0.6 × sharpness + 0.4 × hardness + noise × N(0, 1), kept in [0, 10]
///     action = approach below 3.5, ignore from 3.5 to below 6.5, run from 6.5
///
/// `target=danger` (the default) makes it a regression set; `target=action` a classification
/// set with the same objects: the same seed gives the same features either way.
enum CatEncounters {
  static let cuts: [Double] = [3.5, 6.5]
  static let actions = ["approach", "ignore", "run"]

  static let knobs = [
    DatasetKnob("n", "200", "objects in the training split"),
    DatasetKnob("test", "200", "objects in the test split"),
    DatasetKnob("noise", "0.5", "scatter of the danger around the rule"),
    DatasetKnob("target", "danger", "danger (a quantity, 0 to 10) or action (approach, ignore, run)"),
    DatasetKnob("seed", "1", "random seed"),
    DatasetKnob("scale", "none", "none (features 0 to 10) or standard (z-scores)"),
  ]

  static let summary = "objects a cat judges by sharpness and hardness: danger 0 to 10, or its action"

  /// The action for a danger: how many cuts it reaches.
  static func action(_ danger: Double) -> Int {
    cuts.filter { danger >= $0 }.count
  }

  static func load(options: [String: String]) throws(DatasetError) -> Dataset {
    let settings = try Knobs(dataset: "cat", options: options, knobs: knobs)
    let n = try settings.int("n", in: 2...1_000_000)
    let testCount = try settings.int("test", in: 1...1_000_000)
    let noise = try settings.double("noise", in: 0...10)
    let target = try settings.choice("target", ["danger", "action"])
    let seed = try settings.seed()
    let scale = try settings.choice("scale", ["none", "standard"])
    var generator = SeededGenerator(seed: seed)

    func objects(_ count: Int, _ g: inout SeededGenerator) -> Examples {
      var features: [Float] = []
      var dangers: [Float] = []
      var classes: [Int32] = []
      features.reserveCapacity(2 * count)
      for _ in 0..<count {
        let sharpness = (g.nextUnitDouble() * 100).rounded() / 10
        let hardness = (g.nextUnitDouble() * 100).rounded() / 10
        let raw = 0.6 * sharpness + 0.4 * hardness + noise * g.normal()
        let danger = (min(max(raw, 0), 10) * 10).rounded() / 10
        features += [Float(sharpness), Float(hardness)]
        dangers.append(Float(danger))
        classes.append(Int32(action(danger)))
      }
      let labels: Examples.Labels =
        target == "danger" ? .values(dangers, width: 1) : .classes(classes, classCount: actions.count)
      return Examples(features: .floats(features), featureCount: 2, labels: labels)
    }
    var train = objects(n, &generator)
    var test = objects(testCount, &generator)
    let standardizer = scale == "standard" ? Standardizer.standardize(train: &train, test: &test) : nil
    return Dataset(
      name: "cat", summary: "objects a cat judges by sharpness and hardness, generated",
      train: train, test: test, featureNames: ["sharpness", "hardness"],
      targetName: target == "danger" ? "danger (0-10)" : "action",
      classNames: target == "danger" ? nil : actions, source: "generated, seed \(seed)",
      standardizer: standardizer,
      notes: [
        "rule: danger ≈ 0.6 × sharpness + 0.4 × hardness, scattered by noise",
        "action: approach below 3.5, ignore from 3.5 to 6.5, run from 6.5",
        "settings: \(settings.summary)",
      ])
  }
}
