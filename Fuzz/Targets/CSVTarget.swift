import Foundation
import Datasets

/// A CSV file loaded as a data set, its target the column `y`, then the first column of its
/// header; the first line of the input may give settings (`# scale=standard task=...`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = FuzzSupport.text(data, size)
  var options: [String: String] = [:]
  var body = Substring(text)
  if body.hasPrefix("#"), let newline = body.firstIndex(of: "\n") {
    for word in body[body.index(after: body.startIndex)..<newline].split(separator: " ") {
      let parts = word.split(separator: "=", maxSplits: 1)
      if parts.count == 2 { options[String(parts[0])] = String(parts[1]) }
    }
    body = body[body.index(after: newline)...]
  }
  let path = FuzzSupport.emptyScratch() + "/data.csv"
  Array(body.utf8).withUnsafeBufferPointer { FuzzSupport.write($0, to: path) }
  let locations = DataLocations(embedded: FuzzSupport.root + "/Lessons/data", userData: FuzzSupport.scratch)
  let first = body.prefix { $0 != "," && $0 != "\n" && $0 != "\r" }.trimmingCharacters(in: .whitespaces)
  for column in ["y", first] where !column.isEmpty && !column.contains(":") {
    _ = try? DatasetCatalog.load("csv:\(path):\(column)", options: options, locations: locations)
  }
  return 0
}
