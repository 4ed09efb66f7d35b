import Datasets
import Engine
import Testing

/// The settings applied to a loaded set: the validation split, the image knobs and the leak.
@Suite struct DataQualityTests {
  let locations = DataLocations(embedded: embeddedDataFolder, userData: "/nonexistent")

  func digits(_ options: [String: String] = [:]) throws -> Dataset {
    try DatasetCatalog.load("mnist-5k", options: options, locations: locations)
  }

  func labels(_ e: Examples) -> [Int32] {
    if case .classes(let l, _) = e.labels { return l }
    return []
  }

  func pixels(_ e: Examples) -> [UInt8] {
    if case .bytes(let b, _) = e.features { return b }
    return []
  }

  @Test func aValidationShareComesOutOfTheTrainingSplitStratified() throws {
    let plain = try digits()
    let d = try digits(["val": "0.1"])
    let validation = try #require(d.validation)
    #expect(d.train.count == 3_600)
    #expect(validation.count == 400)
    #expect(d.test.count == plain.test.count)
    let perClass = (0..<10).map { k in labels(validation).filter { $0 == k }.count }
    #expect(perClass == [Int](repeating: 40, count: 10))
    #expect(d.sizeDescription == "3,600 train + 400 validation + 1,000 test")
    // Every validation image is one of the training images, and none is left in training.
    let original = Set(stride(from: 0, to: plain.train.count, by: 1).map { Array(pixels(plain.train)[$0 * 784..<($0 + 1) * 784]) })
    let held = (0..<validation.count).map { Array(pixels(validation)[$0 * 784..<($0 + 1) * 784]) }
    let kept = Set((0..<d.train.count).map { Array(pixels(d.train)[$0 * 784..<($0 + 1) * 784]) })
    #expect(held.allSatisfy { original.contains($0) && !kept.contains($0) })
  }

  @Test func regressionSetsHoldOutAtRandomAndRemapTheirOutliers() throws {
    let plain = try DatasetCatalog.load("apartments", locations: locations)
    let d = try DatasetCatalog.load("apartments", options: ["val": "0.2"], locations: locations)
    #expect(d.train.count == 40)
    #expect(d.validation?.count == 10)
    // Each outlier still left in training points at the same flat.
    for i in d.outlierIndices {
      let price = d.train.targets([i])
      guard case .values(let m) = price else { Issue.record("not values"); return }
      let found = plain.outlierIndices.contains { j in
        if case .values(let n) = plain.train.targets([j]) { return n.values == m.values }
        return false
      }
      #expect(found)
    }
  }

  @Test func theSameSettingsGiveTheSameDataAndBadValuesAreOneLine() throws {
    let a = try digits(["occlude": "0.5", "label_noise": "0.3", "imbalance": "0.1", "val": "0.1"])
    let b = try digits(["occlude": "0.5", "label_noise": "0.3", "imbalance": "0.1", "val": "0.1"])
    #expect(pixels(a.train) == pixels(b.train))
    #expect(labels(a.train) == labels(b.train))
    #expect(labels(a.validation!) == labels(b.validation!))
    for (options, message) in [
      (["occlude": "2"], "mnist-5k: occlude must be between 0.0 and 0.9, got 2"),
      (["label_noise": "x"], "mnist-5k: label_noise must be a number, got \"x\""),
      (["imbalance": "0"], "mnist-5k: imbalance must be between 0.01 and 1.0, got 0"),
      (["val": "0.9"], "mnist-5k: val must be between 0.0 and 0.5, got 0.9"),
    ] {
      #expect(throws: DatasetError.self) { try digits(options) }
      do {
        _ = try digits(options)
      } catch {
        #expect((error as? DatasetError)?.description == message)
      }
    }
    #expect(throws: DatasetError.self) { try DatasetCatalog.load("moons", options: ["occlude": "0.5"], locations: locations) }
    #expect(throws: DatasetError.self) { try DatasetCatalog.load("moons", options: ["n": "4", "val": "0.1"], locations: locations) }
  }

  @Test func occlusionBlacksOutABlockOfTheShareInEveryImage() throws {
    let plain = try digits()
    let d = try digits(["occlude": "0.25"])
    let before = pixels(plain.test)
    let after = pixels(d.test)
    for i in 0..<d.test.count {
      let image = Array(after[i * 784..<(i + 1) * 784])
      let was = Array(before[i * 784..<(i + 1) * 784])
      // Pixels either stay or turn black; those that changed fit in one 14×14 block.
      let changed = (0..<784).filter { image[$0] != was[$0] }
      #expect(changed.allSatisfy { image[$0] == 0 })
      if let first = changed.first, let last = changed.last {
        #expect(last / 28 - first / 28 < 14)
        let cols = changed.map { $0 % 28 }
        #expect((cols.max() ?? 0) - (cols.min() ?? 0) < 14)
      }
    }
    #expect(labels(d.test) == labels(plain.test))
  }

  @Test func labelNoiseChangesThatShareOfTrainingLabelsOnly() throws {
    let plain = try digits()
    let d = try digits(["label_noise": "0.3"])
    let changed = zip(labels(plain.train), labels(d.train)).filter { $0 != $1 }.count
    #expect(changed == 1_200)
    #expect(labels(d.test) == labels(plain.test))
    #expect(pixels(d.train) == pixels(plain.train))
  }

  @Test func imbalanceKeepsAShareOfTheUpperClasses() throws {
    let d = try digits(["imbalance": "0.1"])
    let perClass = (0..<10).map { k in labels(d.train).filter { $0 == k }.count }
    #expect(perClass == [400, 400, 400, 400, 400, 40, 40, 40, 40, 40])
    #expect(d.test.count == 1_000)
  }

  @Test func aLeakedColumnGivesTheClassAwayButNotOnFreshPoints() throws {
    let plain = try DatasetCatalog.load("moons", locations: locations)
    let d = try DatasetCatalog.load("moons", options: ["leak": "1"], locations: locations)
    #expect(d.featureNames == ["x", "y", "leak"])
    #expect(plain.featureNames == ["x", "y"])
    func column(_ e: Examples, _ c: Int) -> [Float] {
      guard case .floats(let f) = e.features else { return [] }
      return stride(from: c, to: f.count, by: e.featureCount).map { f[$0] }
    }
    let train = zip(column(d.train, 2), labels(d.train))
    #expect(train.allSatisfy { abs($0 - Float($1)) < 0.5 })
    let fresh = try #require(d.fresh)
    #expect(column(fresh, 2).allSatisfy { abs($0) < 0.5 })
    // The points themselves are those of the set without the leak.
    #expect(column(d.train, 0) == column(plain.train, 0))
    #expect(column(d.test, 1) == column(plain.test, 1))
    #expect(column(fresh, 0) == column(try #require(plain.fresh), 0))
  }

  @Test func foldsCoverEveryIndexOnceWithEachClassShare() {
    let labels = (0..<103).map { Int32($0 % 3) }
    var g = SeededGenerator(seed: 9)
    let folds = Split.folds(count: 103, labels: labels, k: 5, generator: &g)
    #expect(folds.flatMap { $0 }.sorted() == Array(0..<103))
    #expect(folds.map(\.count).max()! - folds.map(\.count).min()! <= 1)
    for fold in folds {
      let counts = (0..<3).map { k in fold.filter { labels[$0] == k }.count }
      #expect(counts.max()! - counts.min()! <= 1)
    }
    var h = SeededGenerator(seed: 9)
    #expect(Split.folds(count: 103, labels: labels, k: 5, generator: &h) == folds)
  }
}
