@testable import Datasets
import Engine
import Foundation
import Testing

/// Files that are not what they claim: folders, pipes, huge cells, values beyond Float32.
@Suite struct InputLimitsTests {
  /// Writes `bytes` into a new pipe at `name` from another thread; returns the pipe's path.
  static func pipe(_ tmp: TemporaryFolder, _ name: String, _ bytes: [UInt8]) throws -> String {
    let path = tmp.file(name)
    try #require(mkfifo(path, 0o600) == 0)
    Thread.detachNewThread {
      // NB: opening a pipe for writing waits until the reader opens it.
      guard let handle = FileHandle(forWritingAtPath: path) else { return }
      handle.write(Data(bytes))
      try? handle.close()
    }
    return path
  }

  @Test func aFolderIsNotAFile() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    #expect(datasetError { try IDX.readImages(path: tmp.path) }?.description == "\(tmp.path): is a folder, not a file")
    #expect(
      datasetError { try DatasetCatalog.load("csv:\(tmp.path):y", locations: locations()) }?.description
        == "\(tmp.path): is a folder, not a file")
  }

  @Test func gzipIDXFromAPipe() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let labels: [UInt8] = [3, 1, 4, 1, 5, 9, 2, 6]
    let path = try Self.pipe(tmp, "labels.gz", Gzip.compress(IDX.encode(labels: labels)))
    #expect(try IDX.readLabels(path: path) == labels)
  }

  @Test func csvFromAPipe() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let text = "x,y\n" + (0..<20).map { "\($0),\($0 * 2)" }.joined(separator: "\n") + "\n"
    let path = try Self.pipe(tmp, "table.csv", Array(text.utf8))
    let d = try DatasetCatalog.load("csv:\(path):y", locations: locations())
    #expect(d.train.count + d.test.count == 20)
  }

  @Test func aHugeCellIsCutShortInTheMessage() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let cell = String(repeating: "a", count: 5_000_000)
    let path = try tmp.write("cell.csv", text: "x,y\n1,2\n3,4\n\(cell),5\n")
    let message = datasetError { try DatasetCatalog.load("csv:\(path):y", locations: locations()) }?.description
    #expect(
      message == "\(path):4:1: \"\(String(repeating: "a", count: 40))…\" (5,000,000 characters) is not a number (column \"x\")")
  }

  @Test func notUTF8SaysWhere() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("latin1.csv", Array("x,y\n1,2\n".utf8) + [0x33, 0xe9, 0x2c, 0x31, 0x0a])
    #expect(
      datasetError { try DatasetCatalog.load("csv:\(path):y", locations: locations()) }?.description
        == "\(path):3: not UTF-8 text (byte 9 is not part of a character)")
  }

  /// Rows of `x` near ±3e38: most at one end, a few at the other, so the difference from the
  /// mean passes Float32's range.
  static func extremeTable() -> String {
    "size,y\n" + (0..<100).map { i in i % 10 == 0 ? "3e38,1" : "-3e38,0" }.joined(separator: "\n") + "\n"
  }

  @Test func featuresNearTheLimitStandardiseWithoutOverflow() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("extreme.csv", text: Self.extremeTable())
    let d = try DatasetCatalog.load("csv:\(path):y", options: ["task": "regression"], locations: locations())
    let z = floats(d.train) + floats(d.test)
    #expect(z.allSatisfy { $0.isFinite }, "standardised features are finite")
    #expect(z.contains { $0 > 2 } && z.contains { $0 < 0 }, "3e38 is about 3 deviations above the mean")
  }

  @Test func valuesTooLargeToTrainOnAreRefusedByColumn() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("extreme.csv", text: Self.extremeTable())
    let unscaled = datasetError {
      try DatasetCatalog.load("csv:\(path):y", options: ["scale": "none"], locations: locations())
    }
    #expect(unscaled?.description.hasPrefix("\(path): column \"size\" holds ") == true, "\(unscaled?.description ?? "-")")
    #expect(unscaled?.description.hasSuffix("use scale=standard") == true)
    let target = try tmp.write("target.csv", text: "x,price\n1,2\n2,3e38\n3,4\n")
    let message = datasetError { try DatasetCatalog.load("csv:\(target):price", locations: locations()) }?.description
    #expect(message?.hasPrefix("\(target): target column \"price\" holds 3e+38, whose square overflows") == true, "\(message ?? "-")")
  }

  @Test func aStandardisedOverflowNamesItsColumn() {
    // A training split with almost no spread and a test value far from it.
    let raw = Examples(features: .floats([1, 0, 2, 1e-6]), featureCount: 2, labels: .values([0, 1], width: 1))
    let far = Examples(features: .floats([1, 3e38]), featureCount: 2, labels: .values([0], width: 1))
    let s = Standardizer(fitting: raw)
    let (train, test) = (s.apply(to: raw), s.apply(to: far))
    #expect(floats(train).allSatisfy { $0.isFinite })
    #expect(
      datasetError { try CSVDataset.checkStandardized(train, test, names: ["a", "b"], path: "t.csv") }?.description
        == "t.csv: column \"b\" overflows when standardised: a value of the test split is too far from the "
        + "training split's mean for 32-bit floats; scale the column down")
  }

  @Test func anEmptyTestSplitIsNoTestData() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("t.csv", text: "x,y\n1,2\n2,4\n3,6\n")
    let d = try DatasetCatalog.load(
      "csv:\(path):y", options: ["test": "0", "task": "regression"], locations: locations())
    #expect(d.test.count == 0)
    let a = try Architecture.parse("linear", activation: .relu, task: d.task, inputs: 1, outputs: 1)
    let trainer = try Trainer(architecture: a, initializer: .zeros, hyper: Hyperparameters(), seed: 0, train: d.train, test: d.test)
    #expect(trainer.test == nil)
    #expect(trainer.evaluate().test == nil)
  }
}
