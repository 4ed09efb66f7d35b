import Charts

/// Reads a lesson from its Markdown text, line by line, noting every problem with its line.
///
/// The format (see Lessons/README.md):
///
///     # Title
///     goal: What the learner will be able to do.
///
///     ## Step title
///     Prose, wrapped by the front end; a blank line starts a new paragraph.
///     demo: plot data
///     task: What to do.
///     check: abs(w - 4) < 1
///     hint: a nudge
///     hint: the exact command, `set w 4`
///     setup: set lr 0.5
///     charts: fit, loss
///     quiz: A question?
///     choice: a wrong answer | why it is wrong
///     choice*: the right answer | why it is right
///     predict: What will the loss do?          (what follows waits for the prediction)
///     shape: blows-up | diverged               (or `option: TEXT | CHECK`)
///     shape: falls-then-flat | not diverged
///     why: one line, shown beside the outcome  (a number: `outcome: EXPR`, `within: 5`)
///
/// A line inside a ``` fence is shown as it is and never read as a field.
public enum LessonParser {
  /// The fields a line may start with.
  static let fields: Set<String> = ["goal", "demo", "task", "check", "hint", "quiz", "choice", "choice*", "charts", "setup",
    "predict", "option", "shape", "outcome", "within", "why",
  ]

  /// The lesson (nil when it has no title) and the problems found while reading it.
  public static func parse(_ text: String, file: String, name: String) -> (Lesson?, [LessonProblem]) {
    var state = State(file: file)
    // NB: "\r\n" is one Character, so a file with Windows line ends is split on it too.
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
      .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
    for (i, raw) in lines.enumerated() {
      state.read(raw.trimmingSpaces, raw: raw, number: i + 1)
    }
    state.finish(lineCount: lines.count)
    guard let title = state.title else {
      state.problems.append(LessonProblem(file: file, line: 1, "the lesson has no title: start it with `# Title`"))
      return (nil, state.problems)
    }
    if state.goal == nil {
      state.problems.append(LessonProblem(file: file, line: state.titleLine, "the lesson has no `goal:` line under its title"))
    }
    if state.steps.isEmpty {
      state.problems.append(LessonProblem(file: file, line: state.titleLine, "the lesson has no steps: add `## Step title` sections"))
    }
    let lesson = Lesson(
      name: name, file: file, title: title, goal: state.goal ?? "", steps: state.steps, setup: state.setup)
    return (lesson, state.problems)
  }

  /// Splits `field: value`; nil when the line does not start with a lowercase word and a colon.
  static func field(_ line: String) -> (name: String, value: String)? {
    guard let colon = line.firstIndex(of: ":") else { return nil }
    let name = String(line[..<colon])
    guard !name.isEmpty, name.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0 == "_" || $0 == "*" }) else {
      return nil
    }
    let rest = line[line.index(after: colon)...]
    // "word:" followed by text, or at the end of the line; "https://" and the like are prose.
    guard rest.isEmpty || rest.first == " " else { return nil }
    return (name, String(rest).trimmingSpaces)
  }

  /// The reader's state while it walks the lines.
  private struct State {
    let file: String
    var title: String?
    var titleLine = 1
    var goal: String?
    var steps: [LessonStep] = []
    /// The lesson's own `setup:` commands, given before its first step.
    var setup: [SetupCommand] = []
    var problems: [LessonProblem] = []
    var paragraph: [String] = []
    var paragraphLine = 0
    var fence: [String]?
    var fenceLine = 0

    init(file: String) { self.file = file }

    mutating func problem(_ line: Int, _ message: String) {
      problems.append(LessonProblem(file: file, line: line, message))
    }

    mutating func read(_ line: String, raw: String, number: Int) {
      if fence != nil {
        if line.hasPrefix("```") {
          closeFence()
        } else {
          fence?.append(raw)
        }
        return
      }
      if line.hasPrefix("```") {
        flushParagraph()
        guard !steps.isEmpty else { return problem(number, "text before the first step: put it in a `## Step` section") }
        fence = []
        fenceLine = number
        return
      }
      if line.isEmpty { return flushParagraph() }
      if line.hasPrefix("## ") || line == "##" { return openStep(line, number) }
      if line.hasPrefix("# ") {
        flushParagraph()
        guard title == nil else { return problem(number, "a second `# ` title: steps start with `## `") }
        title = String(line.dropFirst(2)).trimmingSpaces
        titleLine = number
        if title?.isEmpty ?? true { problem(number, "the title is empty") }
        return
      }
      if let (name, value) = LessonParser.field(line) {
        flushParagraph()
        guard LessonParser.fields.contains(name) else {
          let guess = Suggestion.closest(to: name, among: LessonParser.fields.sorted()).map { " (did you mean `\($0):`?)" } ?? ""
          return problem(number, "unknown field `\(name):`\(guess)")
        }
        return readField(name, value, number)
      }
      guard !steps.isEmpty else {
        return problem(number, title == nil ? "the lesson must start with `# Title`" : "text before the first step: put it in a `## Step` section")
      }
      if line.hasPrefix("- ") || line.hasPrefix("* ") || startsWithNumberedItem(line) { flushParagraph() }
      if paragraph.isEmpty { paragraphLine = number }
      paragraph.append(line)
    }

    private func startsWithNumberedItem(_ line: String) -> Bool {
      let digits = line.prefix { $0.isNumber }
      return !digits.isEmpty && line.dropFirst(digits.count).hasPrefix(". ")
    }

    private mutating func openStep(_ line: String, _ number: Int) {
      flushParagraph()
      if title == nil { problem(number, "the lesson must start with `# Title` before its steps") }
      let stepTitle = String(line.dropFirst(2)).trimmingSpaces
      if stepTitle.isEmpty { problem(number, "the step has no title") }
      closeStep()
      steps.append(LessonStep(title: stepTitle, line: number))
    }

    private mutating func readField(_ name: String, _ value: String, _ number: Int) {
      if name == "goal" {
        guard goal == nil else { return problem(number, "a second `goal:`") }
        guard steps.isEmpty else { return problem(number, "`goal:` belongs under the title, before the first step") }
        if value.isEmpty { problem(number, "the goal is empty") }
        goal = value
        return
      }
      if name == "setup" && steps.isEmpty {
        if value.isEmpty { return problem(number, "`setup:` needs a command") }
        setup.append(SetupCommand(command: value, line: number))
        return
      }
      guard !steps.isEmpty else { return problem(number, "`\(name):` outside a step: start one with `## Step title`") }
      if value.isEmpty { return problem(number, "`\(name):` needs a value") }
      if ["task", "quiz", "choice", "choice*", "predict", "why"].contains(name) { checkFigures(value, number) }
      if ["predict", "option", "shape", "outcome", "within", "why"].contains(name) {
        return readPrediction(name, value, number)
      }
      var step = steps.removeLast()
      defer { steps.append(step) }
      switch name {
      case "demo":
        step.blocks.append(.demo(value, line: number))
      case "setup":
        guard step.blocks.isEmpty else {
          return problem(number, "`setup:` comes first in a step, before its text and demos")
        }
        step.setup.append(SetupCommand(command: value, line: number))
      case "task":
        guard step.task == nil else { return problem(number, "a second `task:` in this step: one task per step") }
        step.task = LessonTask(text: value, line: number)
      case "check":
        guard var task = step.task else { return problem(number, "`check:` needs a `task:` before it") }
        guard task.checkSource.isEmpty else { return problem(number, "a second `check:` for this task: join them with `and`") }
        task.checkSource = value
        task.checkLine = number
        do {
          task.check = try CheckParser.parse(value)
        } catch {
          problem(number, "the check does not parse at column \(error.column): \(error.message)")
        }
        step.task = task
      case "hint":
        guard var task = step.task else { return problem(number, "`hint:` needs a `task:` before it") }
        if value.filter({ $0 == "`" }).count % 2 != 0 { problem(number, "a backtick is never closed in this hint") }
        task.hints.append(Hint(text: value, line: number))
        step.task = task
      case "charts":
        guard step.charts.isEmpty else { return problem(number, "a second `charts:` in this step: list them on one line") }
        let names = value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        for name in names where !LessonStep.chartNames.contains(name) {
          let guess = Suggestion.closest(to: name, among: LessonStep.chartNames).map { " (did you mean `\($0)`?)" } ?? ""
          problem(number, "unknown chart `\(name)`\(guess): charts are \(LessonStep.chartNames.joined(separator: ", "))")
        }
        step.charts = names.filter { LessonStep.chartNames.contains($0) }
      case "quiz":
        guard step.quiz == nil else { return problem(number, "a second `quiz:` in this step: one quiz per step") }
        step.quiz = Quiz(question: value, line: number)
      default:  // choice, choice*
        guard var quiz = step.quiz else { return problem(number, "`\(name):` needs a `quiz:` before it") }
        let parts = value.split(separator: "|", maxSplits: 1).map { String($0).trimmingSpaces }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
          return problem(number, "a choice is `choice: TEXT | EXPLANATION`: say why it is right or wrong")
        }
        quiz.choices.append(Quiz.Choice(text: parts[0], explanation: parts[1], isCorrect: name == "choice*", line: number))
        step.quiz = quiz
      }
    }

    /// The fields of a prediction: `predict:` opens it, the others add to it.
    private mutating func readPrediction(_ name: String, _ value: String, _ number: Int) {
      var step = steps.removeLast()
      defer { steps.append(step) }
      if name == "predict" {
        guard step.prediction == nil else { return problem(number, "a second `predict:` in this step: one prediction per step") }
        step.prediction = Prediction(question: value, line: number, blockIndex: step.blocks.count)
        return
      }
      guard var prediction = step.prediction else { return problem(number, "`\(name):` needs a `predict:` before it") }
      defer { step.prediction = prediction }
      switch name {
      case "option", "shape":
        let parts = value.split(separator: "|", maxSplits: 1).map { String($0).trimmingSpaces }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
          return problem(number, "an option is `\(name): \(name == "shape" ? "SHAPE" : "TEXT") | CHECK`: the check says when it happened")
        }
        var shape: CurveShape?
        if name == "shape" {
          shape = CurveShape(rawValue: parts[0])
          if shape == nil {
            let names = CurveShape.allCases.map(\.rawValue)
            let guess = Suggestion.closest(to: parts[0], among: names).map { " (did you mean `\($0)`?)" } ?? ""
            problem(number, "unknown shape `\(parts[0])`\(guess): shapes are \(names.joined(separator: ", "))")
          }
        } else {
          checkFigures(parts[0], number)
        }
        var condition: CheckExpression?
        do {
          condition = try CheckParser.parse(parts[1])
        } catch {
          problem(number, "the option's check does not parse at column \(error.column): \(error.message)")
        }
        prediction.options.append(
          Prediction.Option(text: parts[0], shape: shape, conditionSource: parts[1], condition: condition, line: number))
      case "outcome":
        guard prediction.outcomeSource.isEmpty else { return problem(number, "a second `outcome:` for this prediction") }
        prediction.outcomeSource = value
        prediction.outcomeLine = number
        do {
          let (expression, type) = try CheckParser.parseValue(value)
          if type == .number {
            prediction.outcome = expression
          } else {
            problem(number, "the outcome must be a number, but `\(value)` is \(type.phrase)")
          }
        } catch {
          problem(number, "the outcome does not parse at column \(error.column): \(error.message)")
        }
      case "within":
        guard prediction.tolerance == nil else { return problem(number, "a second `within:` for this prediction") }
        guard let x = Prediction.number(value), x > 0 else {
          return problem(number, "`within:` takes a positive number: how far from the outcome a guess counts as right")
        }
        prediction.tolerance = x
      default:  // why
        guard prediction.why.isEmpty else { return problem(number, "a second `why:` for this prediction: say it in one line") }
        prediction.why = value
        prediction.whyLine = number
      }
    }

    /// A `{{…}}` figure that does not parse is reported at its line.
    mutating func checkFigures(_ text: String, _ number: Int) {
      if case .failure(let error) = LessonText.pieces(text) { problem(number, "a figure: \(error.message)") }
    }

    mutating func flushParagraph() {
      guard !paragraph.isEmpty, !steps.isEmpty else { return paragraph.removeAll() }
      checkFigures(paragraph.joined(separator: " "), paragraphLine)
      steps[steps.count - 1].blocks.append(.paragraph(paragraph.joined(separator: " ")))
      paragraph.removeAll()
    }

    private mutating func closeFence() {
      if let lines = fence, !steps.isEmpty { steps[steps.count - 1].blocks.append(.preformatted(lines)) }
      fence = nil
    }

    /// Problems that show only once a step is complete.
    private mutating func closeStep() {
      guard let step = steps.last else { return }
      if step.task == nil && step.quiz == nil {
        problem(step.line, "step \"\(step.title)\" gives the learner nothing to do: add a `task:` or a `quiz:`")
      }
      if let task = step.task {
        if task.checkSource.isEmpty { problem(task.line, "the task has no `check:`") }
        if task.hints.isEmpty {
          problem(task.line, "the task has no `hint:`; the last hint must give the exact commands")
        } else if let last = task.hints.last, last.commands.isEmpty {
          problem(last.line, "the last hint must give the exact commands in backticks, e.g. `set w 4`")
        }
      }
      if let prediction = step.prediction {
        for message in PredictionRules.problems(prediction, in: step) { problem(message.line, message.text) }
      }
      if let quiz = step.quiz {
        if quiz.choices.count < 2 { problem(quiz.line, "a quiz needs at least two `choice:` lines") }
        if quiz.choices.count > 26 { problem(quiz.line, "a quiz can have at most 26 choices (a to z)") }
        let correct = quiz.choices.filter(\.isCorrect).count
        if correct != 1 && quiz.choices.count >= 2 {
          problem(quiz.line, "a quiz needs exactly one right answer marked `choice*:` (it has \(correct))")
        }
      }
    }

    mutating func finish(lineCount: Int) {
      if fence != nil {
        problem(fenceLine, "this ``` fence is never closed")
        closeFence()
      }
      flushParagraph()
      closeStep()
    }
  }
}
