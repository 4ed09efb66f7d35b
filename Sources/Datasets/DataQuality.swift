import Engine

/// Settings that act on a data set once it is loaded, whatever made it: a validation split for
/// every set, and three ways to spoil an image set on purpose, to see what worse data does.
///
/// - `val=F` holds out a share F of the training split as the validation split: stratified for
///   classes (each class gives `round(n_k × F)` examples), at random for regression.
/// - `occlude=F` (images) covers a share F of every image, train and test, with a black
///   rectangle of the image's proportions, `round(rows·√F)` × `round(cols·√F)` pixels, placed
///   at random in each image.
/// - `label_noise=F` (images) gives `round(n × F)` training examples, chosen at random, another
///   class, chosen at random among the others. The test labels stay right.
/// - `imbalance=F` (images) keeps a share F (at least one) of the training examples of each
///   class in the upper half (5–9 of ten digits), chosen at random; the others keep all theirs,
///   and the test split stays balanced.
///
/// Each draws from its own generator, seeded from the set's `seed` setting (0 when it has none),
/// so one setting never moves another's draws, and the same settings give the same data on
/// every machine. They apply in the order listed from the last up: the image knobs, then `val`.
enum DataQuality {
  static let validationKnob = DatasetKnob(
    "val", "0", "share of the training split held out as a validation split (stratified for classes)")
  static let imageKnobs = [
    DatasetKnob("occlude", "0", "share of every image covered by a black block at a random place"),
    DatasetKnob("label_noise", "0", "share of the training labels changed to another class at random"),
    DatasetKnob("imbalance", "1", "share of the training examples kept for the upper half of the classes (5–9)"),
  ]

  /// The knobs applied here for a set (`images`: an image set).
  static func knobs(images: Bool) -> [DatasetKnob] {
    (images ? imageKnobs : []) + [validationKnob]
  }

  /// The options the set's own loader reads: all but those applied here.
  static func own(_ options: [String: String], images: Bool) -> [String: String] {
    let here = Set(knobs(images: images).map(\.name))
    return options.filter { !here.contains($0.key) }
  }

  /// `d` with the settings of `options` that are applied here.
  static func apply(_ d: Dataset, options: [String: String], images: Bool) throws(DatasetError)
    -> Dataset
  {
    let list = knobs(images: images)
    let names = Set(list.map(\.name))
    let given = options.filter { names.contains($0.key) }
    if given.isEmpty { return d }
    let knobs = try Knobs(dataset: d.name, options: given, knobs: list)
    let seed = UInt64(options["seed"] ?? "0") ?? 0
    var train = d.train
    var test = d.test
    var outliers = d.outlierIndices
    var notes = d.notes
    if images {
      let share = try knobs.double("occlude", in: 0...0.9)
      let noise = try knobs.double("label_noise", in: 0...1)
      let kept = try knobs.double("imbalance", in: 0.01...1)
      if share > 0, let shape = d.imageShape {
        var g = SeededGenerator(seed: seed ^ 0x4F43_434C_5544_4521)
        train = occluded(train, shape, share, &g)
        test = occluded(test, shape, share, &g)
        notes.append("occluded: a black block over \(percent(share)) of every image")
      }
      if noise > 0 {
        var g = SeededGenerator(seed: seed ^ 0x4E4F_4953_594C_4142)
        let (noisy, changed) = withWrongLabels(train, share: noise, &g)
        train = noisy
        notes.append("label noise: \(grouped(changed)) training labels changed to another class")
      }
      if kept < 1 {
        var g = SeededGenerator(seed: seed ^ 0x494D_4241_4C41_4E43)
        let keep = imbalancedIndices(train, kept: kept, &g)
        notes.append(
          "imbalance: classes in the upper half keep \(percent(kept)) of their training examples "
            + "(\(grouped(train.count - keep.count)) dropped)")
        outliers = remap(outliers, keeping: keep)
        train = train.subset(keep)
      }
    }
    var validation: Examples?
    let share = try knobs.double("val", in: 0...0.5)
    if share > 0 {
      var g = SeededGenerator(seed: seed ^ 0x5641_4C49_4441_5445)
      let split: (train: [Int], test: [Int])
      if case .classes(let labels, _) = train.labels {
        split = Split.stratified(labels: labels, testFraction: share, generator: &g)
      } else {
        split = Split.random(count: train.count, testFraction: share, generator: &g)
      }
      guard !split.test.isEmpty, !split.train.isEmpty else {
        throw DatasetError(
          file: d.name,
          "val=\(given["val"] ?? "") leaves no examples for \(split.test.isEmpty ? "validation" : "training") "
            + "out of the \(grouped(train.count)) training ones")
      }
      validation = train.subset(split.test)
      outliers = remap(outliers, keeping: split.train)
      train = train.subset(split.train)
      notes.append("validation split: \(grouped(split.test.count)) examples held out of the training split")
    }
    return Dataset(
      name: d.name, summary: d.summary, train: train, test: test, featureNames: d.featureNames,
      targetName: d.targetName, classNames: d.classNames, imageShape: d.imageShape, source: d.source,
      standardizer: d.standardizer, outlierIndices: outliers, notes: notes, validation: validation,
      fresh: d.fresh)
  }

  /// The images with a black block over `share` of each one's area, placed at random.
  static func occluded(
    _ e: Examples, _ shape: (rows: Int, cols: Int), _ share: Double, _ g: inout SeededGenerator
  ) -> Examples {
    guard case .bytes(var pixels, let scale) = e.features, shape.rows * shape.cols == e.featureCount
    else { return e }
    let side = share.squareRoot()
    let h = min(shape.rows, Int((Double(shape.rows) * side).rounded()))
    let w = min(shape.cols, Int((Double(shape.cols) * side).rounded()))
    for i in 0..<e.count {
      let top = g.index(below: shape.rows - h + 1)
      let left = g.index(below: shape.cols - w + 1)
      let base = i * e.featureCount
      for r in top..<(top + h) {
        let start = base + r * shape.cols + left
        for p in start..<(start + w) { pixels[p] = 0 }
      }
    }
    return Examples(features: .bytes(pixels, scale: scale), featureCount: e.featureCount, labels: e.labels)
  }

  /// The examples with `round(n × share)` labels, chosen at random, moved to another class.
  static func withWrongLabels(_ e: Examples, share: Double, _ g: inout SeededGenerator)
    -> (Examples, changed: Int)
  {
    guard case .classes(var labels, let k) = e.labels, k >= 2 else { return (e, 0) }
    let count = min(e.count, Int((Double(e.count) * share).rounded()))
    for i in g.permutation(e.count).prefix(count) {
      labels[i] = Int32((Int(labels[i]) + 1 + g.index(below: k - 1)) % k)
    }
    return (
      Examples(features: e.features, featureCount: e.featureCount, labels: .classes(labels, classCount: k)),
      count
    )
  }

  /// The indices kept when each class in the upper half keeps a share `kept` (at least one) of
  /// its examples, in increasing order.
  static func imbalancedIndices(_ e: Examples, kept: Double, _ g: inout SeededGenerator) -> [Int] {
    guard case .classes(let labels, let k) = e.labels else { return Array(0..<e.count) }
    var byClass: [Int32: [Int]] = [:]
    for (i, label) in labels.enumerated() { byClass[label, default: []].append(i) }
    var keep: [Int] = []
    for label in byClass.keys.sorted() {
      var members = byClass[label] ?? []
      if Int(label) >= k / 2 {
        g.shuffle(&members)
        members = Array(members.prefix(max(1, Int((Double(members.count) * kept).rounded()))))
      }
      keep += members
    }
    return keep.sorted()
  }

  /// Positions in the kept list of the `indices` that were kept.
  private static func remap(_ indices: [Int], keeping kept: [Int]) -> [Int] {
    guard !indices.isEmpty else { return [] }
    let position = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
    return indices.compactMap { position[$0] }
  }

  private static func percent(_ x: Double) -> String {
    let p = x * 100
    return (p == p.rounded() ? String(Int(p)) : String(p)) + "%"
  }
}
