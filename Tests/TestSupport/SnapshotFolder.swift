import Foundation
import Testing

/// Golden files under a test target's `__Snapshots__/` folder. With `MLTUTOR_RECORD=1` in the
/// environment the files are written instead of compared; otherwise a missing or different
/// file fails the test, printing the lines that were rendered.
public struct SnapshotFolder: Sendable {
  public let url: URL

  /// The `__Snapshots__` folder next to the file at `filePath` (pass `#filePath`).
  public init(nextTo filePath: String) {
    url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .appendingPathComponent("__Snapshots__")
  }

  public static var isRecording: Bool { ProcessInfo.processInfo.environment["MLTUTOR_RECORD"] == "1" }

  public func check(
    _ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let file = url.appendingPathComponent(name + ".txt")
    let rendered = lines.joined(separator: "\n") + "\n"
    if Self.isRecording {
      do {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try rendered.write(to: file, atomically: true, encoding: .utf8)
      } catch {
        Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
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
