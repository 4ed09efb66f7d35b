import Foundation
import Testing
import Tutor

@testable import Course

/// Lessons declare the state they start from; checks count only commands that succeeded;
/// figures are read when shown; a finished course reopens finished.
@Suite struct LessonSetupTests {
  func course(store: ProgressStore? = nil) -> CourseSession {
    CourseSession(course: Course.load(directory: TestSupport.lessons), session: TestSupport.session(), store: store)
  }

  @Test func aLessonStartsFromFreshSettingsWhateverTheLessonBeforeLeft() throws {
    let runner = course()
    _ = runner.open(lesson: "overfitting")
    for line in ["set dropout 0.5", "set l2 0.01", "set seed 7", "set batch 8"] { _ = runner.execute(line: line) }
    let opened = try #require(runner.open(lesson: "minima"))
    #expect(TestSupport.text(opened.outputs).contains(
      "Lesson 8 starts from fresh settings: optimizer sgd, lr 0.01, batch 32, seed 0; no L1, L2, dropout or clipping."))
    for (name, value) in [("dropout", 0.0), ("l2", 0.0), ("seed", 0.0), ("batch", 32.0)] {
      #expect(runner.reader.value(of: name) == .value(.number(value)), "\(name)")
    }
  }

  @Test func theLastStepOfMinimaDoesNotInheritDropout() throws {
    let runner = course()
    _ = runner.open(lesson: "overfitting")
    _ = runner.execute(line: "set dropout 0.5")
    _ = runner.open(lesson: "minima")
    // Walk to the last step: each `next` solves the step before by its hint.
    var last = CourseResponse()
    for _ in 0..<5 { last = runner.execute(line: "next") }
    #expect(runner.position == CoursePosition(lesson: 7, step: 5))
    #expect(TestSupport.text(last.outputs).contains("Step 6 starts from fresh settings: optimizer sgd, lr 0.5, batch 32, seed 0; no L1, L2, dropout or clipping."))
    #expect(runner.reader.value(of: "dropout") == .value(.number(0)))
    for line in ["fork fast", "reset", "set lr 1", "train 300"] { _ = runner.execute(line: line) }
    guard case .value(.number(let accuracy)) = runner.reader.value(of: "test_accuracy") else {
      Issue.record("no test accuracy")
      return
    }
    // The question says about 99% and one or two mistakes in 200 points.
    #expect(accuracy >= 0.985)
  }

  @Test func lessonSetupCommandsRunAfterTheReset() throws {
    let runner = course()
    let opened = try #require(runner.open(lesson: "overfitting"))
    #expect(TestSupport.text(opened.outputs).contains(
      "Lesson 7 starts from fresh settings: optimizer adam, lr 0.05, batch 32, seed 0; no L1, L2, dropout or clipping."))
    #expect(runner.reader.value(of: "optimizer") == .value(.string("adam")))
  }

  @Test func aCommandThatFailsDoesNotCountAsDone() throws {
    let runner = course()
    _ = runner.open(lesson: "training-loop")
    _ = runner.execute(line: "next")
    #expect(runner.position == CoursePosition(lesson: 3, step: 1))
    _ = runner.execute(line: "step")
    let failed = runner.execute(line: "show gradients")
    #expect(TestSupport.text(failed.outputs).hasPrefix("error: "))
    #expect(!failed.events.contains(.stepDone(lesson: "training-loop", step: 1)))
    #expect(runner.reader.value(of: "last_command") == .value(.string("step")))
    #expect(!runner.taskSolved)
    _ = runner.execute(line: "show grad")
    #expect(runner.taskSolved)
  }

  @Test func aQuestionAboutTheTasksResultWaitsForItAndQuotesTheSession() throws {
    let runner = course()
    _ = runner.open(lesson: "overfitting")
    let opened = TestSupport.text(runner.execute(line: "hint").outputs)
    #expect(opened.hasPrefix("Hint 1"))
    let reshown = TestSupport.text(runner.execute(line: "lesson").outputs)
    #expect(reshown.contains("A question follows once the task is done."))
    #expect(!reshown.contains("{{"))
    let early = runner.execute(line: "a")
    #expect(TestSupport.text(early.outputs) == "error: first the task: the question is about what it brings out")
    let done = TestSupport.text(runner.execute(line: "train 2000").outputs)
    guard case .value(.number(let train)) = runner.reader.value(of: "train_loss"),
      case .value(.number(let test)) = runner.reader.value(of: "test_loss")
    else {
      Issue.record("no losses")
      return
    }
    let quoted = "The line's training loss is \(String(format: "%.2f", train)) and its test loss \(String(format: "%.2f", test))"
    #expect(done.contains("✓ Task done. Now the question:"))
    #expect(done.contains("Question: " + quoted), "\(done)")
    #expect(TestSupport.text(runner.execute(line: "a").outputs).hasPrefix("a) ✓"))
  }

  @Test func aFinishedCourseReopensFinished() throws {
    let directory = TestSupport.temporaryDirectory()
    let store = ProgressStore(directory: directory)
    let lessons = Course.load(directory: TestSupport.lessons).lessons
    var progress = CourseProgress()
    for lesson in lessons {
      progress.lessons[lesson.name] = .init(step: lesson.steps.count - 1, doneSteps: Array(lesson.steps.indices), completed: true)
    }
    let last = try #require(lessons.last)
    progress.currentLesson = last.name
    _ = try store.save(progress)
    let runner = course(store: ProgressStore(directory: directory))
    let opened = runner.start()
    #expect(TestSupport.text(opened.outputs).contains("You have completed the course"))
    #expect(runner.position == CoursePosition(lesson: lessons.count - 1, step: last.steps.count - 1))
    #expect(runner.progress.state(last.name).doneSteps == Array(last.steps.indices))
    #expect(TestSupport.text(opened.outputs).contains("✓ You have done this step before"))
    // What was saved says the same.
    let saved = ProgressStore(directory: directory).load(course: runner.course).progress
    #expect(saved.state(last.name).doneSteps == Array(last.steps.indices))
    #expect(saved.state(last.name).completed)
  }
}
