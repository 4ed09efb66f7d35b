import Foundation
import Testing
import Tutor

@testable import Course

@Suite struct CourseSessionTests {
  func course(store: ProgressStore? = nil) -> CourseSession {
    CourseSession(course: Course.load(directory: TestSupport.lessons), session: TestSupport.session(), store: store)
  }

  /// What a learner types, step by step, through lessons 1 to 3 (a wrong answer here and there).
  static let learner: [[String]] = [
    ["help"], ["hint"], ["data moons", "plot data"], ["a", "answer b"], ["lessons"],
    ["c"], ["set w 4.5", "set b 10"], ["model 2-16-2", "b"], ["set lr 0.1", "a", "b"], ["train 300", "b"],
    ["threshold 3.5,6.5", "a"], ["train 300", "a"],
    ["b"], ["set w 4", "set b 60"], ["step", "step", "step", "b"], ["c", "set lr 0.01", "train 30"],
    ["data apartments scale=standard", "set lr 0.1", "train 100"], ["b"], ["predict 75", "b"],
    ["b", "a", "data apartments scale=standard outliers=0", "set lr 0.1", "train 100"],
  ]

  @Test func aLearnerCompletesTheFirstThreeLessons() throws {
    let runner = course()
    var transcript: [String] = []
    let opened = runner.start()
    transcript.append(TestSupport.text(opened.outputs))
    #expect(opened.events == [.stepOpened(lesson: "welcome", step: 0)])
    let names = ["welcome", "what-is-a-model", "apartments"]
    var done: [CourseEvent] = []
    var finished: [String] = []
    for lines in CourseSessionTests.learner {
      for line in lines {
        let response = runner.execute(line: line)
        transcript.append("> \(line)\n" + TestSupport.text(response.outputs))
        done += response.events.filter { if case .stepDone = $0 { return true } else { return false } }
        for case .lessonDone(let name) in response.events { finished.append(name) }
      }
      let next = runner.execute(line: "next")
      transcript.append("> next\n" + TestSupport.text(next.outputs))
    }
    if let path = ProcessInfo.processInfo.environment["MLTUTOR_TRANSCRIPT"] {
      try transcript.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
    let lessons = runner.course.lessons.prefix(3)
    let expected = lessons.flatMap { lesson in lesson.steps.indices.map { CourseEvent.stepDone(lesson: lesson.name, step: $0) } }
    #expect(done == expected)
    #expect(finished == names)
    for name in names { #expect(runner.progress.state(name).completed) }
  }

  @Test func hintsEscalateThenRepeatTheLast() {
    let runner = course()
    _ = runner.open(lesson: "apartments")
    _ = runner.execute(line: "next")
    let texts = (0..<4).map { _ in TestSupport.text(runner.execute(line: "hint").outputs) }
    #expect(texts[0].hasPrefix("Hint 1 of 3: A small flat"))
    #expect(texts[1].hasPrefix("Hint 2 of 3: w = "))
    #expect(texts[2] == "Hint 3 of 3: `set w 4` then `set b 60`")
    #expect(texts[3] == "Hint 3 of 3 (that was the last): `set w 4` then `set b 60`")
  }

  @Test func checkShowsTheNumbersItLooksAt() {
    let runner = course()
    _ = runner.open(lesson: "apartments")
    _ = runner.execute(line: "next")
    _ = runner.execute(line: "set w 4")
    let text = TestSupport.text(runner.execute(line: "check").outputs)
    #expect(text == "Check `train_loss < 15000`: not yet (train_loss = 20333.9)")
    let done = runner.execute(line: "set b 60")
    #expect(done.events == [.stepDone(lesson: "apartments", step: 1)])
    #expect(TestSupport.text(done.outputs).contains("✓ Step 2 done. `next` for step 3: Gradient descent, one step at a time."))
  }

  @Test func answersAreExplainedRightOrWrong() {
    let runner = course()
    _ = runner.open(lesson: "welcome")
    for _ in 0..<3 { _ = runner.execute(line: "next") }
    let wrong = runner.execute(line: "answer a")
    #expect(wrong.events == [.answered(correct: false)])
    #expect(TestSupport.text(wrong.outputs).hasPrefix("a) ✗ Not so: a task has several hints"))
    #expect(TestSupport.text(runner.execute(line: "answer z").outputs) == "error: answer with a letter from a to c")
    let right = runner.execute(line: "B")
    #expect(right.events == [.answered(correct: true), .stepDone(lesson: "welcome", step: 3)])
  }

  @Test func nextSolvesAnUnfinishedTaskAndBackReturns() {
    let runner = course()
    _ = runner.open(lesson: "apartments")
    _ = runner.execute(line: "next")
    let skipped = runner.execute(line: "next")
    let text = TestSupport.text(skipped.outputs)
    #expect(text.contains("Skipping this task. Here is how it is done:\n› set w 4"))
    #expect(skipped.events.first == .stepOpened(lesson: "apartments", step: 2))
    #expect(!runner.isDone(CoursePosition(lesson: 2, step: 1)))
    #expect(runner.reader.value(of: "w") != .value(.number(4)), "the next step's demo resets the weights")
    let back = runner.execute(line: "back")
    #expect(back.events.first == .stepOpened(lesson: "apartments", step: 1))
    #expect(TestSupport.text(runner.execute(line: "back").outputs).contains("── Step 1 of 8: A cloud of flats ──"))
    #expect(TestSupport.text(runner.execute(line: "back").outputs) == "error: this is the first step of the lesson")
  }

  @Test func helpListsTheLessonCommands() {
    let runner = course()
    let all = TestSupport.text(runner.execute(line: "help").outputs)
    #expect(all.contains("a hint for the task; ask again for a stronger one"))
    #expect(TestSupport.text(runner.execute(line: "help answer").outputs).hasPrefix("answer LETTER\n"))
    #expect(runner.isLessonCommand("next"))
    #expect(!runner.isLessonCommand("train 10"))
    #expect(TestSupport.text(runner.execute(line: "lesson nine").outputs).hasPrefix("error: no lesson 'nine'"))
  }

  @Test func aLessonOpenedAgainResumesAndAFinishedOneStartsOver() {
    let directory = TestSupport.temporaryDirectory()
    let first = course(store: ProgressStore(directory: directory))
    _ = first.start()
    for line in ["help", "next", "hint", "next"] { _ = first.execute(line: line) }
    // A new tutor on the same progress resumes at step 3 of the welcome lesson.
    let second = course(store: ProgressStore(directory: directory))
    let resumed = second.start()
    #expect(resumed.events == [.stepOpened(lesson: "welcome", step: 2)])
    #expect(second.progress.state("welcome").doneSteps == [0, 1])
    for line in ["data moons", "plot data", "next", "b", "next", "lessons"] { _ = second.execute(line: line) }
    #expect(second.progress.state("welcome").completed)
    let listing = TestSupport.text(second.execute(line: "lessons").outputs)
    let row = listing.split(separator: "\n").first { $0.contains(" welcome ") }
    #expect(row?.contains("Welcome to mltutor") == true && row?.hasSuffix("done") == true, "\(listing)")
    let redo = second.execute(line: "lesson 1")
    #expect(redo.events == [.stepOpened(lesson: "welcome", step: 0)])
    #expect(second.progress.state("welcome").doneSteps == [])
    #expect(second.progress.state("welcome").completed)
  }

  @Test func resumingLaterInALessonReplaysTheEarlierSteps() {
    let directory = TestSupport.temporaryDirectory()
    let first = course(store: ProgressStore(directory: directory))
    _ = first.open(lesson: "apartments")
    for line in ["b", "next", "set w 4", "set b 60", "next", "step 3", "b", "next"] { _ = first.execute(line: line) }
    let second = course(store: ProgressStore(directory: directory))
    let resumed = second.start()
    #expect(resumed.events == [.stepOpened(lesson: "apartments", step: 3)])
    #expect(TestSupport.text(resumed.outputs).contains("(resuming at step 4"))
    #expect(second.reader.value(of: "steps") == .value(.number(3)))
    #expect(second.reader.value(of: "lr") == .value(.number(0.0001)))
  }
}
