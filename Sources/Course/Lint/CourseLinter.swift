import Datasets
import Tutor

/// `mltutor lessons check`: reads a course and proves every task solvable by its own hints.
///
/// Rules, each reported as `file:line: message`:
/// - every lesson has a `# Title`, a `goal:` and steps; every step has a task or a quiz;
///   every task has a check and hints, the last hint giving the exact commands in backticks;
///   every quiz has two or more choices, one of them right, each explained;
/// - every demo and hint command parses, and none would wait forever (`train` with no count);
/// - every check parses and names only quantities the tutor knows;
/// - every well-formed lesson, run from its start in a fresh session (each step's demos, then its last
///   hint's commands), runs without errors, and each check does not hold before the hint's
///   commands and holds after them;
/// - every `{{…}}` figure has a value where the replay shows it, and every quoted figure
///   (`{{93% ~ test_accuracy}}`) is what the replay gives, to the precision quoted;
/// - a task's words and its check's thresholds agree ("below 0.05" needs `< 0.05`);
/// - every prediction's outcome can be measured where it is revealed (after the demos that
///   follow it, or once the task is done), and exactly one of its options holds there.
public struct CourseLinter {
  public let directory: String
  public let locations: DataLocations

  public init(directory: String, locations: DataLocations) {
    self.directory = directory
    self.locations = locations
  }

  /// What the linter found.
  public struct Report: Sendable {
    public var problems: [LessonProblem]
    public var lessons: Int
    public var steps: Int
    public var tasks: Int
    public var quizzes: Int

    /// One line per problem, then a summary line.
    public var lines: [String] {
      let summary = "\(lessons) lesson\(lessons == 1 ? "" : "s"), \(steps) steps, \(tasks) tasks solved by their hints, \(quizzes) quizzes"
      if problems.isEmpty { return [summary + ": no problems"] }
      return problems.map(\.description) + [summary + ": \(problems.count) problem\(problems.count == 1 ? "" : "s")"]
    }
  }

  public func lint() -> Report {
    let course = Course.load(directory: directory)
    var problems = course.problems
    var tasks = 0
    for lesson in course.lessons {
      let found = commandProblems(lesson)
      problems += found
      // NB: a lesson that is malformed is not run: a broken command could wait forever.
      guard found.isEmpty, !course.problems.contains(where: { $0.file == lesson.file }) else { continue }
      let (ran, solved) = run(lesson)
      problems += ran
      tasks += solved
    }
    problems.sort { ($0.file, $0.line) < ($1.file, $1.line) }
    return Report(
      problems: problems, lessons: course.lessons.count,
      steps: course.lessons.reduce(0) { $0 + $1.steps.count }, tasks: tasks,
      quizzes: course.lessons.reduce(0) { $0 + $1.steps.filter { $0.quiz != nil }.count })
  }

  /// Lesson commands a hint may use; the others would move away from the step.
  static let hintLessonCommands: Set<String> = ["hint", "check", "lessons", "answer"]

  /// Problems with the demo and hint commands, found without running them.
  func commandProblems(_ lesson: Lesson) -> [LessonProblem] {
    var problems: [LessonProblem] = []
    func problem(_ line: Int, _ message: String) {
      problems.append(LessonProblem(file: lesson.file, line: line, message))
    }
    func checkCommand(_ text: String, line: Int, where place: String) {
      let word = text.split(separator: " ").first.map { $0.lowercased() } ?? ""
      if CourseSession.commandNames.contains(word) {
        if place != "hint" || !CourseLinter.hintLessonCommands.contains(word) {
          problem(line, "`\(text)` cannot be used in a \(place): it is a lesson command")
        }
        return
      }
      do {
        guard let command = try CommandParser.parse(text) else {
          return problem(line, "the \(place) command is empty")
        }
        if command == .train(.untilStopped) {
          problem(line, "`\(text)` would train until stopped: give a count, e.g. `train 100`")
        }
        if command == .quit { problem(line, "`quit` would end the tutor") }
      } catch {
        problem(line, "the \(place) command `\(text)` does not parse: \(error.message)")
      }
    }
    for setup in lesson.setup { checkCommand(setup.command, line: setup.line, where: "setup") }
    for step in lesson.steps {
      for setup in step.setup { checkCommand(setup.command, line: setup.line, where: "setup") }
      for demo in step.demos { checkCommand(demo.command, line: demo.line, where: "demo") }
      if let task = step.task, let check = task.check {
        for message in TaskWording.problems(text: task.text, check: check, checkSource: task.checkSource) {
          problem(task.line, message)
        }
      }
      if let last = step.task?.hints.last {
        for command in last.commands { checkCommand(command, line: last.line, where: "hint") }
      }
    }
    return problems
  }

  /// Runs the lesson as a learner who follows every last hint would; returns the problems and
  /// the number of tasks solved.
  func run(_ lesson: Lesson) -> ([LessonProblem], Int) {
    guard !lesson.steps.isEmpty else { return ([], 0) }
    var problems: [LessonProblem] = []
    func problem(_ line: Int, _ message: String) {
      problems.append(LessonProblem(file: lesson.file, line: line, message))
    }
    let single = Course(directory: directory, lessons: [lesson])
    let runner = CourseSession(course: single, session: Session(locations: locations), store: nil)
    runner.verifiesFigures = true
    var opened = runner.open(lesson: 0)
    var solved = 0
    for (index, step) in lesson.steps.enumerated() {
      if index > 0 { opened = runner.execute(line: "next") }
      // NB: any prediction will do; the demos after it run once it is committed.
      if let prediction = step.prediction {
        opened.append(runner.execute(line: prediction.isNumber ? "guess 0" : "guess a"))
        if CourseSession.revealsByDemos(step, prediction) {
          for p in runner.outcomeProblems(prediction, after: "after the demos") { problem(p.line, p.message) }
        }
      }
      for case .demoFailed(let line, let command, let message) in opened.events {
        problem(line, "the demo `\(command)` fails: \(message)")
      }
      if let task = step.task, let check = task.check, let last = task.hints.last {
        if runner.taskSolved || runner.isDone(CoursePosition(lesson: 0, step: index)) {
          problem(task.checkLine, "the check already holds when the step opens: the task asks nothing of the learner")
        } else if case .success(true) = check.holds(runner.reader.value) {
          problem(task.checkLine, "the check already holds when the step opens: the task asks nothing of the learner")
        }
        // NB: a command may fail on purpose (a task can be "make it diverge"), so failures
        // count only when the check does not hold after them.
        var failures: [String] = []
        for command in last.commands {
          let response = runner.execute(line: command)
          for case .error(let message) in response.outputs {
            failures.append("the hint's command `\(command)` fails: \(message)")
          }
        }
        if let prediction = step.prediction, !CourseSession.revealsByDemos(step, prediction) {
          for p in runner.outcomeProblems(prediction, after: "once the task is done") { problem(p.line, p.message) }
        }
        if runner.taskSolved {
          solved += 1
        } else {
          for failure in failures { problem(last.line, failure) }
          let values = check.quantities.map { name -> String in
            switch runner.reader.value(of: name) {
            case .value(let v): return "\(name) = \(v)"
            case .unavailable(let why): return "\(name): \(why)"
            }
          }.joined(separator: ", ")
          problem(task.checkLine, "the check `\(task.checkSource)` does not hold after the last hint's commands (\(values))")
        }
      }
      if let quiz = step.quiz, let right = quiz.correctIndex {
        _ = runner.execute(line: "answer \(Quiz.key(right))")
      }
    }
    // Each figure is reported once, at the first place the replay found it untrue.
    var seen = Set<String>()
    for p in runner.figureProblems where seen.insert(p.description).inserted { problems.append(p) }
    return (problems, solved)
  }
}
