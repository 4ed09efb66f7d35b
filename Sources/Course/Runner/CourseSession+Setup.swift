import Tutor

extension CourseSession {
  /// Makes the settings fresh, runs a lesson's or a step's `setup:` commands quietly and says
  /// in one line what the settings now are: "Lesson 8 starts from fresh settings: …".
  func applySetup(_ commands: [SetupCommand], label: String) -> CourseResponse {
    session.restoreFreshSettings()
    var response = CourseResponse()
    for setup in commands {
      for case .error(let message) in session.execute(line: setup.command) {
        response.outputs.append(.error("setup `\(setup.command)` failed: \(message)"))
        response.events.append(.demoFailed(line: setup.line, command: setup.command, message: message))
      }
    }
    response.say("\(label) starts from fresh settings: \(session.settings.trainingSummary).")
    return response
  }

  /// `text` with its `{{…}}` figures filled in from the session now. When figures are being
  /// verified (the linter's replay), a figure that has no value or that the session does not
  /// bear out is noted in `figureProblems` at `line`.
  func shown(_ text: String, line: Int) -> String {
    guard LessonText.hasFigures(text) else { return text }
    if verifiesFigures, let file = currentLesson?.file {
      for figure in LessonText.figures(text) {
        if let message = figure.problem(reader.value) {
          figureProblems.append(LessonProblem(file: file, line: line, message))
        }
      }
    }
    return LessonText.render(text, reader.value)
  }

  /// The question of a step with its choices, figures filled in now; every explanation is
  /// verified too, as each could be shown next.
  func question(_ quiz: Quiz, done: Bool) -> [String] {
    var lines = ["", "Question: \(shown(quiz.question, line: quiz.line))"]
    for (i, choice) in quiz.choices.enumerated() {
      lines.append("  \(Quiz.key(i))) \(shown(choice.text, line: choice.line))")
      if verifiesFigures { _ = shown(choice.explanation, line: choice.line) }
    }
    if !done { lines.append("  (answer with its letter: `answer a` or just `a`)") }
    return lines
  }
}
