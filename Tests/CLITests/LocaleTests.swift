import Foundation
import Testing

/// Without a UTF-8 locale the terminal may not decode UTF-8: the tutor and the REPL then write
/// ASCII only, everywhere (charts, status line, lesson text, messages), unless `--unicode`
/// asks for Unicode.
@Suite struct LocaleTests {
  static let tmux = TmuxTerminal.tmux

  /// Runs `mltutor ARGS` in a 100×30 tmux pane with the locale `locale` and a fresh state
  /// folder, and hands the pane to `body`.
  static func withPane(_ arguments: String, locale: String, _ body: (TmuxTerminal) throws -> Void) throws {
    guard let tmux, let binary = Binary.path else { throw Binary.MissingBinary() }
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let pane = TmuxTerminal(tmux: tmux, session: "locale")
    defer { pane.stop() }
    let command =
      "env -u LC_CTYPE XDG_STATE_HOME='\(state.path)' LANG=\(locale) LC_ALL=\(locale) TERM=xterm-256color '\(binary)' \(arguments); sleep 60"
    _ = try pane.run(["new-session", "-d", "-s", "locale", "-x", "100", "-y", "30", command])
    try body(pane)
  }

  static func nonASCII(_ text: String) -> String {
    String(Set(text.unicodeScalars.filter { !$0.isASCII }.map(Character.init)).sorted())
  }

  /// The tutor training the two moons, with the lesson, a chart, the status line and a note.
  static func tutorScreen(_ pane: TmuxTerminal) throws -> String {
    try pane.wait("the first step") { $0.contains("Step 1 of") }
    try pane.command("data moons")
    try pane.command("model 2-8-2")
    try pane.wait("the model") { $0.contains("2-8-2") }
    try pane.keys("Space")
    try pane.keys("]")
    try pane.wait("training with a new lr", seconds: 60) { $0.contains("lr 0.02") && $0.contains("loss") }
    try pane.keys("Space")
    Thread.sleep(forTimeInterval: 0.5)
    let screen = try pane.screen()
    try pane.keys("q")
    return screen
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"), arguments: ["C", "POSIX"])
  func theTutorDrawsASCIIWithoutAUTF8Locale(locale: String) throws {
    try Self.withPane("", locale: locale) { pane in
      let screen = try Self.tutorScreen(pane)
      #expect(Self.nonASCII(screen).isEmpty, "non-ASCII \(Self.nonASCII(screen)) on:\n\(screen)")
      #expect(screen.contains("lr -> 0.02") || screen.contains("lr 0.02"), "\(screen)")
    }
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func theTutorDrawsUnicodeWhenAsked() throws {
    try Self.withPane("--unicode", locale: "C") { pane in
      let screen = try Self.tutorScreen(pane)
      #expect(screen.contains("·") && screen.contains("│"), "\(screen)")
    }
  }

  /// The REPL's own messages, a lesson's text, a data set's description (`m²`, `→`, `k€`), a
  /// table and a chart.
  static func replScreen(_ pane: TmuxTerminal) throws -> String {
    try pane.wait("the prompt") { $0.contains("mltutor>") }
    try pane.keys("lesson 1", "Enter")
    try pane.wait("the lesson") { $0.contains("Step 1 of") }
    try pane.keys("next", "Enter")
    try pane.wait("step 2") { $0.contains("Step 2 of") }
    try pane.keys("C-l", "data apartments", "Enter", "plot data", "Enter")
    return try pane.wait("the chart") { $0.contains("against surface") && TmuxTerminal.lastLine($0).hasPrefix("mltutor>") }
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func theREPLWritesASCIIWithoutAUTF8Locale() throws {
    try Self.withPane("repl", locale: "C") { pane in
      let screen = try Self.replScreen(pane)
      let all = try pane.scrollback()
      #expect(Self.nonASCII(all).isEmpty, "non-ASCII \(Self.nonASCII(all)) in:\n\(all)")
      #expect(screen.contains("(m^2)") && screen.contains("(kEUR)"), "\(screen)")
    }
  }

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func theREPLWritesUnicodeWhenAsked() throws {
    try Self.withPane("repl --unicode", locale: "C") { pane in
      let screen = try Self.replScreen(pane)
      #expect(screen.contains("m²") && screen.contains("k€"), "\(screen)")
    }
  }

  @Test func asciiAndUnicodeTogetherAreRefused() throws {
    let run = try Binary.run(["repl", "--ascii", "--unicode"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("--ascii and --unicode"), "\(run.stderr)")
  }
}
