import Foundation
import Testing

/// The terminal goes away under a running tutor (its window closed, the connection dropped,
/// its terminal emulator killed) without a hang-up signal reaching it (`nohup`, or a signal
/// that went only to the shell): the tutor sees its input hang up and ends, instead of
/// spinning on reads that fail at once.
@Suite struct TerminalHangupTests {
  static func alive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

  @Test(.enabled(if: TmuxTerminal.tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func theTutorEndsWhenItsTerminalIsGone() throws {
    guard let tmux = TmuxTerminal.tmux, let binary = Binary.path else { throw Binary.MissingBinary() }
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let launcher = state.appendingPathComponent("launch.sh")
    // SIGHUP ignored, as under nohup: only the hang-up of its input can tell the tutor.
    try """
      trap '' HUP
      echo $$ > "$1/pid"
      exec env XDG_STATE_HOME="$1" LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color "$2"
      """.write(to: launcher, atomically: true, encoding: .utf8)
    let pane = TmuxTerminal(tmux: tmux, session: "hangup")
    defer { pane.stop() }
    let command = "bash '\(launcher.path)' '\(state.path)' '\(binary)'"
    _ = try pane.run(["new-session", "-d", "-s", "hangup", "-x", "100", "-y", "30", command])
    try pane.wait("the tutor to start", seconds: 60) { $0.contains("Step 1 of") }
    let pidText = try String(contentsOf: state.appendingPathComponent("pid"), encoding: .utf8)
    let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
    let serverText = try pane.run(["display-message", "-p", "#{pid}"])
    let server = try #require(Int32(serverText.trimmingCharacters(in: .whitespacesAndNewlines)))
    // The terminal vanishes at once: no server left to send anything.
    #expect(kill(server, SIGKILL) == 0)
    let deadline = Date().addingTimeInterval(20)
    while Self.alive(pid) && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
    let stillThere = Self.alive(pid)
    if stillThere { kill(pid, SIGKILL) }
    #expect(!stillThere, "the tutor was still running 20 s after its terminal went away")
  }
}
