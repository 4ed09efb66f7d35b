import Charts
import Tutor

/// Runs the course on top of a `Session`: opens steps (showing their prose and running their
/// demos), re-evaluates the current step's check after every command, gives hints, takes quiz
/// answers, moves between steps and lessons, and keeps the learner's progress.
///
/// Lines that are lesson commands (`lessons`, `lesson`, `next`, `back`, `hint`, `check`,
/// `answer`) are handled here; every other line goes to `Session.execute`. Nothing here prints:
/// each line returns a `CourseResponse` for the front end to show.
///
///     let course = CourseSession(course: .load(directory: "Lessons"), session: session, store: nil)
///     course.start()                   // opens lesson 1, step 1 (or resumes)
///     course.execute(line: "set w 4")  // …the step's check holds: `.stepDone` in the events
public final class CourseSession {
  public let course: Course
  public let session: Session
  /// Reads the quantities checks name.
  public let reader: QuantityReader
  public internal(set) var progress: CourseProgress
  let store: ProgressStore?
  /// The open step; nil before a lesson is opened.
  public internal(set) var position: CoursePosition?
  /// Hints shown in the open step so far.
  var hintsShown = 0
  /// The open step's task check has held since it opened.
  var taskSolved = false
  /// The open step's quiz has been answered right since it opened.
  var quizSolved = false
  /// The open step's committed prediction (a letter or a number as typed); nil while it waits.
  var predicted: String?
  /// How the small curves of a prediction's options are drawn (ASCII where the front end is).
  public var chartStyle: ChartStyle = .unicode
  /// Set after the first failed save, so that the warning is given once.
  var saveFailed = false
  /// Whether `{{…}}` figures are verified as they are shown (the linter's replay).
  public var verifiesFigures = false
  /// The figures found untrue while `verifiesFigures` is on.
  public internal(set) var figureProblems: [LessonProblem] = []
  /// A warning from loading the progress file, to show once at start.
  public let startupWarning: String?
  /// The review under way, if any (see `CourseSession+Review`).
  public internal(set) var review: ReviewRound?
  /// Reviews have been offered since the course started: they come first once.
  var reviewOffered = false
  /// The time reviews are scheduled against, in seconds since 1970 UTC (tests set their own).
  public var now: () -> Int = { ReviewClock.now() }

  /// The commands handled here rather than by the session.
  public static let commandInfo: [LessonCommandInfo] = [
    LessonCommandInfo(name: "lessons", usage: "lessons", summary: "list the lessons and how far you are in each", example: "lessons"),
    LessonCommandInfo(name: "lesson", usage: "lesson [NAME|NUMBER]", summary: "open a lesson (where you left it), or show the current step again", example: "lesson 3"),
    LessonCommandInfo(name: "next", usage: "next", summary: "go to the next step", example: "next"),
    LessonCommandInfo(name: "back", usage: "back", summary: "go back one step", example: "back"),
    LessonCommandInfo(name: "hint", usage: "hint", summary: "a hint for the task; ask again for a stronger one", example: "hint"),
    LessonCommandInfo(name: "check", usage: "check", summary: "is the task done? shows the numbers it looks at", example: "check"),
    LessonCommandInfo(name: "answer", usage: "answer LETTER", summary: "answer the step's question (a letter alone works too)", example: "answer b"),
    LessonCommandInfo(name: "review", usage: "review [skip]", summary: "questions of finished lessons due again (`review skip` ends it)", example: "review"),
    LessonCommandInfo(name: "guess", usage: "guess LETTER|NUMBER", summary: "commit your prediction before the step shows what happens", example: "guess b"),
  ]

  public static var commandNames: [String] { commandInfo.map(\.name) }

  /// - Parameter store: where progress is kept; nil keeps it in memory only (tests, the linter).
  public init(course: Course, session: Session, store: ProgressStore?) {
    self.course = course
    self.session = session
    self.reader = QuantityReader(session: session)
    self.store = store
    let loaded = store?.load(course: course)
    self.progress = loaded?.progress ?? CourseProgress()
    self.startupWarning = loaded?.warning
  }

  public var currentLesson: Lesson? { position.map { course.lessons[$0.lesson] } }

  public var currentStep: LessonStep? {
    guard let position else { return nil }
    return course.lessons[position.lesson].steps[position.step]
  }

  /// `apartments 2/6` for a prompt or a status line; nil outside a lesson.
  public var status: String? {
    guard let position, let lesson = currentLesson else { return nil }
    return "\(lesson.name) \(position.step + 1)/\(lesson.steps.count)"
  }

  /// Whether `line` is a lesson command (rather than one for the session).
  public func isLessonCommand(_ line: String) -> Bool {
    guard let word = CourseSession.words(line).first?.lowercased() else { return false }
    return CourseSession.commandNames.contains(word) || isBareAnswer(line)
  }

  /// Runs one line: a lesson command, or a session command followed by a look at the check.
  public func execute(
    line: String, shouldStop: @escaping () -> Bool = { false },
    progress: ((TrainingProgress) -> Void)? = nil
  ) -> CourseResponse {
    let words = CourseSession.words(line)
    guard let first = words.first?.lowercased(), !first.hasPrefix("#") else { return CourseResponse() }
    var response = CourseResponse()
    var command = first
    if isBareAnswer(line) {
      command = "answer"
      response = answer(first)
    } else if CourseSession.commandNames.contains(first) {
      response = lessonCommand(first, Array(words.dropFirst()))
    } else if first == "help", words.count == 2,
      let info = CourseSession.commandInfo.first(where: { $0.name == words[1].lowercased() })
    {
      response.outputs = [.text([info.usage, "  \(info.summary)", "  example: \(info.example)"])]
    } else if predictionPending && first != "help" {
      response = failure(predictionFirst)
    } else {
      response.outputs = session.execute(line: line, shouldStop: shouldStop, progress: progress)
      if first == "help" && words.count == 1 { response.outputs.append(.table(lessonCommandTable)) }
    }
    // NB: only a command that succeeded counts as done: a check on `last_command` must not
    // pass on a `show gradients` that answered with an error.
    if !response.outputs.contains(where: { if case .error = $0 { return true } else { return false } }) {
      reader.lastCommand = command
      switch try? CommandParser.parse(line) {
      case .predict(.example(let index))?: reader.lastPrediction = index
      case .plot(let kind, _)?: reader.lastPlot = kind
      case .plotMistakes?: reader.lastPlot = "mistakes"
      case .plotLandscapeLine?: reader.lastPlot = "landscape line"
      default: break
      }
    }
    response.append(evaluateStep())
    return response
  }

  private func lessonCommand(_ name: String, _ args: [String]) -> CourseResponse {
    if review != nil && position == nil && (name == "hint" || name == "check" || name == "back") {
      return failure("this is a review question: answer it with its letter, or `review skip` to go on with your lesson")
    }
    switch name {
    case "lessons": return CourseResponse(outputs: [.table(CourseListing.table(course, progress, current: position?.lesson))])
    case "lesson":
      guard let word = args.first else { return reshow() }
      guard args.count == 1 else { return failure("usage: lesson [NAME|NUMBER]") }
      guard let index = course.lessonIndex(word) else {
        let names = course.lessons.map(\.name).joined(separator: ", ")
        return failure("no lesson '\(word)': the lessons are \(names) (or their numbers)")
      }
      return open(lesson: index)
    case "next":
      guard args.isEmpty else { return failure("usage: next") }
      return review == nil ? next() : reviewNext()
    case "review": return reviewCommand(args)
    case "back": return args.isEmpty ? back() : failure("usage: back")
    case "hint": return args.isEmpty ? hint() : failure("usage: hint")
    case "check": return args.isEmpty ? check() : failure("usage: check")
    case "guess":
      guard args.count == 1 else { return failure("usage: guess LETTER|NUMBER, for example `guess b` or `guess 90`") }
      return guess(args[0])
    default:
      guard args.count == 1 else { return failure("usage: answer LETTER, for example `answer b`") }
      return answer(args[0])
    }
  }

  /// A single letter typed while the open step's question waits for an answer.
  func isBareAnswer(_ line: String) -> Bool {
    let words = CourseSession.words(line)
    guard words.count == 1, words[0].count == 1, let c = words[0].first, c.isLetter else { return false }
    if review == nil && predictionPending {
      return currentStep?.prediction?.index(ofKey: String(c)) != nil
    }
    guard let quiz = review == nil ? (quizSolved ? nil : currentStep?.quiz) : reviewQuiz else { return false }
    return quiz.index(ofKey: String(c)) != nil
  }

  /// Saves the progress, merged with what another mltutor saved meanwhile (which this
  /// session then shows too); says so once if saving fails.
  func save() -> [Output] {
    guard let store else { return [] }
    do {
      progress = try store.save(progress)
      return []
    } catch {
      if saveFailed { return [] }
      saveFailed = true
      return [.error(error.description + " (your progress is kept until you quit)")]
    }
  }

  func failure(_ message: String) -> CourseResponse {
    CourseResponse(outputs: [.error(message)])
  }

  static func words(_ line: String) -> [String] {
    line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
  }

  var lessonCommandTable: Table {
    Table(
      headers: ["lesson command", "what it does", "example"],
      rows: CourseSession.commandInfo.map { [$0.name, $0.summary, $0.example] }, optionalColumns: [2])
  }
}
