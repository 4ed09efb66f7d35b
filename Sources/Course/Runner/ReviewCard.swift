/// The text of a review question and of its answer: pure functions of the quiz, where it
/// comes from and the time, for every front end to show as lesson-pane lines.
///
///     ── Review 1 of 2 ──
///     Lesson 1, Welcome · step 4, Questions
///     You finished that lesson yesterday.
///
///     Question: You asked for a hint and it was too vague. What do you do?
///       a) Give up on the step: there is only one hint.
///       …
public enum ReviewCard {
  /// The lines that introduce a round of `count` questions.
  public static func intro(count: Int) -> [String] {
    let what = count == 1 ? "one question" : "\(count) questions"
    return ["Before you go on: \(what) from lessons you have finished, to keep them fresh."]
  }

  /// A question: where it comes from, how long ago that lesson was done, and its choices.
  public static func question(
    _ quiz: Quiz, number: Int, of total: Int, lesson: Lesson, lessonNumber: Int, step: LessonStep, stepNumber: Int,
    completedAt: Int, now: Int
  ) -> [String] {
    var lines = [
      "",
      "── Review \(number) of \(total) ──",
      "Lesson \(lessonNumber), \(lesson.title) · step \(stepNumber), \(step.title)",
      "You finished that lesson \(ago(now - completedAt)).",
      "",
      "Question: \(quiz.question)",
    ]
    for (i, choice) in quiz.choices.enumerated() {
      lines.append("  \(Quiz.key(i))) \(choice.text)")
    }
    lines.append("  (answer with its letter; `review skip` skips the review)")
    return lines
  }

  /// The answer given: its explanation, the right one when it was wrong, and when the quiz
  /// comes back (`nextDue`, nil once it is learnt).
  public static func answer(_ quiz: Quiz, chosen: Int, nextDue: Int?, now: Int) -> [String] {
    let choice = quiz.choices[chosen]
    var lines = [""]
    if choice.isCorrect {
      lines.append("\(Quiz.key(chosen))) ✓ \(choice.explanation)")
    } else {
      lines.append("\(Quiz.key(chosen))) ✗ \(choice.explanation)")
      if let right = quiz.correctIndex {
        let r = quiz.choices[right]
        lines.append("The answer is \(Quiz.key(right))) \(r.text) \(r.explanation)")
      }
    }
    if let nextDue {
      lines.append("This question comes back \(within(nextDue - now)).")
    } else {
      lines.append("Right four times in a row: this question is not asked again.")
    }
    return lines
  }

  /// What to do after an answer: the next question, or back to the lesson.
  public static func goOn(isLast: Bool, right: Int, total: Int) -> [String] {
    guard isLast else { return ["", "→ or `next`: the next question."] }
    return ["", "✓ Review done: \(right) of \(total) right. → or `next` goes on with your lesson."]
  }

  /// `today`, `yesterday`, `3 days ago`.
  static func ago(_ seconds: Int) -> String {
    let days = max(0, seconds) / ReviewSchedule.day
    switch days {
    case 0: return "today"
    case 1: return "yesterday"
    default: return "\(days) days ago"
    }
  }

  /// `tomorrow`, `in 3 days`: a whole number of days, rounded up.
  static func within(_ seconds: Int) -> String {
    let days = max(1, (max(0, seconds) + ReviewSchedule.day - 1) / ReviewSchedule.day)
    return days == 1 ? "tomorrow" : "in \(days) days"
  }
}
