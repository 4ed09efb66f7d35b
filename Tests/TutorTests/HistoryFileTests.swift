import Foundation
import Testing

@testable import Tutor

/// The history file shared by every mltutor at once: appends under a lock lose nothing.
@Suite struct HistoryFileTests {
  static func temporaryPath() -> String {
    let directory = NSTemporaryDirectory() + "mltutor-history-\(UUID().uuidString)"
    return directory + "/history"
  }

  @Test func threadsAppendingAtOnceKeepEveryLine() throws {
    let path = Self.temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    HistoryFile.append(["# before 1", "# before 2"], to: path)
    let writers = 4
    let lines = 60
    DispatchQueue.concurrentPerform(iterations: writers) { w in
      for i in 0..<lines { HistoryFile.append(["# writer \(w) line \(i)"], to: path) }
    }
    let kept = HistoryFile.load(path)
    #expect(kept.count == 2 + writers * lines)
    for w in 0..<writers {
      let mine = kept.filter { $0.hasPrefix("# writer \(w) ") }
      #expect(mine == (0..<lines).map { "# writer \(w) line \($0)" }, "each writer's lines, in its order")
    }
  }

  @Test func onlyTheEndOfAHugeFileIsRead() throws {
    let path = Self.temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    let long = String(repeating: "x", count: 5000)
    HistoryFile.save((0..<400).map { "\(long) \($0)" } + ["last"], to: path)
    let kept = HistoryFile.load(path)
    #expect(kept.last == "last")
    #expect(kept.count < 401 && kept.count > 100)
    #expect(kept.allSatisfy { $0 == "last" || $0.hasPrefix(long) }, "no entry cut in the middle")
  }
}
