import ArgumentParser
import Foundation
import REPL
import TerminalUI

/// `mltutor` with no subcommand: the full-screen tutor, or the REPL when there is no terminal
/// that can show it.
struct TutorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tutor",
    abstract: "The full-screen tutor: lessons, live charts and a command line (the default).",
    discussion: """
      Keys: space trains or pauses, n takes one step, [ ] halve or double the learning rate,
      { } the batch, r resets, u undoes a step, f forks the run, Tab changes the chart,
      PgUp/PgDn scroll the lesson, → ← move between steps, : or Enter types a command,
      ? lists every key, q quits. `draw` lets you draw a digit for the model.
      Without a usable terminal (not a TTY, TERM=dumb, an unknown terminal) the REPL starts.
      """)

  @Option(help: "The lesson to open (name or number); by default, where you left off.")
  var lesson: String?

  @Option(help: "A folder of lessons to use instead of the built-in course.")
  var lessons: String?

  @Flag(help: "Draw with ASCII characters only (the default when the locale is not UTF-8).")
  var ascii = false

  @Flag(help: "Draw with Unicode even when the locale is not UTF-8 (the terminal decodes UTF-8).")
  var unicode = false

  func validate() throws {
    if ascii && unicode { throw ValidationError("--ascii and --unicode contradict each other: give one") }
  }

  func run() throws {
    try Self.reportingFailures(runTutor)
  }

  private func runTutor() throws {
    Self.disableInteractiveBacktraces()
    let environment = ProcessInfo.processInfo.environment
    guard let directory = lessons ?? Locations.lessonsDirectory() else {
      throw Failure("cannot find the lessons: give --lessons DIR or set MLTUTOR_LESSONS")
    }
    let state = Locations.stateDirectory()
    let options = TutorApp.Options(
      lessonsDirectory: directory, lesson: lesson, forceASCII: ascii,
      historyPath: state + "/history", progressDirectory: state,
      locations: resolvedDataLocations(), environment: environment, forceUnicode: unicode)
    switch TutorApp.run(options) {
    case .finished:
      // NB: the terminal is already restored and the progress saved: leave directly, without
      // waiting on the session's training thread and the engine's worker threads.
      fflush(nil)
      _exit(0)
    case .interrupted(let signal):
      // Ended by the signal itself, as it would have without the tutor (a shell reports
      // 128 + its number).
      fflush(nil)
      TutorApp.end(by: signal)
    case .noTerminal(let reason):
      FileHandle.standardError.write(Data("mltutor: \(reason); starting the line REPL instead (`mltutor repl`).\n".utf8))
      let repl = LineREPL.Options(
        forceASCII: ascii, historyPath: state + "/history", locations: resolvedDataLocations(),
        lessonsDirectory: directory, progressDirectory: state, forceUnicode: unicode)
      var status: Int32 = 0
      do throws(LineREPL.ScriptError) {
        status = try LineREPL.run(repl)
      } catch {
        throw Failure(error.description)
      }
      if status != 0 { throw ExitCode(status) }
    }
  }

  /// A crash inside curses must not leave Swift's backtracer waiting for keys on a screen the
  /// learner cannot see: `SWIFT_BACKTRACE` is read when the process starts, so when it is not
  /// set mltutor starts itself again once with `interactive=no`.
  private static func disableInteractiveBacktraces() {
    guard ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil, isatty(0) == 1, isatty(1) == 1
    else { return }
    setenv("SWIFT_BACKTRACE", "interactive=no", 1)
    let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
    _ = execv("/proc/self/exe", arguments)
    // Only reached when exec failed: carry on in this process.
    for a in arguments { free(a) }
  }
}
