import Foundation
import Testing

/// `mltutor repl` at a real terminal, driven through tmux: Tab completion, Ctrl-C that stops
/// training and Ctrl-C that clears the line, Ctrl-D to leave, and the history file.
@Suite(.serialized) struct InteractiveTests {
  static let tmux = TmuxTerminal.tmux

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func promptCompletionInterruptsAndHistory() throws {
    guard let tmux = Self.tmux, let binary = Binary.path else { throw Binary.MissingBinary() }
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let terminal = TmuxTerminal(tmux: tmux)
    defer { terminal.stop() }
    let command =
      "env XDG_STATE_HOME='\(state.path)' LANG=C.UTF-8 LC_ALL=C.UTF-8 '\(binary)' repl; echo \"[exit $?]\"; read -r _"
    _ = try terminal.run(["new-session", "-d", "-s", "repl", "-x", "100", "-y", "30", command])

    try terminal.wait("the prompt") { $0.contains("mltutor>") }
    try terminal.keys("data apartments scale=standard", "Enter")
    try terminal.wait("the data") { $0.contains("model: 1-1") }

    // Tab completes a command name.
    try terminal.keys("tr", "Tab")
    try terminal.wait("train completed") { TmuxTerminal.lastLine($0) == "mltutor> train" }
    // A long training run, stopped by Ctrl-C once the progress line shows.
    try terminal.keys("5000000 steps", "Enter")
    try terminal.wait("the progress line") { $0.contains("training: step ") }
    try terminal.keys("C-c")
    let stopped = try terminal.wait("the stop") { $0.contains("(stopped): step ") && TmuxTerminal.lastLine($0) == "mltutor>" }
    #expect(stopped.contains("loss per step"), "the loss chart after stopping:\n\(stopped)")
    #expect(!stopped.contains("training: step "), "the progress line is cleared:\n\(stopped)")

    // Ctrl-C at the prompt clears the half-typed line; the REPL stays.
    try terminal.keys("show hy", "Tab")
    try terminal.wait("show hyper completed") { TmuxTerminal.lastLine($0) == "mltutor> show hyper" }
    try terminal.keys("C-c")
    try terminal.wait("an empty prompt") { TmuxTerminal.lastLine($0) == "mltutor>" && !$0.contains("setting    value") }
    try terminal.keys("eval", "Enter")
    let evaluated = try terminal.wait("eval's table") { $0.contains("split  examples") }
    #expect(!evaluated.contains("error:"), "\(evaluated)")

    // `train` with no count goes at the pace, here 10 steps a second, until Ctrl-C; the model
    // keeps what it learned.
    try terminal.keys("set pace 10", "Enter")
    try terminal.wait("the pace") { $0.contains("pace = 10 steps/s") }
    try terminal.keys("train", "Enter")
    try terminal.wait("the paced progress line") { $0.contains("training: step ") }
    Thread.sleep(forTimeInterval: 1.5)
    try terminal.keys("C-c")
    let paced = try terminal.wait("the paced stop") { text in
      text.contains("steps (stopped)") && !text.contains("training: step ") && TmuxTerminal.lastLine(text) == "mltutor>"
    }
    let tail = paced.components(separatedBy: "trained ").last ?? ""
    let steps = Int(tail.prefix { $0.isNumber }) ?? -1
    #expect((5...40).contains(steps), "about 1.5 s at 10 steps a second:\n\(paced)")

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
}
