import Foundation
import Testing

/// A real terminal for the tests: a tmux server of its own (`-L`), so the learner's sessions
/// are never touched, with one session whose screen the tests read and type into.
struct TmuxTerminal {
  static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  let tmux: String
  /// The session's name, also the target of every command.
  let session: String
  let socket = "mltutor-test-\(UUID().uuidString.prefix(8))"

  init(tmux: String, session: String = "repl") {
    self.tmux = tmux
    self.session = session
  }

  /// Runs a tmux client. NB: bash closes every descriptor above 2 first: the tmux server
  /// would inherit the one Foundation's `Process` watches for the child's exit, and the wait
  /// would last as long as the server.
  func run(_ arguments: [String]) throws -> String {
    let script = """
      for fd in /proc/self/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done 2>/dev/null
      exec "$@"
      """
    // NB: `-u`: the pane decodes UTF-8 whatever the runner's locale, so that a test sees the
    // characters a program really wrote (a tmux without it shows `_` for them).
    return try Binary.runProgram("/bin/bash", ["-c", script, "bash", tmux, "-u", "-L", socket] + arguments).stdout
  }

  func screen() throws -> String { try run(["capture-pane", "-p", "-t", session]) }

  /// The screen with up to `lines` lines scrolled off above it.
  func scrollback(_ lines: Int = 2000) throws -> String {
    try run(["capture-pane", "-p", "-S", "-\(lines)", "-t", session])
  }

  func keys(_ keys: String...) throws { _ = try run(["send-keys", "-t", session] + keys) }

  /// Types a command on the full-screen tutor's command line.
  func command(_ line: String) throws { try keys(":", line, "Enter") }

  func resize(_ width: Int, _ height: Int) throws {
    _ = try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
  }

  /// Waits until the screen satisfies `condition`, for at most `seconds`.
  @discardableResult
  func wait(_ what: String, seconds: Double = 30, until condition: (String) -> Bool) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var text = ""
    while Date() < deadline {
      text = try screen()
      if condition(text) { return text }
      Thread.sleep(forTimeInterval: 0.1)
    }
    Issue.record("timed out waiting for \(what); the screen:\n\(text)")
    return text
  }

  /// Ends the session, and with it the server. NB: not `kill-server`, which signals the
  /// server with SIGTERM: a server started from a test runner may have it blocked.
  func stop() { _ = try? run(["kill-session", "-t", session]) }

  /// Whether `stty -a`'s output (somewhere in `text`) shows a terminal in its usual mode:
  /// signals from keys, line editing, echo, CR to NL on input and output processing all on.
  static func sttyIsSane(_ text: String) -> Bool {
    let words = Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
    return ["isig", "icanon", "echo", "icrnl", "opost"].allSatisfy { words.contains($0) && !words.contains("-" + $0) }
  }

  /// The signals whose default action ends a process, with their numbers on Linux.
  static let terminatingSignals: [(String, Int32)] = [
    ("HUP", SIGHUP), ("INT", SIGINT), ("QUIT", SIGQUIT), ("ILL", SIGILL), ("TRAP", SIGTRAP),
    ("ABRT", SIGABRT), ("BUS", SIGBUS), ("FPE", SIGFPE), ("USR1", SIGUSR1), ("SEGV", SIGSEGV),
    ("USR2", SIGUSR2), ("ALRM", SIGALRM), ("TERM", SIGTERM), ("STKFLT", SIGSTKFLT),
    ("XCPU", SIGXCPU), ("XFSZ", SIGXFSZ), ("VTALRM", SIGVTALRM), ("PROF", SIGPROF),
    ("IO", SIGIO), ("PWR", SIGPWR), ("SYS", SIGSYS),
  ]

  static func lastLine(_ screen: String) -> String {
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: true)
    return lines.last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
  }
}

extension TmuxTerminal {
  /// Waits until the screen satisfies `condition`, for at most `seconds`, and says whether it
  /// did, leaving it to the caller to report a screen that never came.
  func poll(seconds: Double, every interval: Double = 0.15, until condition: (String) -> Bool) throws -> (screen: String, met: Bool) {
    let deadline = Date().addingTimeInterval(seconds)
    var text = try screen()
    while !condition(text) {
      guard Date() < deadline else { return (text, false) }
      Thread.sleep(forTimeInterval: interval)
      text = try screen()
    }
    return (text, true)
  }

  /// Types `line` on the full-screen tutor's command line, every character as itself (a
  /// command such as `set lr 0.1` is never read as tmux's key names).
  func type(command line: String) throws {
    try keys(":")
    try keys("-l", line)
    try keys("Enter")
  }
}
