import Foundation
import Testing

/// `mltutor repl` at a real terminal, driven through tmux: Tab completion, Ctrl-C that stops
/// training and Ctrl-C that clears the line, Ctrl-D to leave, and the history file.
@Suite(.serialized) struct InteractiveTests {
  static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// A tmux server of its own (`-L`), so the learner's sessions are never touched.
  struct Terminal {
    let tmux: String
    let socket = "mltutor-test-\(UUID().uuidString.prefix(8))"

    /// Runs a tmux client. NB: bash closes every descriptor above 2 first: the tmux
    /// server would inherit the one Foundation's `Process` watches for the child's exit, and
    /// the wait would last as long as the server.
    func run(_ arguments: [String]) throws -> String {
      let script = """
        for fd in /proc/self/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done 2>/dev/null
        exec "$@"
        """
      return try Binary.runProgram("/bin/bash", ["-c", script, "bash", tmux, "-L", socket] + arguments).stdout
    }

    func screen() throws -> String { try run(["capture-pane", "-p", "-t", "repl"]) }

    func keys(_ keys: String...) throws { _ = try run(["send-keys", "-t", "repl"] + keys) }

    /// Waits until the screen satisfies `condition`, for at most `seconds`.
    @discardableResult
    func wait(_ what: String, seconds: Double = 20, until condition: (String) -> Bool) throws -> String {
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
    func stop() { _ = try? run(["kill-session", "-t", "repl"]) }
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func promptCompletionInterruptsAndHistory() throws {
    guard let tmux = Self.tmux, let binary = Binary.path else { throw Binary.MissingBinary() }
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let terminal = Terminal(tmux: tmux)
    defer { terminal.stop() }
    let command =
      "env XDG_STATE_HOME='\(state.path)' LANG=C.UTF-8 LC_ALL=C.UTF-8 '\(binary)' repl; echo \"[exit $?]\"; read -r _"
    _ = try terminal.run(["new-session", "-d", "-s", "repl", "-x", "100", "-y", "30", command])

    try terminal.wait("the prompt") { $0.contains("mltutor>") }
    try terminal.keys("data apartments scale=standard", "Enter")
    try terminal.wait("the data") { $0.contains("model: 1-1") }

    // Tab completes a command name.
    try terminal.keys("tr", "Tab")
    try terminal.wait("train completed") { Self.lastLine($0) == "mltutor> train" }
    // A long training run, stopped by Ctrl-C once the progress line shows.
    try terminal.keys("5000000 steps", "Enter")
    try terminal.wait("the progress line") { $0.contains("training: step ") }
    try terminal.keys("C-c")
    let stopped = try terminal.wait("the stop") { $0.contains("(stopped): step ") && Self.lastLine($0) == "mltutor>" }
    #expect(stopped.contains("loss per step"), "the loss chart after stopping:\n\(stopped)")
    #expect(!stopped.contains("training: step "), "the progress line is cleared:\n\(stopped)")

    // Ctrl-C at the prompt clears the half-typed line; the REPL stays.
    try terminal.keys("show hy", "Tab")
    try terminal.wait("show hyper completed") { Self.lastLine($0) == "mltutor> show hyper" }
    try terminal.keys("C-c")
    try terminal.wait("an empty prompt") { Self.lastLine($0) == "mltutor>" && !$0.contains("setting    value") }
    try terminal.keys("eval", "Enter")
    let evaluated = try terminal.wait("eval's table") { $0.contains("split  examples") }
    #expect(!evaluated.contains("error:"), "\(evaluated)")

    // Ctrl-D leaves with status 0.
    try terminal.keys("C-d")
    try terminal.wait("the exit") { $0.contains("[exit 0]") }

    let history = try String(contentsOf: state.appendingPathComponent("mltutor/history"), encoding: .utf8)
      .replacingOccurrences(of: "\\040", with: " ")
    #expect(history.contains("data apartments scale=standard\n"), "\(history)")
    #expect(history.contains("train 5000000 steps\n"), "\(history)")
    #expect(history.contains("eval"), "\(history)")
    #expect(!history.contains("show hyper"), "a line cleared by Ctrl-C is not history: \(history)")
  }

  static func lastLine(_ screen: String) -> String {
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: true)
    return lines.last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
  }
}
