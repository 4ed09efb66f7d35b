import Foundation
import Testing

/// Every signal that ends a process, sent to the full-screen tutor and to the REPL at a real
/// terminal (tmux): the process ends by that signal (the shell reports 128 + its number) and
/// the terminal is sane afterwards; SIGPIPE is ignored. A crash signal shows Swift's crash
/// report once the screen is gone.
/// NB: the test runner starts tmux with signals blocked, which mltutor itself must undo.
@Suite struct TerminalSignalTests {
  static let tmux = TmuxTerminal.tmux
  static let signals = TmuxTerminal.terminatingSignals

  /// Starts `mltutor ARGS` in its own tmux server (pid in `STATE/pid`), waits for `ready`,
  /// sends `signal`, and returns the pane's text once the shell has printed `[exit N]` and
  /// `stty -a`.
  static func sendSignal(
    _ number: Int32, to arguments: String, ready: String, then: ((TmuxTerminal) throws -> Void)? = nil
  ) throws -> String {
    guard let tmux, let binary = Binary.path else { throw Binary.MissingBinary() }
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let launcher = state.appendingPathComponent("launch.sh")
    // No core files from the signals that dump one.
    try """
      ulimit -c 0
      echo $$ > "$1/pid"
      exec env XDG_STATE_HOME="$1" LANG=C.UTF-8 LC_ALL=C.UTF-8 NCURSES_NO_UTF8_ACS=1 TERM=xterm-256color "$2" \(arguments)
      """.write(to: launcher, atomically: true, encoding: .utf8)
    let pane = TmuxTerminal(tmux: tmux, session: "signal")
    defer { pane.stop() }
    let command = "bash '\(launcher.path)' '\(state.path)' '\(binary)'; echo \"[exit $?]\"; stty -a; sleep 60"
    _ = try pane.run(["new-session", "-d", "-s", "signal", "-x", "100", "-y", "30", command])
    try pane.wait("mltutor to start", seconds: 60) { $0.contains(ready) }
    let pidText = try String(contentsOf: state.appendingPathComponent("pid"), encoding: .utf8)
    let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(kill(pid, number) == 0)
    try then?(pane)
    try pane.wait("the exit", seconds: 60) { $0.contains("[exit ") && $0.contains("icanon") }
    return try pane.scrollback()
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"), arguments: signals)
  func theTutorEndsByTheSignalWithASaneTerminal(name: String, number: Int32) throws {
    let after = try Self.sendSignal(number, to: "", ready: "Step 1 of")
    #expect(after.contains("[exit \(128 + number)]"), "SIG\(name):\n\(after)")
    #expect(TmuxTerminal.sttyIsSane(after), "SIG\(name) left the terminal:\n\(after)")
    #expect(!after.contains("Step 1 of"), "SIG\(name): the tutor's screen is gone:\n\(after)")
    if number == SIGSEGV && ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"]?.contains("enable=no") != true {
      #expect(after.contains("Program crashed"), "the crash report is shown:\n\(after)")
    } else if number != SIGILL && number != SIGTRAP && number != SIGABRT && number != SIGBUS && number != SIGFPE {
      #expect(!after.contains("crashed"), "SIG\(name) is no crash:\n\(after)")
    }
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func theTutorIgnoresSIGPIPE() throws {
    let after = try Self.sendSignal(SIGPIPE, to: "", ready: "Step 1 of") { pane in
      Thread.sleep(forTimeInterval: 0.5)
      #expect(try pane.screen().contains("Step 1 of"), "the tutor runs on")
      try pane.keys("q")
    }
    #expect(after.contains("[exit 0]"), "\(after)")
    #expect(TmuxTerminal.sttyIsSane(after), "\(after)")
  }

  /// In the REPL, SIGINT is Ctrl-C's (it clears the line or stops training): every other one ends it.
  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"),
    arguments: signals.filter { $0.1 != SIGINT })
  func theREPLEndsByTheSignalWithASaneTerminal(name: String, number: Int32) throws {
    let after = try Self.sendSignal(number, to: "repl", ready: "mltutor>")
    #expect(after.contains("[exit \(128 + number)]"), "SIG\(name):\n\(after)")
    #expect(TmuxTerminal.sttyIsSane(after), "SIG\(name) left the terminal:\n\(after)")
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func theREPLIgnoresSIGPIPE() throws {
    let after = try Self.sendSignal(SIGPIPE, to: "repl", ready: "mltutor>") { pane in
      Thread.sleep(forTimeInterval: 0.5)
      try pane.keys("quit", "Enter")
    }
    #expect(after.contains("[exit 0]"), "\(after)")
    #expect(TmuxTerminal.sttyIsSane(after), "\(after)")
  }
}
