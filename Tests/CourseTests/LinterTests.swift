import Foundation
import Testing

@testable import Course

@Suite struct LinterTests {
  @Test func theCoursePasses() {
    let report = CourseLinter(directory: TestSupport.lessons, locations: TestSupport.locations).lint()
    #expect(report.problems.map(\.description) == [])
    #expect(report.lessons >= 3)
    #expect(report.tasks > 0)
  }

  @Test func everyBrokenFixtureFailsWithFileAndLine() {
    let folder = TestSupport.fixtures + "/broken"
    let report = CourseLinter(directory: folder, locations: TestSupport.locations).lint()
    let expected: [(String, Int, String)] = [
      ("01-no-goal.md", 1, "the lesson has no `goal:` line under its title"),
      ("02-bad-commands.md", 5, "the demo command `plot` does not parse: "),
      ("02-bad-commands.md", 6, "`train` would train until stopped: give a count"),
      ("02-bad-commands.md", 9, "the hint command `trian 10` does not parse: unknown command 'trian'"),
      ("02-bad-commands.md", 14, "`next` cannot be used in a hint: it is a lesson command"),
      ("03-bad-check.md", 6, "the check does not parse at column 1: unknown quantity 'stepz' (did you mean steps?)"),
      ("03-bad-check.md", 11, "the check does not parse at column 1: a check must be true or false"),
      ("04-unsolvable.md", 7, "the check `steps >= 10` does not hold after the last hint's commands (steps = 3)"),
      ("05-already-holds.md", 7, "the check already holds when the step opens"),
      ("06-failing-demo.md", 5, "the demo `set w 4` fails: no data yet"),
      ("07-bad-quiz.md", 5, "a quiz needs exactly one right answer marked `choice*:` (it has 0)"),
      ("07-bad-quiz.md", 10, "a quiz needs at least two `choice:` lines"),
      ("07-bad-quiz.md", 11, "a choice is `choice: TEXT | EXPLANATION`"),
      ("08-nothing-to-do.md", 4, "step \"Only prose\" gives the learner nothing to do"),
      ("08-nothing-to-do.md", 8, "the task has no `hint:`"),
      ("08-nothing-to-do.md", 14, "the last hint must give the exact commands in backticks"),
      ("08-nothing-to-do.md", 15, "unknown field `tsk:` (did you mean `task:`?)"),
      ("09-no-title.md", 1, "the lesson has no title"),
      ("09-no-title.md", 3, "the lesson must start with `# Title` before its steps"),
      ("10-wrong-figure.md", 10, "the text says 12% but the replay gives 99.00% (`12% ~ test_accuracy`)"),
      ("10-wrong-figure.md", 12, "the figure `{{w}}` has no value when it is shown (w: w and b belong to a linear model"),
      ("11-wording.md", 6, "`setup:` comes first in a step, before its text and demos"),
      ("11-wording.md", 7, "the task says \"below 0.05\" but the check `test_loss < 0.045 and steps >= 200` has no such threshold"),
      ("11-wording.md", 10, "a figure: unknown format `.2q`: use .2f, .1%, or ,.0f"),
      ("12-bad-predictions.md", 6, "a prediction needs a `why:` line, shown beside the outcome"),
      ("12-bad-predictions.md", 7, "a number prediction needs `within:`"),
      ("12-bad-predictions.md", 16, "nothing after the prediction shows its outcome"),
      ("12-bad-predictions.md", 22, "`option:` needs a `predict:` before it"),
      ("12-bad-predictions.md", 23, "a prediction is a choice (`option:` or `shape:` lines) or a number (`outcome:`), not both"),
      ("12-bad-predictions.md", 24, "the option's check does not parse at column"),
      ("12-bad-predictions.md", 25, "an option is `option: TEXT | CHECK`"),
      ("12-bad-predictions.md", 26, "unknown shape `wobbles`: shapes are falls, falls-then-flat"),
      ("12-bad-predictions.md", 27, "the outcome must be a number, but `model` is a string"),
      ("12-bad-predictions.md", 28, "`within:` takes a positive number"),
      ("12-bad-predictions.md", 30, "a second `predict:` in this step"),
      ("13-undecided-predictions.md", 8, "exactly one option must hold after the demos, but 2 do: a) falls steadily, b) falls, then levels off"),
      ("13-undecided-predictions.md", 19, "the outcome `100 * test_accuracy` has no value after the demos (test_accuracy: "),
    ]
    let found = report.problems
    for (file, line, message) in expected {
      let hit = found.contains { $0.file == folder + "/" + file && $0.line == line && $0.message.hasPrefix(message) }
      #expect(hit, "expected \(file):\(line): \(message)")
    }
    #expect(found.count == expected.count, "found:\n\(found.map(\.description).joined(separator: "\n"))")
    #expect(found.allSatisfy { $0.description.hasPrefix("\($0.file):\($0.line): ") })
  }

  @Test func aMissingFolderIsAProblem() {
    let report = CourseLinter(directory: "/nonexistent/course", locations: TestSupport.locations).lint()
    #expect(report.problems.map(\.description) == ["/nonexistent/course: no such folder"])
  }
}
