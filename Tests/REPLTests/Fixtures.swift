import Datasets
import Foundation

/// The data locations of this checkout: the embedded sets under `Lessons/data`.
func checkoutLocations() -> DataLocations {
  var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  while dir.path != "/" {
    if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { break }
    dir = dir.deletingLastPathComponent()
  }
  return DataLocations(
    embedded: dir.appendingPathComponent("Lessons/data").path,
    userData: FileManager.default.temporaryDirectory.appendingPathComponent("mltutor-no-user-data").path)
}
