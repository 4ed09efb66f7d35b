import Engine

extension Session {
  /// `threshold CUTS`: a regression model's estimates cut into classes, class k being the
  /// estimates that reach k of the cuts (below the first is class 0), and scored against the
  /// targets cut at the same values: the fraction of examples whose two classes agree.
  func threshold(_ cuts: [Double]) throws(CommandError) -> [Output] {
    guard !cuts.isEmpty else { throw CommandError("threshold needs a value to cut at, e.g. `threshold 3.5,6.5`") }
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    guard dataset.task == .regression, dataset.outputCount == 1 else {
      throw CommandError("threshold cuts the estimates of a regression model with one output; this model is a classifier already")
    }
    let train = Self.thresholdAccuracy(trainer.network, trainer.train, cuts)
    let test = trainer.test.map { Self.thresholdAccuracy(trainer.network, $0, cuts) }
    measured.threshold = ThresholdResult(cuts: cuts, trainAccuracy: train, testAccuracy: test)
    let c = cuts.map(NumberFormat.short)
    var classes = ["below \(c[0])"]
    for i in 1..<c.count { classes.append("\(c[i - 1]) to \(c[i])") }
    classes.append("\(c[c.count - 1]) and above")
    var rows = [["train", trainer.train.count.formatted, NumberFormat.percent(train)]]
    if let test, let examples = trainer.test?.count {
      rows.append(["test", examples.formatted, NumberFormat.percent(test)])
    }
    return [
      .line("\(dataset.targetName) cut into \(classes.count) classes: " + classes.joined(separator: " · ")),
      .table(Table(headers: ["split", "examples", "right class"], rows: rows, rightAligned: [1, 2])),
    ]
  }

  /// The class of a value: how many cuts it reaches.
  static func thresholdClass(_ value: Float, _ cuts: [Double]) -> Int {
    cuts.reduce(0) { Double(value) >= $1 ? $0 + 1 : $0 }
  }

  /// The fraction of `examples` whose estimate and target fall in the same class, estimated
  /// 1,000 rows at a time.
  static func thresholdAccuracy(_ network: Network, _ examples: Examples, _ cuts: [Double]) -> Double {
    guard examples.count > 0 else { return 0 }
    var right = 0
    for start in stride(from: 0, to: examples.count, by: 1000) {
      let rows = start..<min(start + 1000, examples.count)
      let estimates = network.predict(examples.features(rows))
      guard case .values(let targets) = examples.targets(rows) else { return 0 }
      for r in 0..<rows.count where thresholdClass(estimates[r, 0], cuts) == thresholdClass(targets[r, 0], cuts) {
        right += 1
      }
    }
    return Double(right) / Double(examples.count)
  }
}
