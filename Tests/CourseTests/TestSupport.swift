import Course
import Datasets
import Foundation
import Tutor

/// Paths and sessions shared by the course tests.
enum TestSupport {
  /// The repository's root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  static let lessons = root + "/Lessons"
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures"

  static let locations = DataLocations(embedded: lessons + "/data", userData: NSTemporaryDirectory() + "mltutor-course-tests")

  static func session() -> Session { Session(locations: locations) }

  /// A fresh, empty folder under the temporary directory.
  static func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "mltutor-course-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// All text lines of some outputs, for searching.
  static func text(_ outputs: [Output]) -> String {
    outputs.map { output -> String in
      switch output {
      case .text(let lines): return lines.joined(separator: "\n")
      case .error(let message): return "error: " + message
      case .table(let table): return table.lines().joined(separator: "\n")
      case .chart(_, let title, _): return "[chart] " + title
      }
    }.joined(separator: "\n")
  }
}
