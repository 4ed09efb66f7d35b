import Foundation
import Testing

/// Two `mltutor repl` at one terminal each, sharing one state folder as a learner's two
/// windows would: neither loses the other's history or progress.
@Suite struct SharedStateTests {
  static let tmux = TmuxTerminal.tmux

  /// Starts `mltutor repl` in its own tmux server.
  static func start(_ name: String, state: URL) throws -> TmuxTerminal {
    guard let tmux, let binary = Binary.path else { throw Binary.MissingBinary() }
    let pane = TmuxTerminal(tmux: tmux, session: name)
    let command = "exec env XDG_STATE_HOME='\(state.path)' LANG=C.UTF-8 LC_ALL=C.UTF-8 '\(binary)' repl"
    _ = try pane.run(["new-session", "-d", "-s", name, "-x", "100", "-y", "30", command])
    try pane.wait("the prompt of \(name)") { $0.contains("mltutor>") }
    return pane
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func twoREPLsTypingAtOnceKeepEveryHistoryLine() throws {
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let folder = state.appendingPathComponent("mltutor")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let before = (1...5).map { "#\\040earlier\\040\($0)" }
    try (["_HiStOrY_V2_"] + before).joined(separator: "\n").appending("\n")
      .write(to: folder.appendingPathComponent("history"), atomically: true, encoding: .utf8)
    let a = try Self.start("a", state: state)
    defer { a.stop() }
    let b = try Self.start("b", state: state)
    defer { b.stop() }
    // 100 lines each, typed into both at once.
    let typing = DispatchGroup()
    for (pane, name) in [(a, "A"), (b, "B")] {
      DispatchQueue.global().async(group: typing) {
        for chunk in stride(from: 0, to: 100, by: 10) {
          let keys = (chunk..<(chunk + 10)).flatMap { ["# \(name) \($0)", "Enter"] }
          // NB: keys that did not reach the pane fail the history checks below.
          _ = try? pane.run(["send-keys", "-t", pane.session] + keys)
        }
      }
    }
    typing.wait()
    for (pane, name) in [(a, "A"), (b, "B")] {
      try pane.wait("\(name)'s last line") { $0.contains("# \(name) 99") && TmuxTerminal.lastLine($0) == "mltutor>" }
    }
    let history = try String(contentsOf: folder.appendingPathComponent("history"), encoding: .utf8)
    let entries = history.split(separator: "\n").dropFirst().map { $0.replacingOccurrences(of: "\\040", with: " ") }
    #expect(entries.count == 205, "\(entries.count) entries")
    for name in ["A", "B"] {
      #expect(entries.filter { $0.hasPrefix("# \(name) ") } == (0..<100).map { "# \(name) \($0)" }, "\(name)'s lines")
    }
    #expect(entries.prefix(5).allSatisfy { $0.hasPrefix("# earlier") })
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func twoREPLsInDifferentLessonsKeepBothLessons() throws {
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let a = try Self.start("a", state: state)
    defer { a.stop() }
    let b = try Self.start("b", state: state)
    defer { b.stop() }
    // A finishes the first step of lesson 1 while B opens lesson 2.
    try a.keys("lesson 1", "Enter")
    try a.wait("lesson 1") { $0.contains("Step 1 of") }
    try a.keys("help", "Enter")
    try a.wait("step 1 done") { $0.contains("✓ Step 1 done") }
    try b.keys("lesson 2", "Enter")
    // NB: the lesson's long first step can scroll its "Lesson 2:" heading away; the line
    // under it stays longer.
    try b.wait("lesson 2") { $0.contains("Lesson 2 starts from fresh settings") && TmuxTerminal.lastLine($0).hasPrefix("mltutor>") }
    let listing = try Binary.run(["lessons"], environment: ["XDG_STATE_HOME": state.path])
    let rows = listing.stdout.split(separator: "\n")
    let welcome = try #require(rows.first { $0.contains(" welcome ") })
    #expect(welcome.contains("1 done"), "\(listing.stdout)")
    let model = try #require(rows.first { $0.contains(" what-is-a-model ") })
    #expect(model.contains("▸") && model.contains("step 1 of"), "B's lesson is the current one:\n\(listing.stdout)")
    // B's own listing shows A's step too.
    try b.keys("C-l", "lessons", "Enter")
    let shown = try b.wait("B's listing") { $0.contains("what-is-a-model") && TmuxTerminal.lastLine($0).hasPrefix("mltutor>") }
    #expect(shown.split(separator: "\n").first { $0.contains(" welcome ") }?.contains("1 done") == true, "\(shown)")
  }
}
