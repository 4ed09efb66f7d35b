import Foundation
import Testing

@testable import Course

@Suite struct LessonParserTests {
  let sample = """
    # Sample
    goal: Learn the format.

    ## First step
    Some prose
    on two lines.

    - a list item
    demo: data apartments
    ```
      price = w × surface + b
    ```
    task: Set w.
    check: abs(w - 4) < 1
    hint: a nudge
    hint: `set w 4` and then `set b 60`
    quiz: Which?
    choice: this | no, because
    choice*: that | yes, because
    """

  @Test func windowsLineEndsReadTheSame() throws {
    let crlf = sample.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
    let (lesson, problems) = LessonParser.parse(crlf, file: "01-sample.md", name: "sample")
    let (expected, _) = LessonParser.parse(sample + "\n", file: "01-sample.md", name: "sample")
    #expect(problems.isEmpty, "\(problems)")
    let l = try #require(lesson)
    #expect(l.title == "Sample")
    #expect(l.steps.map(\.title) == expected?.steps.map(\.title))
    #expect(l.steps.map(\.blocks) == expected?.steps.map(\.blocks))
    #expect(l.steps.first?.task?.checkSource == "abs(w - 4) < 1")
    #expect(l.steps.first?.task?.hints.map(\.text) == ["a nudge", "`set w 4` and then `set b 60`"])
    #expect(l.steps.first?.blocks.contains(.demo("data apartments", line: 9)) == true)
  }

  @Test func readsTitleGoalStepsAndBlocks() throws {
    let (lesson, problems) = LessonParser.parse(sample, file: "01-sample.md", name: "sample")
    #expect(problems.isEmpty)
    let l = try #require(lesson)
    #expect(l.title == "Sample")
    #expect(l.goal == "Learn the format.")
    #expect(l.steps.count == 1)
    let step = l.steps[0]
    #expect(step.title == "First step")
    #expect(step.line == 4)
    #expect(
      step.blocks == [
        .paragraph("Some prose on two lines."), .paragraph("- a list item"), .demo("data apartments", line: 9),
        .preformatted(["  price = w × surface + b"]),
      ])
    let task = try #require(step.task)
    #expect(task.checkSource == "abs(w - 4) < 1")
    #expect(task.checkLine == 14)
    #expect(task.check != nil)
    #expect(task.hints.map(\.line) == [15, 16])
    #expect(task.hints.last?.commands == ["set w 4", "set b 60"])
    let quiz = try #require(step.quiz)
    #expect(quiz.choices.map(\.isCorrect) == [false, true])
    #expect(quiz.choices[1].explanation == "yes, because")
    #expect(quiz.index(ofKey: "B") == 1)
    #expect(quiz.index(ofKey: "c") == nil)
  }

  @Test func setupBelongsToTheLessonOrToTheTopOfAStep() throws {
    let text = """
      # Setup
      goal: Start from a known state.
      setup: set optimizer adam
      setup: set lr 0.003

      ## First
      setup: set lr 0.5
      Prose after the setup.
      demo: data moons
      setup: set batch 8
      quiz: Ready?
      choice*: yes | good
      choice: no | why not
      """
    let (lesson, problems) = LessonParser.parse(text, file: "01-setup.md", name: "setup")
    let l = try #require(lesson)
    #expect(l.setup == [SetupCommand(command: "set optimizer adam", line: 3), SetupCommand(command: "set lr 0.003", line: 4)])
    #expect(l.steps[0].setup == [SetupCommand(command: "set lr 0.5", line: 7)])
    #expect(problems.map(\.description) == ["01-setup.md:10: `setup:` comes first in a step, before its text and demos"])
  }

  @Test func aQuestionQuotingTheTasksResultWaitsForIt() throws {
    let text = """
      # Figures
      goal: Quote the run.

      ## Train
      task: Train.
      check: steps >= 10
      hint: `train 10`
      quiz: It reached {{test_accuracy:.0%}}. Good?
      choice*: yes | good
      choice: no | why not

      ## Ask first
      quiz: Guess the accuracy.
      choice*: high | it is {{test_accuracy:.0%}}
      choice: low | no
      task: Train.
      check: steps >= 10
      hint: `train 10`
      """
    let (lesson, problems) = LessonParser.parse(text, file: "01-figures.md", name: "figures")
    #expect(problems.isEmpty)
    let l = try #require(lesson)
    #expect(l.steps[0].quizAwaitsTask)
    // A question before the task is a prediction: it is asked first.
    #expect(!l.steps[1].quizAwaitsTask)
    let broken = text.replacingOccurrences(of: "{{test_accuracy:.0%}}. Good?", with: "{{test_accuracy:.0%. Good?")
    let (_, found) = LessonParser.parse(broken, file: "01-figures.md", name: "figures")
    #expect(found.map(\.description) == ["01-figures.md:8: a figure: `{{` is never closed by `}}`"])
  }

  @Test func chartsNameTheLiveChartsOfAStep() throws {
    let text = sample.replacingOccurrences(of: "task: Set w.", with: "charts: fit, loss\ntask: Set w.")
    let (lesson, problems) = LessonParser.parse(text, file: "01-sample.md", name: "sample")
    #expect(problems.isEmpty)
    #expect(try #require(lesson).steps[0].charts == ["fit", "loss"])
    #expect(LessonParser.parse(sample, file: "01-sample.md", name: "sample").0?.steps[0].charts == [])

    let wrong = sample.replacingOccurrences(of: "task: Set w.", with: "charts: fitt loss\ntask: Set w.")
    let (_, found) = LessonParser.parse(wrong, file: "01-sample.md", name: "sample")
    #expect(found.map(\.description) == [
      "01-sample.md:13: unknown chart `fitt` (did you mean `fit`?): charts are loss, probs, fit, boundary, landscape, weights"
    ])
  }

  @Test func namesComeFromFileNames() {
    #expect(Lesson.name(forFile: "03-apartments.md") == "apartments")
    #expect(Lesson.name(forFile: "10_minima.md") == "minima")
    #expect(Lesson.name(forFile: "extra.md") == "extra")
  }

  /// The problems of `text` as "line: message".
  func problems(_ text: String) -> [String] {
    LessonParser.parse(text, file: "f.md", name: "f").1.map { "\($0.line): \($0.message)" }
  }

  @Test func reportsProblemsWithTheirLines() {
    #expect(
      problems("goal: x\n## S\ntask: t\ncheck: steps > 1\nhint: `step`")
        == ["2: the lesson must start with `# Title` before its steps", "1: the lesson has no title: start it with `# Title`"])
    #expect(problems("# T\n\n## S\ntask: t\ncheck: steps > 1\nhint: `step`") == ["1: the lesson has no `goal:` line under its title"])
    #expect(problems("# T\ngoal: g\n## S\nJust prose.") == ["3: step \"S\" gives the learner nothing to do: add a `task:` or a `quiz:`"])
    #expect(problems("# T\ngoal: g\n## S\ntask: t\nhint: `step`") == ["4: the task has no `check:`"])
    #expect(problems("# T\ngoal: g\n## S\ntask: t\ncheck: steps > 1\nhint: just words") == ["6: the last hint must give the exact commands in backticks, e.g. `set w 4`"])
    #expect(problems("# T\ngoal: g\n## S\ntask: t\ncheck: stepz > 1\nhint: `step`") == ["5: the check does not parse at column 1: unknown quantity 'stepz' (did you mean steps?)"])
    #expect(problems("# T\ngoal: g\n## S\ntsk: t") .first == "4: unknown field `tsk:` (did you mean `task:`?)")
    #expect(problems("# T\ngoal: g\n## S\nquiz: q?\nchoice: a | no\nchoice: b | no") == ["4: a quiz needs exactly one right answer marked `choice*:` (it has 0)"])
    #expect(problems("# T\ngoal: g\n## S\nquiz: q?\nchoice: a\nchoice*: b | yes").first == "5: a choice is `choice: TEXT | EXPLANATION`: say why it is right or wrong")
    #expect(problems("# T\ngoal: g\nIntro.\n## S\nquiz: q?\nchoice: a | no\nchoice*: b | yes") == ["3: text before the first step: put it in a `## Step` section"])
    #expect(problems("# T\ngoal: g\n## S\ncheck: steps > 1\nquiz: q?\nchoice: a | no\nchoice*: b | yes") == ["4: `check:` needs a `task:` before it"])
  }

  @Test func aURLInProseIsNotAField() {
    #expect(problems("# T\ngoal: g\n## S\nsee https://example.org for more\nquiz: q?\nchoice: a | no\nchoice*: b | yes").isEmpty)
  }

  @Test func aDeeplyNestedCheckIsAProblemAtItsLine() {
    let deep = String(repeating: "(", count: 10_000) + "steps > 1" + String(repeating: ")", count: 10_000)
    let text = sample.replacingOccurrences(of: "check: abs(w - 4) < 1", with: "check: " + deep)
    let (_, problems) = LessonParser.parse(text, file: "01-deep.md", name: "deep")
    #expect(problems.map(\.description) == [
      "01-deep.md:14: the check does not parse at column \(CheckParser.maximumDepth + 1): the check nests more than \(CheckParser.maximumDepth) levels deep: write it more simply"
    ])
  }
}
