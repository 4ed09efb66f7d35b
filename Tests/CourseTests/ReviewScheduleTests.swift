import Testing

@testable import Course

/// The review schedule as a pure function of the completion time and the answers.
@Suite struct ReviewScheduleTests {
  let t = 1_795_000_000
  let day = ReviewSchedule.day

  func right(_ at: Int) -> ReviewAnswer { ReviewAnswer(time: at, correct: true) }
  func wrong(_ at: Int) -> ReviewAnswer { ReviewAnswer(time: at, correct: false) }

  @Test func rightAnswersSpreadTheReviewsOut() {
    // Done at t: due a day later; each right answer, given when due, moves the next due
    // 3, 7, then 21 days further; the fourth right answer in a row retires the quiz.
    #expect(ReviewSchedule.due(completedAt: t, answers: []) == t + day)
    let first = t + day
    #expect(ReviewSchedule.due(completedAt: t, answers: [right(first)]) == first + 3 * day)
    let second = first + 3 * day
    #expect(ReviewSchedule.due(completedAt: t, answers: [right(first), right(second)]) == second + 7 * day)
    let third = second + 7 * day
    let three = [right(first), right(second), right(third)]
    #expect(ReviewSchedule.due(completedAt: t, answers: three) == third + 21 * day)
    #expect(ReviewSchedule.due(completedAt: t, answers: three + [right(third + 21 * day)]) == nil)
  }

  @Test func aWrongAnswerBringsTheQuizBackTheNextDayAndRestartsTheLadder() {
    let first = t + day
    let second = first + 3 * day
    let late = second + 7 * day
    // Wrong after two right ones: back a day later, not 21.
    let answers = [right(first), right(second), wrong(late)]
    #expect(ReviewSchedule.due(completedAt: t, answers: answers) == late + day)
    // Right again: the ladder starts over at 3 days.
    #expect(ReviewSchedule.due(completedAt: t, answers: answers + [right(late + day)]) == late + day + 3 * day)
    // Wrong at once: the next day.
    #expect(ReviewSchedule.due(completedAt: t, answers: [wrong(first)]) == first + day)
  }

  @Test func answersCountInTimeOrderWhateverTheirOrderInTheFile() {
    let a = [right(t + day), wrong(t + 4 * day), right(t + 5 * day)]
    #expect(ReviewSchedule.due(completedAt: t, answers: a.reversed()) == ReviewSchedule.due(completedAt: t, answers: a))
    #expect(ReviewSchedule.due(completedAt: t, answers: a) == t + 5 * day + 3 * day)
  }

  @Test func aQuizIsKnownByItsTextAndAnEditChangesItsHash() {
    var quiz = Quiz(question: "Which is a hyperparameter?", line: 3)
    quiz.choices = [
      Quiz.Choice(text: "a weight", explanation: "No.", isCorrect: false, line: 4),
      Quiz.Choice(text: "the learning rate", explanation: "Yes.", isCorrect: true, line: 5),
    ]
    let hash = QuizReview.hash(of: quiz)
    // FNV-1a of "Which is a hyperparameter?\n-a weight\n*the learning rate\n", leading zero kept.
    #expect(hash == "0507eaff5671ea94")
    // The same on every call; another question, or another right choice, is another quiz.
    #expect(QuizReview.hash(of: quiz) == hash)
    var edited = quiz
    edited.choices[0] = Quiz.Choice(text: "a weight", explanation: "No.", isCorrect: true, line: 4)
    #expect(QuizReview.hash(of: edited) != hash)
    #expect(QuizReview.hash(of: Quiz(question: "Which is a parameter?", line: 3)) != QuizReview.hash(of: Quiz(question: "Which is a hyperparameter?", line: 3)))
  }

  @Test func theClockForTestsReadsAnISOTimeOrSeconds() {
    #expect(ReviewClock.parse("2026-12-01T10:00:00Z") == 1_796_119_200)
    #expect(ReviewClock.parse("1796119200") == 1_796_119_200)
    #expect(ReviewClock.parse("tomorrow") == nil)
    #expect(ReviewClock.parse("-5") == nil)
    #expect(ReviewClock.now(environment: ["MLTUTOR_NOW": "2026-12-01T10:00:00Z"]) == 1_796_119_200)
    #expect(ReviewClock.day(1_796_119_200) == "2026-12-01")
  }
}
