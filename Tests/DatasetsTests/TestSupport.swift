import Datasets
import Engine
import Foundation
import Testing

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct TemporaryFolder {
  let path: String

  init() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "mltutor-datasets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    path = base.path
  }

  func file(_ name: String) -> String { path + "/" + name }

  /// Writes `bytes` to `name` and returns its path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let p = file(name)
    try Data(bytes).write(to: URL(fileURLWithPath: p))
    return p
  }

  @discardableResult
  func write(_ name: String, text: String) throws -> String {
    try write(name, Array(text.utf8))
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The repository's `Lessons/data` folder.
let embeddedDataFolder: String = {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Lessons/data").path
}()

func locations(userData: String = "/nonexistent-mltutor-user-data") -> DataLocations {
  DataLocations(embedded: embeddedDataFolder, userData: userData)
}

/// `count` small images (`rows × cols`) whose pixels encode their index, and labels `i % classes`.
func fixtureImages(count: Int, rows: Int = 4, cols: Int = 3, classes: Int = 3)
  -> (IDX.Images, [UInt8])
{
  var pixels: [UInt8] = []
  for i in 0..<count {
    for p in 0..<(rows * cols) { pixels.append(UInt8((i * 7 + p) % 256)) }
  }
  let labels = (0..<count).map { UInt8($0 % classes) }
  return (IDX.Images(count: count, rows: rows, cols: cols, pixels: pixels), labels)
}

/// The error `body` throws, or nil.
func datasetError<T>(_ body: () throws -> T) -> DatasetError? {
  do {
    _ = try body()
    return nil
  } catch let error as DatasetError {
    return error
  } catch {
    Issue.record("expected a DatasetError, got \(error)")
    return nil
  }
}

/// Whether |a − b| ≤ tolerance × max(1, |a|, |b|).
func close(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
  abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

func floats(_ e: Examples) -> [Float] {
  switch e.features {
  case .floats(let f): return f
  case .bytes(let b, let s): return b.map { Float($0) * s }
  }
}

func classLabels(_ e: Examples) -> [Int32] {
  if case .classes(let l, _) = e.labels { return l }
  return []
}

func targetValues(_ e: Examples) -> [Float] {
  if case .values(let v, _) = e.labels { return v }
  return []
}
