import Testing

@testable import Course

/// The review's text as pure functions: the whole lines, exactly.
@Suite struct ReviewCardTests {
  static func quiz() -> Quiz {
    var quiz = Quiz(question: "You asked for a hint and it was too vague. What do you do?", line: 33)
    quiz.choices = [
      Quiz.Choice(text: "Give up on the step.", explanation: "Not so: there are several hints.", isCorrect: false, line: 34),
      Quiz.Choice(text: "Type `hint` again.", explanation: "Right: hints escalate.", isCorrect: true, line: 35),
    ]
    return quiz
  }

  static let lesson = Lesson(
    name: "welcome", file: "Lessons/01-welcome.md", title: "Welcome", goal: "Find your way.",
    steps: [LessonStep(title: "Questions", line: 31)])

  @Test func aQuestion() {
    let t = 1_796_119_200
    #expect(ReviewCard.intro(count: 2) == ["Before you go on: 2 questions from lessons you have finished, to keep them fresh."])
    #expect(ReviewCard.intro(count: 1) == ["Before you go on: one question from lessons you have finished, to keep them fresh."])
    let lines = ReviewCard.question(
      Self.quiz(), number: 1, of: 2, lesson: Self.lesson, lessonNumber: 1, step: Self.lesson.steps[0], stepNumber: 4,
      completedAt: t, now: t + 3 * ReviewSchedule.day + 60)
    #expect(lines == [
      "",
      "── Review 1 of 2 ──",
      "Lesson 1, Welcome · step 4, Questions",
      "You finished that lesson 3 days ago.",
      "",
      "Question: You asked for a hint and it was too vague. What do you do?",
      "  a) Give up on the step.",
      "  b) Type `hint` again.",
      "  (answer with its letter; `review skip` skips the review)",
    ])
  }

  @Test func answersRightAndWrong() {
    let t = 1_796_119_200
    let day = ReviewSchedule.day
    #expect(ReviewCard.answer(Self.quiz(), chosen: 1, nextDue: t + 7 * day, now: t) == [
      "", "b) ✓ Right: hints escalate.", "This question comes back in 7 days.",
    ])
    #expect(ReviewCard.answer(Self.quiz(), chosen: 0, nextDue: t + day, now: t) == [
      "", "a) ✗ Not so: there are several hints.", "The answer is b) Type `hint` again. Right: hints escalate.",
      "This question comes back tomorrow.",
    ])
    #expect(ReviewCard.answer(Self.quiz(), chosen: 1, nextDue: nil, now: t) == [
      "", "b) ✓ Right: hints escalate.", "Right four times in a row: this question is not asked again.",
    ])
    #expect(ReviewCard.goOn(isLast: false, right: 1, total: 3) == ["", "→ or `next`: the next question."])
    #expect(ReviewCard.goOn(isLast: true, right: 2, total: 3) == [
      "", "✓ Review done: 2 of 3 right. → or `next` goes on with your lesson.",
    ])
  }
}
