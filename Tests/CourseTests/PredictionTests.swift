import Charts
import Foundation
import Testing
import Tutor

@testable import Course

/// Predict, then observe: a prediction is asked before what follows it, committed once,
/// shown beside the outcome, saved, and checked by the linter.
@Suite struct PredictionTests {
  static let lesson = """
    # Predictions
    goal: Predict, then observe.

    ## Shapes
    demo: data apartments scale=standard
    demo: model linear
    demo: set lr 0.1
    predict: What will the loss do?
    shape: falls-then-flat | not diverged and loss_dropped > 0.5
    shape: blows-up | diverged
    why: Scaled flats suit lr {{lr}}.
    demo: train 50
    quiz: Done?
    choice*: yes | right
    choice: no | wrong

    ## A number
    predict: Where will the training loss be once the task is done, in thousands?
    outcome: train_loss / 1000
    within: 1
    why: The line fits.
    task: Train 20 more steps.
    check: steps >= 70
    hint: `train 20`
    """

  func runner(store: ProgressStore? = nil) throws -> CourseSession {
    let folder = TestSupport.temporaryDirectory()
    try Self.lesson.write(toFile: folder + "/01-predictions.md", atomically: true, encoding: .utf8)
    let course = Course.load(directory: folder)
    #expect(course.problems.isEmpty, "\(course.problems)")
    return CourseSession(course: course, session: TestSupport.session(), store: store)
  }

  @Test func theParserReadsShapesAndNumbers() throws {
    let (lesson, problems) = LessonParser.parse(Self.lesson, file: "01-predictions.md", name: "predictions")
    #expect(problems.isEmpty, "\(problems)")
    let steps = try #require(lesson).steps
    let shapes = try #require(steps[0].prediction)
    #expect(shapes.blockIndex == 3)
    #expect(shapes.options.map(\.shape) == [.fallsThenFlat, .blowsUp])
    #expect(shapes.options.map(\.conditionSource) == ["not diverged and loss_dropped > 0.5", "diverged"])
    #expect(!shapes.isNumber)
    let number = try #require(steps[1].prediction)
    #expect(number.isNumber && number.tolerance == 1 && number.outcome != nil)
    #expect(number.why == "The line fits.")
  }

  @Test func whatFollowsWaitsForTheChoiceThenShowsItBesideTheOutcome() throws {
    let runner = try runner()
    let opened = TestSupport.text(runner.open(lesson: 0).outputs)
    let curve = MiniCurve(.fallsThenFlat).render(width: 10).lines()[0]
    #expect(opened.contains("Predict: What will the loss do?"))
    #expect(opened.contains("  a) \(curve)  falls, then levels off"))
    #expect(!opened.contains("› train 50"), "the demo after the prediction waits")
    #expect(!opened.contains("Question:"), "so does the question")
    #expect(runner.predictionOpen)

    let refused = TestSupport.text(runner.execute(line: "train 5").outputs)
    #expect(refused.hasPrefix("error: first your prediction"))
    #expect(runner.session.trainer?.steps == 0)
    #expect(TestSupport.text(runner.execute(line: "guess z").outputs).hasPrefix("error: predict with a letter from a to b"))

    let shown = TestSupport.text(runner.execute(line: "a").outputs)
    #expect(shown.contains("Your prediction: a) falls, then levels off."))
    #expect(shown.contains("› train 50"))
    #expect(shown.contains("  you predicted   a) \(curve)  falls, then levels off"))
    #expect(shown.contains("  what happened   a) \(curve)  falls, then levels off"))
    #expect(shown.contains("✓ As you predicted.\nWhy: Scaled flats suit lr 0.1."))
    #expect(shown.contains("Question: Done?"))
    #expect(!runner.predictionPending)
    #expect(runner.progress.state("predictions").predictions == [0: "a"])
    #expect(TestSupport.text(runner.execute(line: "guess b").outputs).hasPrefix("error: your prediction is in already"))
    #expect(runner.execute(line: "a").events.contains(.stepDone(lesson: "predictions", step: 0)))

    // Back on the step, the saved prediction stands and the demos run at once.
    _ = runner.execute(line: "next")
    let again = TestSupport.text(runner.execute(line: "back").outputs)
    #expect(again.contains("(your prediction: a) falls, then levels off)"))
    #expect(again.contains("› train 50"))
    #expect(again.contains("what happened"))
  }

  @Test func aNumberIsTypedAndTheTaskRevealsTheOutcome() throws {
    let runner = try runner()
    _ = runner.open(lesson: 0)
    _ = runner.execute(line: "a")
    _ = runner.execute(line: "a")
    let opened = TestSupport.text(runner.execute(line: "next").outputs)
    #expect(opened.contains("Predict: Where will the training loss be"))
    #expect(opened.contains("`guess 50`"))
    #expect(!opened.contains("Task:"), "the task waits for the prediction")
    #expect(!runner.predictionOpen, "letters do not answer a number")
    #expect(TestSupport.text(runner.execute(line: "guess many").outputs).hasPrefix("error: `many` is not a number"))
    let committed = TestSupport.text(runner.execute(line: "guess 3").outputs)
    #expect(committed.contains("Your prediction: 3."))
    #expect(committed.contains("Task: Train 20 more steps."))
    #expect(!committed.contains("the run gave"), "the task has not run yet")
    let done = TestSupport.text(runner.execute(line: "train 20").outputs)
    guard case .value(.number(let x)) = runner.reader.value(of: "train_loss") else { Issue.record("no training loss"); return }
    let measured = FigureFormat(grouping: true, decimals: 1).format(.number(x / 1000))
    #expect(done.contains("  you predicted   3\n  the run gave    \(measured)"))
    let verdict = abs(3 - x / 1000) <= 1 ? "✓ Close: within 1 of the outcome." : "✗ Off by"
    #expect(done.contains(verdict))
    #expect(done.contains("Why: The line fits."))
  }

  @Test func nextWithoutAPredictionStillRunsWhatItHeld() throws {
    let runner = try runner()
    _ = runner.open(lesson: 0)
    let skipped = TestSupport.text(runner.execute(line: "next").outputs)
    #expect(skipped.contains("Going on without a prediction:"))
    #expect(skipped.contains("› train 50"))
    #expect(runner.session.trainer?.steps == 50)
  }

  @Test func aCommittedPredictionIsSavedAndKeptUnderValidation() throws {
    let directory = TestSupport.temporaryDirectory()
    let runner = try runner(store: ProgressStore(directory: directory))
    _ = runner.open(lesson: 0)
    _ = runner.execute(line: "guess b")
    let (loaded, warning) = ProgressStore(directory: directory).load()
    #expect(warning == nil)
    #expect(loaded.state("predictions").predictions == [0: "b"])

    var p = CourseProgress()
    p.lessons["welcome"] = CourseProgress.LessonState(step: 1, doneSteps: [0])
    p.lessons["welcome"]?.predictions = [7: "a"]
    p.lessons["apartments"] = CourseProgress.LessonState(step: 1, doneSteps: [0])
    p.lessons["apartments"]?.predictions = [1: String(repeating: "9", count: 40)]
    let (kept, problems) = p.validated(against: ["welcome": 5, "apartments": 8])
    #expect(
      problems == [
        "lesson apartments: the prediction of step 1 is longer than 32 characters",
        "lesson welcome: the prediction of step 7 is outside 0...4, as it has 5 steps",
      ])
    #expect(kept.lessons.isEmpty)
  }

  @Test func predictionsCommittedElsewhereAreMerged() {
    var base = CourseProgress()
    base.commitPrediction("minima", step: 0, "a")
    var mine = base
    mine.commitPrediction("minima", step: 3, "b")
    var disk = base
    disk.commitPrediction("minima", step: 5, "42")
    let merged = mine.merged(base: base, disk: disk)
    #expect(merged.state("minima").predictions == [0: "a", 3: "b", 5: "42"])
  }

  @Test func aPredictionWrittenBeforePredictionsExistedLoads() throws {
    let json = #"{"version":1,"lessons":{"welcome":{"step":1,"doneSteps":[0],"completed":false}}}"#
    let state = try JSONDecoder().decode(CourseProgress.self, from: Data(json.utf8))
    #expect(state.state("welcome").predictions == nil)
    #expect(state.state("welcome").doneSteps == [0])
  }
}
