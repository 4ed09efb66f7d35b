import Course
import Foundation

/// Plays lessons in the full-screen tutor at one terminal size, as a learner would: opens each
/// lesson, types every step's last hint on the command line, answers the question with its
/// key, draws on lesson 6's canvas, and walks on with →. After each step it reads the screen
/// and notes what is wrong with it (`Finding`): a step that does not pass, a status line that
/// does not name what it should, a chart older than the model it should show, a word cut at
/// the lesson pane's edge.
final class LessonPlayer {
  /// Something wrong at one lesson step, with the whole screen it was seen on.
  struct Finding {
    let place: String
    let problems: [String]
    let screen: String
  }

  /// How long a step's task may take to pass once its commands are typed, a command to end,
  /// and a chart to be drawn: generous for a loaded machine, short of hiding a hang.
  static let stepSeconds = 120.0
  static let commandSeconds = 120.0
  static let chartSeconds = 10.0

  /// Data sets by what they ask a model to do: the status line shows `test acc` for the first
  /// once evaluated, `test loss` for the second; the rest are landscapes.
  static let classification: Set<String> = ["mnist-5k", "mnist", "fashion", "moons", "xor", "circles", "spiral"]
  static let regression: Set<String> = ["apartments", "poly", "cat"]

  let pane: TmuxTerminal
  let width: Int
  let height: Int
  let vocabulary: Set<String>
  /// Walks through every chart with Tab at each step.
  let visitsEveryChart: Bool
  /// No step starts after this: a tutor that hangs at every step ends the test all the same.
  let deadline: Date
  private(set) var findings: [Finding] = []

  /// What the tutor holds, as far as the commands typed and shown tell: nil is unknown.
  private(set) var data: String?
  private(set) var model: String?
  private(set) var evaluated = false
  /// The data was loaded with `target=action`: a regression set made a classification one.
  private(set) var dataClassifies = false
  private(set) var forks: Set<String> = []
  /// Problems seen while waiting, for the step being played.
  private var pending: [String] = []

  init(
    pane: TmuxTerminal, width: Int, height: Int, vocabulary: Set<String>, visitsEveryChart: Bool,
    deadline: Date
  ) {
    self.deadline = deadline
    self.pane = pane
    self.width = width
    self.height = height
    self.vocabulary = vocabulary
    self.visitsEveryChart = visitsEveryChart
  }

  func read(_ screen: String) -> TutorScreenText { TutorScreenText(screen, width: width, height: height) }

  // MARK: - Playing

  /// Plays lesson `number` (1-based) from its first step to its last.
  func play(_ lesson: Lesson, number: Int) throws {
    guard Date() < deadline else {
      note("L\(number)", ["the time for the whole course ran out before this lesson"], try pane.screen())
      return
    }
    data = nil
    model = nil
    evaluated = false
    let count = lesson.steps.count
    try pane.type(command: "lesson \(number)")
    let opened = try pane.poll(seconds: Self.commandSeconds) { self.isAt(lesson, 1, $0) }
    guard opened.met else {
      note("L\(number)", ["lesson \(number) did not open within \(Int(Self.commandSeconds)) s"], opened.screen)
      return
    }
    for (index, step) in lesson.steps.enumerated() {
      let place = "L\(number)·\(index + 1)"
      guard Date() < deadline else {
        note(place, ["the time for the whole course ran out before this step"], try pane.screen())
        return
      }
      if index > 0 {
        try pane.keys("Right")
        let moved = try pane.poll(seconds: Self.commandSeconds) { self.isAt(lesson, index + 1, $0) }
        guard moved.met else {
          note(place, ["→ did not open step \(index + 1) of \(count)"], moved.screen)
          return
        }
      }
      step.demos.forEach { track($0.command) }
      _ = try settle()
      try take(step, lesson: lesson, number: number, index: index, place: place)
    }
  }

  /// Does one step: its last hint's commands, the canvas where the step speaks of `draw`, the
  /// right answer; then waits for the step to be marked done and inspects the screen.
  func take(_ step: LessonStep, lesson: Lesson, number: Int, index: Int, place: String) throws {
    var problems: [String] = []
    if step.blocks.contains(where: { if case .paragraph(let p) = $0 { return p.contains("`draw`") } else { return false } }) {
      problems += try drawADigit()
    }
    // Any prediction will do: a letter key for a choice, `guess` for a number.
    // The outcome shows after the demos that follow the prediction, or once the task is done.
    var sawOutcome = true
    if let prediction = step.prediction {
      if prediction.isNumber { try pane.type(command: "guess 50") } else { try pane.keys("a") }
      let screen = try settle(after: "guess")
      let byDemos = step.blocks.dropFirst(prediction.blockIndex).contains {
        if case .demo = $0 { return true }
        return false
      }
      sawOutcome = byDemos ? try showsOutcome(screen) : false
    }
    for command in step.task?.hints.last?.commands ?? [] {
      let before = read(try pane.screen()).statusStep
      try pane.type(command: command)
      track(command)
      let screen = try settle(after: command, stepBefore: before)
      if !sawOutcome { sawOutcome = try showsOutcome(screen) }
    }
    if let quiz = step.quiz, let right = quiz.correctIndex {
      try pane.keys(Quiz.key(right))
    }
    let done = try pane.poll(seconds: Self.stepSeconds) { self.isDone(index, of: lesson, $0) }
    if !done.met {
      problems.append("the step was not marked done within \(Int(Self.stepSeconds)) s of its last hint and answer")
    }
    if !sawOutcome { problems.append("the prediction was never shown beside its outcome") }
    let screen = try settle()
    problems += inspect(screen)
    note(place, pending + problems, screen)
    pending = []
    if visitsEveryChart { try visitCharts(place) }
  }

  /// Whether the lesson pane shows the prediction beside the outcome (its line "you
  /// predicted"), on `screen` or up to four pages above it (the demos' output, the question
  /// and the prose after it may push it up on a small screen); PgDn then brings the pane back
  /// to following the end.
  func showsOutcome(_ screen: String) throws -> Bool {
    let mark = "you predicted"
    if screen.contains(mark) { return true }
    var pages = 0
    var found = false
    while pages < 4 && !found {
      try pane.keys("PPage")
      pages += 1
      // NB: the pane is redrawn within a frame; a look a little later sees the new page.
      found = try pane.poll(seconds: 0.6) { $0.contains(mark) }.met
    }
    for _ in 0..<pages { try pane.keys("NPage") }
    return found
  }

  /// Lesson 6's canvas: a vertical stroke, the model's answer, then the canvas closed.
  func drawADigit() throws -> [String] {
    var problems: [String] = []
    try pane.type(command: "draw")
    // NB: the lesson's own text says "draw a digit"; the canvas's key line is its own.
    let canvasKeys = "Enter closes"
    let canvas = try pane.poll(seconds: 10) { $0.contains(canvasKeys) }
    guard canvas.met else { return ["`draw` did not open the canvas"] }
    try pane.keys("Space")
    for _ in 0..<14 { try pane.keys("Down") }
    let answer = try pane.poll(seconds: Self.chartSeconds) { $0.contains("the model says:") }
    if !answer.met { problems.append("the canvas gave no answer for a drawn stroke:\n\(answer.screen)") }
    try pane.keys("Enter")
    let closed = try pane.poll(seconds: 10) { !$0.contains(canvasKeys) }
    if !closed.met { problems.append("Enter did not close the canvas") }
    return problems
  }

  /// Tab through the charts until the first comes back, inspecting each.
  func visitCharts(_ place: String) throws {
    let first = read(try pane.screen()).chartTitles
    for _ in 0..<8 {
      let before = read(try pane.screen()).chartTitles
      try pane.keys("Tab")
      let changed = try pane.poll(seconds: 1.5) { self.read($0).chartTitles != before }
      guard changed.met else { break }
      let screen = try waitForCharts()
      note(place + " after Tab", inspectCharts(read(screen)), screen)
      if read(screen).chartTitles == first { break }
    }
  }

  // MARK: - Waiting

  /// Whether the title bar says step `step` (1-based) of `lesson` is open.
  func isAt(_ lesson: Lesson, _ step: Int, _ screen: String) -> Bool {
    guard let p = read(screen).lessonPosition else { return false }
    return p.lesson == lesson.name && p.step == step && p.of == lesson.steps.count
  }

  /// Whether step `index` (0-based) is marked done: in the title bar, or by the course's note.
  func isDone(_ index: Int, of lesson: Lesson, _ screen: String) -> Bool {
    let text = read(screen)
    guard isAt(lesson, index + 1, screen) else { return false }
    return text.titleBar.contains("✓ done") || screen.contains("✓ Step \(index + 1) done")
      || screen.contains("\(lesson.title), is complete")
  }

  /// Nothing runs: no training (▶) and no command running.
  func isIdle(_ screen: String) -> Bool {
    let text = read(screen)
    return !text.training && !text.commandLine.contains("running `")
  }

  /// Waits until a typed command has ended and the tutor has been idle for two looks in a
  /// row; after `train` or `step`, until the status line's step has moved (or the command
  /// visibly ended without moving it).
  @discardableResult
  func settle(after command: String? = nil, stepBefore: Int? = nil) throws -> String {
    let sent = Date()
    let word = command?.split(separator: " ").first.map(String.init)
    let moves = word == "train" || word == "step"
    var idleLooks = 0
    let result = try pane.poll(seconds: Self.commandSeconds, every: 0.2) { screen in
      guard self.isIdle(screen) else {
        idleLooks = 0
        return false
      }
      if moves, self.read(screen).statusStep == stepBefore, Date().timeIntervalSince(sent) < 3 { return false }
      idleLooks += 1
      return idleLooks >= 3
    }
    if !result.met {
      let what = command.map { "`\($0)`" } ?? "the step's demos"
      pending.append("\(what) did not end within \(Int(Self.commandSeconds)) s: «\(read(result.screen).statusLine)»")
    }
    return try waitForCharts()
  }

  /// Waits until no chart pane says "Drawing…".
  func waitForCharts() throws -> String {
    let drawn = try pane.poll(seconds: Self.chartSeconds) { screen in
      !self.read(screen).chartBodies.contains { $0.contains("Drawing…") }
    }
    return drawn.screen
  }

  // MARK: - What the tutor holds

  /// Follows a command's effect on what the status line must name.
  func track(_ command: String) {
    let words = command.split(separator: " ").map(String.init)
    guard let first = words.first?.lowercased() else { return }
    switch first {
    case "data":
      data = words.count > 1 ? words[1] : data
      dataClassifies = words.contains("target=action")
      model = nil
      evaluated = false
    case "model":
      model = words.count > 1 ? words[1] : nil
      evaluated = false
    case "reset", "load":
      evaluated = false
    case "train", "eval":
      evaluated = true
    case "fork":
      if words.count > 1 { forks.insert(words[1]) }
    default: break
    }
  }

  var isLandscape: Bool {
    guard data != nil else { return false }
    return task == "landscape"
  }

  func note(_ place: String, _ problems: [String], _ screen: String) {
    guard !problems.isEmpty else { return }
    findings.append(Finding(place: place, problems: problems, screen: screen))
  }
}
