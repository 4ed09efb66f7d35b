import Charts
import Foundation
import Testing

/// Golden files under `__Snapshots__/`, next to this file. With `MLTUTOR_RECORD=1` in the
/// environment the files are written instead of compared; otherwise a missing or different
/// file fails the test, printing the lines that were rendered.
enum Snapshot {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("__Snapshots__")

  static var isRecording: Bool { ProcessInfo.processInfo.environment["MLTUTOR_RECORD"] == "1" }

  static func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

  static func check(
    _ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = folder.appendingPathComponent(name + ".txt")
    let rendered = text(lines)
    if isRecording {
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try rendered.write(to: url, atomically: true, encoding: .utf8)
      } catch {
        Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "missing snapshot \(name).txt (run with MLTUTOR_RECORD=1 to record it):\n\(rendered)",
        sourceLocation: sourceLocation)
      return
    }
    #expect(
      rendered == expected, "snapshot \(name) differs; rendered:\n\(rendered)",
      sourceLocation: sourceLocation)
  }
}
