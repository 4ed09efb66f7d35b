import Datasets
import Engine
import Foundation
import Testing

@Suite struct ImageSetTests {
  @Test func embeddedMnist5kHas400And100PerDigit() throws {
    let d = try DatasetCatalog.load("mnist-5k", locations: locations())
    #expect(d.train.count == 4_000 && d.test.count == 1_000)
    #expect(d.featureCount == 784 && d.outputCount == 10)
    #expect(d.imageShape?.rows == 28 && d.imageShape?.cols == 28)
    #expect(d.classNames == (0...9).map(String.init))
    for (split, per) in [(d.train, 400), (d.test, 100)] {
      let labels = classLabels(split)
      #expect((0..<10).map { k in labels.filter { $0 == k }.count } == Array(repeating: per, count: 10))
    }
    guard case .bytes(let pixels, let scale) = d.train.features else {
      Issue.record("images should stay bytes")
      return
    }
    #expect(scale == Float(1) / 255)
    #expect(pixels.max() == 255)
  }

  @Test func fullMnistNeedsAFetchFirst() {
    let error = datasetError { try DatasetCatalog.load("mnist", locations: locations()) }
    #expect(error?.description.hasPrefix("mnist: the full MNIST set is not downloaded yet: run `mltutor data fetch mnist`") == true)
  }

  @Test func fashionLoadsWhenInstalled() throws {
    let l = locations()
    guard FileManager.default.fileExists(atPath: l.fashion + "/train-images-idx3-ubyte.gz") else {
      return  // Debian's dataset-fashion-mnist is not installed here.
    }
    let d = try DatasetCatalog.load("fashion", locations: l)
    #expect(d.train.count == 60_000 && d.test.count == 10_000)
    #expect(d.classNames?.first == "T-shirt/top" && d.classNames?.last == "Ankle boot")
    let labels = classLabels(d.test)
    #expect((0..<10).map { k in labels.filter { $0 == k }.count } == Array(repeating: 1_000, count: 10))
  }

  @Test func missingFashionSaysWhatToInstall() {
    var l = locations()
    l.fashion = "/nonexistent-fashion"
    let error = datasetError { try DatasetCatalog.load("fashion", locations: l) }
    #expect(error?.description.contains("dataset-fashion-mnist") == true)
  }

  @Test func idxPairIsSplitStratified() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let (images, labels) = fixtureImages(count: 60, classes: 3)
    let ip = tmp.file("images.gz")
    let lp = tmp.file("labels")
    try Gzip.write(IDX.encode(images), to: ip, compressed: true)
    try Gzip.write(IDX.encode(labels: labels), to: lp, compressed: false)
    let d = try DatasetCatalog.load("idx:\(ip),\(lp)", options: ["seed": "2"], locations: locations())
    #expect(d.train.count == 51 && d.test.count == 9)
    #expect(d.imageShape?.rows == 4 && d.imageShape?.cols == 3)
    #expect(d.outputCount == 3)
    let testLabels = classLabels(d.test)
    // 20 per class: round(20 × 0.1667) = 3 of each held out.
    #expect((0..<3).map { k in testLabels.filter { $0 == k }.count } == [3, 3, 3])
    let again = try DatasetCatalog.load("idx:\(ip),\(lp)", options: ["seed": "2"], locations: locations())
    #expect(classLabels(again.test) == testLabels)
  }

  @Test func idxPairsWithMismatchedCounts() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let (images, labels) = fixtureImages(count: 10)
    let ip = try tmp.write("images", IDX.encode(images))
    let lp = try tmp.write("labels", IDX.encode(labels: Array(labels.prefix(9))))
    let error = datasetError { try DatasetCatalog.load("idx:\(ip),\(lp)", locations: locations()) }
    #expect(error?.description == "\(lp): byte 4: wrong dimensions: 9 labels for the 10 images of \(ip)")
  }

  @Test func unknownNameListsTheSets() {
    let error = datasetError { try DatasetCatalog.load("mnsit", locations: locations()) }
    #expect(error?.description.hasPrefix("mnsit: no such data set; there are mnist-5k, mnist, fashion, apartments") == true)
  }

  @Test func catalogListsAvailability() {
    let entries = DatasetCatalog.entries(locations: locations())
    #expect(entries.first { $0.name == "mnist-5k" }?.available == true)
    #expect(entries.first { $0.name == "mnist" }?.available == false)
    #expect(entries.contains { $0.name == "two-valleys" && $0.kind == .landscape1D })
  }
}
