import Charts
import TerminalUI
import Testing

/// The review of finished lessons' questions on the full screen: drawn as a pure function,
/// answered with the letter keys, skipped with `S`.
@Suite struct ReviewScreenTests {
  /// The lines the course shows for the first of two review questions.
  static let card = [
    "Before you go on: 2 questions from lessons you have finished, to keep them fresh.",
    "",
    "── Review 1 of 2 ──",
    "Lesson 1, Welcome to mltutor · step 4, Questions",
    "You finished that lesson yesterday.",
    "",
    "Question: You asked for a hint and it was too vague. What do you do?",
    "  a) Give up on the step: there is only one hint.",
    "  b) Type `hint` again for a more precise one.",
    "  c) Type `check` to see the answer.",
    "  (answer with its letter; `review skip` skips the review)",
  ]

  static func snapshot(answered: Bool) -> TutorSnapshot {
    var snap = TutorSnapshot()
    snap.lessonStatus = "review 1/2"
    snap.stepTitle = "welcome: Questions"
    snap.reviewOpen = true
    snap.quizOpen = !answered
    return snap
  }

  static func state() -> TutorState {
    var state = TutorState(width: 80, height: 24)
    state.receive([.text(card)], openedStep: true)
    return state
  }

  @Test func theReviewScreen() {
    let grid = TutorScreen.render(Self.state(), Self.snapshot(answered: false), style: .monochrome)
    Snapshot.check(grid.lines(), named: "review-80x24")
    let lines = grid.lines()
    #expect(lines[0].hasPrefix(" mltutor · review 1/2: welcome: Questions"))
    #expect(lines[23].hasPrefix(" a b c … answer · S skip the review · ? keys · q quit"))
  }

  @Test func anAnsweredQuestionSaysHowToGoOn() {
    var state = Self.state()
    state.asciiText = true
    state.receive([.text(["", "b) ✓ Right: hints escalate.", "This question comes back in 3 days.", "", "→ or `next`: the next question."])])
    let grid = TutorScreen.render(state, Self.snapshot(answered: true), style: .ascii)
    let text = grid.lines().joined(separator: "\n")
    #expect(grid.lines()[23].hasPrefix(" Right go on | S skip the review | ? keys | q quit"))
    #expect(text.contains("b) v Right: hints escalate."), "\(text)")
    #expect(text.contains("-> or `next`: the next question.") || text.contains("-> or next: the next question."), "\(text)")
    #expect(text.contains("This question comes back in 3 days."))
  }

  @Test func lettersAnswerAndCapitalSSkips() {
    var state = Self.state()
    let open = Self.snapshot(answered: false)
    #expect(state.apply(.character("b"), snapshot: open) == [.run("answer b")])
    #expect(state.apply(.character("S"), snapshot: open) == [.run("review skip")])
    #expect(state.apply(.character("S"), snapshot: Self.snapshot(answered: true)) == [.run("review skip")])
    #expect(state.apply(.key(.right), snapshot: Self.snapshot(answered: true)) == [.run("next")])
    // Outside a review, S starts a command like any other letter.
    #expect(state.apply(.character("S"), snapshot: TutorSnapshot()) == [])
    #expect(state.editing && state.editor.line == "S")
  }
}
