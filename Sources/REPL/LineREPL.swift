import Course
import Datasets
import Engine
import Foundation
@preconcurrency import Glibc
import Tutor

/// `mltutor repl`: the line REPL at a terminal, or the script runner when standard input is
/// not one or a script file is given.
public enum LineREPL {
  public struct Options: Sendable {
    /// A script to run instead of standard input.
    public var scriptPath: String?
    /// ASCII even in a UTF-8 locale.
    public var forceASCII = false
    /// Unicode even in a locale that is not UTF-8 (the terminal decodes it all the same).
    public var forceUnicode = false
    /// Where the interactive history is kept; nil for no history file.
    public var historyPath: String?
    public var locations: DataLocations
    public var environment: [String: String]
    /// The course folder; nil runs the session without lessons.
    public var lessonsDirectory: String?
    /// Where interactive progress in the course is saved; scripts never touch it.
    public var progressDirectory: String?

    public init(
      scriptPath: String? = nil, forceASCII: Bool = false, historyPath: String? = nil,
      locations: DataLocations, environment: [String: String] = ProcessInfo.processInfo.environment,
      lessonsDirectory: String? = nil, progressDirectory: String? = nil, forceUnicode: Bool = false
    ) {
      self.forceUnicode = forceUnicode
      self.scriptPath = scriptPath
      self.forceASCII = forceASCII
      self.historyPath = historyPath
      self.locations = locations
      self.environment = environment
      self.lessonsDirectory = lessonsDirectory
      self.progressDirectory = progressDirectory
    }
  }

  /// A script that cannot be read.
  public struct ScriptError: Error, CustomStringConvertible {
    public let description: String
  }

  /// Script output is drawn this wide, whatever the terminal, so it reads the same everywhere.
  public static let scriptWidth = 80

  /// Runs the REPL or the script and returns the exit status.
  public static func run(_ options: Options) throws(ScriptError) -> Int32 {
    let session = Session(locations: options.locations)
    let interactive = options.scriptPath == nil && Terminal.isTerminal(STDIN_FILENO)
    if interactive { session.challengeStore = ChallengeStore(directory: options.progressDirectory) }
    let course = options.lessonsDirectory.map { Course.load(directory: $0) }
    var runner: LineRunner = session
    var courseSession: CourseSession?
    if let course, !course.lessons.isEmpty {
      let store = interactive ? options.progressDirectory.map { ProgressStore(directory: $0) } : nil
      let c = CourseSession(course: course, session: session, store: store)
      c.chartStyle = DisplayStyle.chartStyle(
        environment: options.environment, isTerminal: false, forceASCII: options.forceASCII,
        forceUnicode: options.forceUnicode)
      courseSession = c
      runner = c
    }
    if let path = options.scriptPath {
      let lines = try readScript(path)
      var iterator = lines.makeIterator()
      return runScript(runner, options) { iterator.next() }
    }
    if !interactive {
      return runScript(runner, options) { Swift.readLine(strippingNewline: true) }
    }
    let names = DatasetCatalog.entries(locations: options.locations).map(\.name)
      .filter { !$0.contains(":") } + ["idx:", "csv:"]
    let repl = InteractiveREPL(
      session: runner, greeting: courseSession.map(greeting), historyPath: options.historyPath, dataNames: names,
      environment: options.environment, forceASCII: options.forceASCII, forceUnicode: options.forceUnicode)
    return repl.run()
  }

  /// One line on how to reach the course: resume where the learner left off, or begin.
  static func greeting(_ c: CourseSession) -> String {
    let due = c.dueReviewCount
    if due > 0 {
      let what = due == 1 ? "One question" : "\(due) questions"
      return "\(what) from finished lessons \(due == 1 ? "is" : "are") due for review: `lesson` asks up to \(ReviewRound.limit), then goes on."
    }
    if let name = c.progress.currentLesson, let lesson = c.course.lessons.first(where: { $0.name == name }) {
      let step = min(max(0, c.progress.state(name).step), max(0, lesson.steps.count - 1)) + 1
      return "Type `lesson` to go on with \(lesson.title) (step \(step) of \(lesson.steps.count)), or `lessons` for the list."
    }
    return "New here? Type `lesson 1` to start the course, or `lessons` for the list."
  }

  private static func runScript(_ session: LineRunner, _ options: Options, nextLine: () -> String?) -> Int32 {
    let style = DisplayStyle.chartStyle(
      environment: options.environment, isTerminal: false, forceASCII: options.forceASCII,
      forceUnicode: options.forceUnicode)
    let runner = ScriptRunner(session: session, printer: OutputPrinter(width: scriptWidth, style: style))
    let result = runner.run(
      nextLine: nextLine,
      output: { print($0) },
      errors: { line in
        Terminal.flushOutput()
        Terminal.writeError(line + "\n")
      })
    Terminal.flushOutput()
    return result.exitStatus
  }

  /// The longest script read (a pipe or a device is read up to it).
  public static let scriptLimit = 16 << 20

  /// The lines of a script file; a final newline does not make an extra empty line.
  /// A pipe, a device or `/dev/stdin` is read like a file, up to `scriptLimit` bytes.
  public static func readScript(_ path: String) throws(ScriptError) -> [String] {
    switch AtomicFile.read(path, limit: scriptLimit, what: "a script") {
    case .failure(let error): throw ScriptError(description: "cannot read \(path): \(error.reason)")
    case .success(let bytes): return scriptLines(String(decoding: bytes, as: UTF8.self))
    }
  }

  /// A script's text as its lines.
  public static func scriptLines(_ text: String) -> [String] {
    // NB: "\r\n" is one Character, so it must be named as a separator of its own.
    var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
      .map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
