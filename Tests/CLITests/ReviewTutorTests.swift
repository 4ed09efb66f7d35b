import Foundation
import Testing

/// The full-screen tutor a day after two lessons were completed (the clock set with
/// `MLTUTOR_NOW`): their questions come first, a letter answers one and shows why, → goes
/// on, `S` skips the rest, and the answer is saved with the progress.
@Suite(.serialized) struct ReviewTutorTests {
  static let tmux = TmuxTerminal.tmux

  /// Welcome and what-is-a-model completed on 2026-12-01 at 10:00 UTC.
  static let progress = """
    {"version":1,"currentLesson":"what-is-a-model","lessons":{
    "welcome":{"step":0,"doneSteps":[],"completed":true,"completedAt":1796119200},
    "what-is-a-model":{"step":0,"doneSteps":[],"completed":true,"completedAt":1796119200}}}
    """

  @Test(.enabled(if: tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func theReviewComesFirstAndSSkipsIt() throws {
    guard let tmux = Self.tmux, let binary = Binary.path else { throw Binary.MissingBinary() }
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let folder = state.appendingPathComponent("mltutor")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Self.progress.write(to: folder.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
    let pane = TmuxTerminal(tmux: tmux, session: "review")
    defer { pane.stop() }
    let command =
      "env XDG_STATE_HOME='\(state.path)' MLTUTOR_NOW=2026-12-02T12:00:00Z LANG=C.UTF-8 LC_ALL=C.UTF-8 NCURSES_NO_UTF8_ACS=1 TERM=xterm-256color '\(binary)'; echo \"[exit $?]\"; sleep 60"
    _ = try pane.run(["new-session", "-d", "-s", "review", "-x", "100", "-y", "30", command])

    // The review screen: where the question comes from, the keys on the bottom row.
    let first = try pane.wait("the review screen") { $0.contains("── Review 1 of 3 ──") }
    #expect(first.contains("mltutor · review 1/3: welcome:"), "\(first)")
    #expect(first.contains("Lesson 1, Welcome to mltutor"), "\(first)")
    #expect(first.contains("yesterday."), "\(first)")
    #expect(first.contains("S skip the review"), "\(first)")
    #expect(!first.contains("Step 1 of"), "\(first)")

    // A letter answers: the explanation and when the question comes back; → goes on.
    try pane.keys("b")
    try pane.wait("the explanation") { $0.contains("This question comes back") && $0.contains("→ go on") }
    try pane.keys("Right")
    let second = try pane.wait("the second question") { $0.contains("── Review 2 of 3 ──") && $0.contains("Lesson 2, What is a model?") }
    #expect(!second.contains("This question comes back"), "a fresh pane for each question:\n\(second)")

    // S skips the rest: the lesson opens where the learner left it.
    try pane.keys("S")
    let lesson = try pane.wait("the lesson") { $0.contains("Step 1 of") && !$0.contains("review 2/3") }
    #expect(lesson.contains("mltutor · what-is-a-model 1/"), "\(lesson)")
    try pane.keys("q")
    try pane.wait("the exit") { $0.contains("[exit 0]") }

    // The one answer is saved with the progress; the skipped questions are not.
    let saved = try String(contentsOf: folder.appendingPathComponent("progress.json"), encoding: .utf8)
    #expect(saved.contains("\"lesson\" : \"welcome\""), "\(saved)")
    #expect(saved.contains("\"time\" : 1796212800"), "\(saved)")
    #expect(!saved.contains("\"lesson\" : \"what-is-a-model\""), "\(saved)")
  }
}
