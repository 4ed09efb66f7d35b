import Foundation
import Testing

/// `mltutor` full screen at a real terminal, driven through tmux: the first lesson step, a task
/// marked done, live training, a new learning rate during training and its marker, resizing
/// while training, drawing a digit, quitting — and a sane terminal afterwards.
@Suite(.serialized) struct TutorScreenTests {
  static let tmux = TmuxTerminal.tmux

  static func lines(_ screen: String) -> [Substring] { screen.split(separator: "\n", omittingEmptySubsequences: false) }

  /// Runs `body` with the tutor started in a 100×30 pane and a fresh state folder; when the
  /// tutor ends, the pane shows `[exit STATUS]` and then `stty -a`.
  static func withTutor(_ body: (TmuxTerminal) throws -> Void) throws {
    guard let tmux, let binary = Binary.path else { throw Binary.MissingBinary() }
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let pane = TmuxTerminal(tmux: tmux, session: "tutor")
    defer { pane.stop() }
    let command =
      "env XDG_STATE_HOME='\(state.path)' LANG=C.UTF-8 LC_ALL=C.UTF-8 NCURSES_NO_UTF8_ACS=1 TERM=xterm-256color '\(binary)'; echo \"[exit $?]\"; stty -a; sleep 60"
    _ = try pane.run(["new-session", "-d", "-s", "tutor", "-x", "100", "-y", "30", command])
    try body(pane)
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func learnerSession() throws {
    try Self.withTutor { pane in
      // The first lesson step, then its task: ask what mltutor can do.
      try pane.wait("the first step") { $0.contains("Step 1 of") && $0.contains("Task:") }
      try pane.command("help")
      try pane.wait("the task marked done") { $0.contains("✓ done") && $0.contains("✓ Step 1 done") }

      // Live training on digits.
      try pane.command("data mnist-5k")
      try pane.wait("the data") { $0.contains("mnist-5k ·") }
      try pane.command("model 784-32-10")
      try pane.wait("the model") { $0.contains("784-32-10 ·") }
      try pane.keys("Space")
      // The status line leads with the running marker and the step.
      try pane.wait("training") { $0.contains(" ▶ step ") && $0.contains("mnist-5k") && $0.contains("loss: step") }

      // Double the learning rate while it trains: the note, the status line and the marker.
      try pane.keys("]")
      let marked = try pane.wait("the lr marker") { $0.contains("lr 0.02") && $0.contains("┊lr 0.02") }
      #expect(marked.contains("lr → 0.02 from step"), "\(marked)")

      // Resize while training: bigger, too small, back.
      try pane.resize(120, 40)
      try pane.wait("the 120×40 screen") { s in
        let l = Self.lines(s)
        return l.count >= 40 && l[0].hasSuffix("q quit") && (115...120).contains(l[0].count)
          && l.contains { $0.contains(" ▶ step ") && $0.contains("· epoch ") && $0.count > 100 }
      }
      try pane.resize(70, 20)
      try pane.wait("the too-small note") { $0.contains("at least 80×24") && $0.contains("this one is 70×20") }
      try pane.resize(100, 30)
      let back = try pane.wait("the 100×30 screen") { s in
        let l = Self.lines(s)
        return l[0].hasSuffix("q quit") && (95...100).contains(l[0].count) && !s.contains("at least 80×24")
      }
      #expect(back.contains("loss: step"), "\(back)")

      // Ctrl-C stops training and keeps the model; space goes on from there.
      try pane.keys("C-c")
      let stopped = try pane.wait("training stopped") { $0.contains("the model keeps what it learned") && $0.contains(" ⏸ paused · step ") }
      #expect(!stopped.contains("[exit"), "\(stopped)")
      try pane.keys("Space")
      try pane.wait("training again") { $0.contains(" ▶ step ") }

      // Draw a one: a vertical stroke.
      try pane.command("draw")
      try pane.wait("the canvas") { $0.contains("draw a digit") }
      try pane.keys("Space")
      for _ in 0..<14 { try pane.keys("Down") }
      let drawn = try pane.wait("the model's answer") { $0.contains("the model says:") && $0.contains("[painting]") }
      #expect(drawn.contains("▀") || drawn.contains("▓"), "the stroke shows:\n\(drawn)")
      try pane.keys("Escape")
      try pane.wait("the canvas closed") { !$0.contains("draw a digit") }

      // Quit while training: it asks first.
      try pane.keys("q")
      try pane.wait("the question") { $0.contains("Quit anyway?") }
      try pane.keys("y")
      let after = try pane.wait("the exit and stty") { $0.contains("[exit 0]") && $0.contains("icanon") }
      #expect(TmuxTerminal.sttyIsSane(after), "\(after)")
    }
  }

  /// The mouse paints on the canvas: button presses as the terminal sends them (SGR mouse
  /// reports, typed into the pane as they would arrive from a terminal with a mouse); then
  /// Ctrl-C at rest asks, and a second Ctrl-C quits.
  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func theMousePaints() throws {
    try Self.withTutor { pane in
      try pane.wait("the first step") { $0.contains("Step 1 of") }
      try pane.command("draw")
      let empty = try pane.wait("the canvas") { $0.contains("draw a digit") && $0.contains("[pen up]") }
      #expect(!empty.contains("▀") && !empty.contains("▄") && !empty.contains("█"), "\(empty)")
      // Left button down at column 20, rows 8 to 14 (1-based), then up.
      for row in 8...14 { try pane.keys("-l", "\u{1B}[<0;20;\(row)M") }
      try pane.keys("-l", "\u{1B}[<0;20;14m")
      let painted = try pane.wait("the stroke") { s in
        Self.lines(s).filter { $0.contains("▀") || $0.contains("█") || $0.contains("▄") }.count >= 5
      }
      #expect(painted.contains("[pen up]"), "the keyboard pen stayed up:\n\(painted)")
      // Ctrl-C at rest asks; a second one leaves, and the terminal is sane after.
      try pane.keys("Escape", "C-c")
      try pane.wait("the question") { $0.contains("press Ctrl-C again or q to quit") }
      try pane.keys("C-c")
      let after = try pane.wait("the exit and stty") { $0.contains("[exit 0]") && $0.contains("icanon") }
      #expect(TmuxTerminal.sttyIsSane(after), "\(after)")
    }
  }

  // Signals: TerminalSignalTests.

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func dumbTerminalFallsBackToTheREPL() throws {
    guard let tmux = Self.tmux, let binary = Binary.path else { throw Binary.MissingBinary() }
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let pane = TmuxTerminal(tmux: tmux, session: "tutor")
    defer { pane.stop() }
    let command = "env XDG_STATE_HOME='\(state.path)' LANG=C.UTF-8 TERM=dumb '\(binary)'; echo \"[exit $?]\"; sleep 60"
    _ = try pane.run(["new-session", "-d", "-s", "tutor", "-x", "100", "-y", "30", command])
    try pane.wait("the explanation") { $0.contains("TERM=dumb") && $0.contains("line REPL") }
  }

  @Test func notATerminalExplainsAndRunsTheScript() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = dir.appendingPathComponent("in.mlt")
    try "data apartments\n".write(to: script, atomically: true, encoding: .utf8)
    let run = try Binary.run([], environment: ["XDG_STATE_HOME": dir.path], input: script)
    #expect(run.stderr.contains("not a terminal"), "\(run.stderr)")
    #expect(run.stdout.contains("apartments"), "\(run.stdout)")
    #expect(run.status == 0)
  }
}
