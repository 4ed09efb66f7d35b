import Foundation
import Testing
import Tutor

@testable import Course

/// Review through the course runner, with an injected clock: a lesson completed, a day later
/// its questions come first, the answers are recorded, saved and merged.
@Suite struct ReviewSessionTests {
  static let lesson = """
    # Two questions
    goal: Answer two questions.

    ## Settings
    Some settings are chosen before training.
    quiz: Which of these is a hyperparameter?
    choice: a weight | No: training sets the weights.
    choice*: the learning rate | Yes: you choose it before training starts.

    ## Testing
    A test split is kept aside.
    quiz: What does the test split measure?
    choice*: how the model does on data it never trained on | Right: that is why it is kept aside.
    choice: how fast training runs | No: it measures quality, not speed.

    ## A figure
    The run took some steps.
    quiz: The run took {{steps}} steps. Is that many?
    choice*: no | Right.
    choice: yes | No.
    """

  static let t0 = 1_796_119_200  // 2026-12-01T10:00:00Z
  static let day = ReviewSchedule.day

  /// A course folder with the lesson above.
  static func courseFolder() throws -> String {
    let folder = TestSupport.temporaryDirectory()
    try lesson.write(toFile: folder + "/01-two-questions.md", atomically: true, encoding: .utf8)
    return folder
  }

  static func runner(_ folder: String, store: ProgressStore?, at time: Int) -> CourseSession {
    let runner = CourseSession(course: Course.load(directory: folder), session: TestSupport.session(), store: store)
    runner.now = { time }
    return runner
  }

  /// Plays the lesson through, answering every question right.
  static func complete(_ runner: CourseSession) {
    _ = runner.start()
    for _ in 0..<3 {
      _ = runner.execute(line: "b")
      _ = runner.execute(line: "a")
      _ = runner.execute(line: "next")
    }
  }

  @Test func aDayAfterTheLessonItsQuestionsComeFirstAndTheAnswersAreSaved() throws {
    let folder = try Self.courseFolder()
    let state = TestSupport.temporaryDirectory()
    let first = Self.runner(folder, store: ProgressStore(directory: state), at: Self.t0)
    Self.complete(first)
    #expect(first.progress.state("two-questions").completed)
    #expect(first.progress.state("two-questions").completedAt == Self.t0)

    // The same day: nothing is due, the lesson opens as usual.
    let sameDay = Self.runner(folder, store: ProgressStore(directory: state), at: Self.t0 + Self.day - 1)
    #expect(sameDay.start().events.first == .stepOpened(lesson: "two-questions", step: 2))
    #expect(sameDay.review == nil)

    // A day later: the two questions without figures, in lesson order, before the lesson.
    let later = Self.t0 + Self.day + 3600
    let next = Self.runner(folder, store: ProgressStore(directory: state), at: later)
    let opened = next.start()
    let text = TestSupport.text(opened.outputs)
    #expect(opened.events == [.reviewShown(lesson: "two-questions", step: 0)])
    #expect(text.contains("Before you go on: 2 questions from lessons you have finished"))
    #expect(text.contains("── Review 1 of 2 ──\nLesson 1, Two questions · step 1, Settings\nYou finished that lesson yesterday."))
    #expect(!text.contains("{{steps}}") && !text.contains("Is that many"))
    #expect(next.isLessonCommand("b"))
    #expect(next.execute(line: "hint").outputs == [
      .error("this is a review question: answer it with its letter, or `review skip` to go on with your lesson")
    ])

    // Wrong, then on; right, then on; the lesson opens.
    let wrong = TestSupport.text(next.execute(line: "a").outputs)
    #expect(wrong.contains("a) ✗ No: training sets the weights."))
    #expect(wrong.contains("The answer is b) the learning rate Yes: you choose it before training starts."))
    #expect(wrong.contains("This question comes back tomorrow."))
    #expect(next.execute(line: "answer a").outputs == [.error("this question is answered: → or `next` goes on")])
    let second = next.execute(line: "next")
    #expect(second.events == [.reviewShown(lesson: "two-questions", step: 1)])
    #expect(TestSupport.text(second.outputs).contains("── Review 2 of 2 ──\nLesson 1, Two questions · step 2, Testing\n"))
    let right = TestSupport.text(next.execute(line: "answer a").outputs)
    #expect(right.contains("a) ✓ Right: that is why it is kept aside."))
    #expect(right.contains("This question comes back in 3 days."))
    #expect(right.contains("✓ Review done: 1 of 2 right."))
    let back = next.execute(line: "next")
    #expect(back.events.first == .stepOpened(lesson: "two-questions", step: 2))
    #expect(next.review == nil)

    // Saved: a fresh process reads both answers, and nothing is due until the wrong one's day.
    let saved = ProgressStore(directory: state).load().progress
    let settings = try #require(Course.load(directory: folder).lessons.first?.steps[0].quiz)
    let testing = try #require(Course.load(directory: folder).lessons.first?.steps[1].quiz)
    #expect(saved.reviewAnswers(lesson: "two-questions", step: "Settings", quiz: QuizReview.hash(of: settings)) == [ReviewAnswer(time: later, correct: false)])
    #expect(saved.reviewAnswers(lesson: "two-questions", step: "Testing", quiz: QuizReview.hash(of: testing)) == [ReviewAnswer(time: later, correct: true)])
    let course = Course.load(directory: folder)
    #expect(ReviewRound.due(course, saved, now: later + Self.day - 1).isEmpty)
    #expect(ReviewRound.due(course, saved, now: later + Self.day).map(\.step) == [0])
    #expect(ReviewRound.due(course, saved, now: later + 3 * Self.day).map(\.step) == [0, 1])
  }

  @Test func twoProcessesAnsweringReviewsKeepEachOthersAnswers() throws {
    let folder = try Self.courseFolder()
    let state = TestSupport.temporaryDirectory()
    Self.complete(Self.runner(folder, store: ProgressStore(directory: state), at: Self.t0))
    let later = Self.t0 + 2 * Self.day
    // Both open a day later; A answers the first question, B (later) skips to the lesson.
    let a = Self.runner(folder, store: ProgressStore(directory: state), at: later)
    let b = Self.runner(folder, store: ProgressStore(directory: state), at: later + 60)
    _ = a.start()
    _ = b.start()
    _ = a.execute(line: "b")
    _ = b.execute(line: "review skip")
    _ = b.execute(line: "next")
    let saved = ProgressStore(directory: state).load().progress
    let quiz = try #require(Course.load(directory: folder).lessons.first?.steps[0].quiz)
    #expect(saved.reviewAnswers(lesson: "two-questions", step: "Settings", quiz: QuizReview.hash(of: quiz)) == [ReviewAnswer(time: later, correct: true)])
    #expect(saved.state("two-questions").completedAt == Self.t0)
  }

  @Test func atMostThreeQuestionsTheMostOverdueFirstAndSkipLeavesThemDue() throws {
    let folder = TestSupport.temporaryDirectory()
    // Two lessons of two questions each, finished on different days.
    try Self.lesson.write(toFile: folder + "/01-two-questions.md", atomically: true, encoding: .utf8)
    try Self.lesson.replacingOccurrences(of: "# Two questions", with: "# Two more")
      .write(toFile: folder + "/02-two-more.md", atomically: true, encoding: .utf8)
    let course = Course.load(directory: folder)
    var progress = CourseProgress()
    progress.lessons["two-questions"] = .init(step: 2, doneSteps: [0, 1, 2], completed: true, completedAt: Self.t0)
    progress.lessons["two-more"] = .init(step: 2, doneSteps: [0, 1, 2], completed: true, completedAt: Self.t0 - Self.day)
    let due = ReviewRound.due(course, progress, now: Self.t0 + 5 * Self.day)
    #expect(due.map { "\($0.lesson)/\($0.step)" } == ["1/0", "1/1", "0/0"])

    let runner = Self.runner(folder, store: nil, at: Self.t0 + 5 * Self.day)
    runner.progress = progress
    let opened = TestSupport.text(runner.start().outputs)
    #expect(opened.contains("Before you go on: 3 questions"))
    let skipped = runner.execute(line: "review skip")
    #expect(TestSupport.text(skipped.outputs).contains("Review skipped: the 3 questions left wait for next time."))
    #expect(skipped.events.contains { if case .stepOpened = $0 { return true } else { return false } })
    #expect(runner.progress.reviews.isEmpty)
    #expect(ReviewRound.due(course, runner.progress, now: Self.t0 + 5 * Self.day).count == 3)
    // `review` asks them again on demand.
    #expect(runner.execute(line: "review").events == [.reviewShown(lesson: "two-more", step: 0)])
    #expect(runner.execute(line: "review now").outputs == [.error("usage: review [skip]")])
  }

  @Test func aLessonCompletedBeforeReviewsStartsItsScheduleWhenFirstOpened() throws {
    let folder = try Self.courseFolder()
    let state = TestSupport.temporaryDirectory()
    // A file of the previous format: no completion time, no reviews.
    try """
      {"version":1,"currentLesson":"two-questions","lessons":{"two-questions":{"step":2,"doneSteps":[0,1,2],"completed":true}}}
      """.write(toFile: state + "/progress.json", atomically: true, encoding: .utf8)
    let runner = Self.runner(folder, store: ProgressStore(directory: state), at: Self.t0)
    #expect(runner.startupWarning == nil)
    #expect(runner.start().events.first == .stepOpened(lesson: "two-questions", step: 2))
    #expect(ProgressStore(directory: state).load().progress.state("two-questions").completedAt == Self.t0)
    let tomorrow = Self.runner(folder, store: ProgressStore(directory: state), at: Self.t0 + Self.day)
    #expect(tomorrow.start().events == [.reviewShown(lesson: "two-questions", step: 0)])
  }

  @Test func nothingDueSaysWhenTheNextQuestionIs() throws {
    let folder = try Self.courseFolder()
    let runner = Self.runner(folder, store: nil, at: Self.t0)
    #expect(TestSupport.text(runner.execute(line: "review").outputs)
      == "Nothing to review: questions come back the day after you finish a lesson.")
    Self.complete(runner)
    #expect(TestSupport.text(runner.execute(line: "review").outputs)
      == "Nothing to review now; the next question is due tomorrow, on 2026-12-02.")
  }
}
