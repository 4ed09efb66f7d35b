import ArgumentParser
import Course
import Datasets
import Foundation
#if canImport(Glibc)
  @preconcurrency import Glibc
#endif
import Tutor

/// `mltutor lessons [list]` and `mltutor lessons check [DIR]`.
struct LessonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons",
    abstract: "List the lessons with your progress, or check a course.",
    subcommands: [List.self, Check.self],
    defaultSubcommand: List.self
  )

  /// The course folder: `--lessons DIR`, else the one mltutor finds for itself.
  static func directory(_ option: String?) throws -> String {
    if let option { return option }
    guard let found = Locations.lessonsDirectory() else {
      throw Failure("cannot find the Lessons folder: give it with --lessons DIR")
    }
    return found
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show every lesson with your progress in it.")

    @Option(name: .customLong("lessons"), help: "The course folder (default: the one installed with mltutor).")
    var lessons: String?

    func run() throws {
      try Self.reportingFailures {
        let course = Course.load(directory: try LessonsCommand.directory(lessons))
        guard !course.lessons.isEmpty else {
          throw Failure(course.problems.first?.description ?? "no lessons in \(course.directory)")
        }
        let store = ProgressStore(directory: Locations.stateDirectory())
        let (progress, warning) = store.load(course: course)
        if let warning { FileHandle.standardError.write(Data("mltutor: \(warning)\n".utf8)) }
        let current = progress.currentLesson.flatMap { name in course.lessons.firstIndex { $0.name == name } }
        let table = CourseListing.table(course, progress, current: current)
        // At a terminal the table fits its width (the titles go first, the progress stays).
        let lines = isatty(STDOUT_FILENO) != 0 ? table.lines(width: Self.columns()) : table.lines()
        print(lines.joined(separator: "\n"))
      }
    }

    /// The terminal's width, else 80.
    static func columns() -> Int {
      var size = winsize()
      if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
      return 80
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a course: every lesson well formed, every command valid, every task solvable by its hints, every quoted figure true.",
      discussion: """
        Each lesson is run from its start in a fresh session: its setup, each step's demos,
        then the commands of its last hint, after which its check must hold. Every {{...}}
        figure must have a value where the replay shows it, and a quoted one ({{93% ~
        test_accuracy}}) must be what the replay gives, to the precision quoted; a task's
        words must agree with its check's thresholds. Problems are printed as FILE:LINE:
        MESSAGE; the exit status is 1 if there is any.
        """)

    @Argument(help: "The course folder (default: the one installed with mltutor).")
    var directory: String?

    func run() throws {
      try Self.reportingFailures {
        let folder = try LessonsCommand.directory(directory)
        var locations = resolvedDataLocations()
        // A course's own data folder comes first, like the course itself.
        if FileManager.default.fileExists(atPath: folder + "/data") { locations.embedded = folder + "/data" }
        let report = CourseLinter(directory: folder, locations: locations).lint()
        print(report.lines.joined(separator: "\n"))
        if !report.problems.isEmpty { throw ExitCode(1) }
      }
    }
  }
}
