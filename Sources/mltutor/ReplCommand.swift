import ArgumentParser
import REPL

/// `mltutor repl [FILE]`: the line REPL, or a script from FILE or standard input.
struct ReplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "Type commands at a prompt, or run a script of them.",
    discussion: """
      At a terminal: line editing, history (in $XDG_STATE_HOME/mltutor/history), Tab \
      completion; Ctrl-C stops training, Ctrl-D leaves. Type `help` for the commands.

      With a FILE, or when standard input is not a terminal, the commands are read one a \
      line and only their output is printed; errors go to standard error as `line N: ...` \
      and the exit status is 1 if any command failed. Example:
        mltutor repl < experiment.mlt
      """)

  @Argument(help: "A script of commands to run (default: standard input).")
  var file: String?

  @Flag(help: "Print with ASCII characters only (the default when the locale is not UTF-8).")
  var ascii = false

  @Flag(help: "Print with Unicode even when the locale is not UTF-8 (the terminal decodes UTF-8).")
  var unicode = false

  func validate() throws {
    if ascii && unicode { throw ValidationError("--ascii and --unicode contradict each other: give one") }
  }

  @Option(name: .customLong("lessons"), help: "The course folder (default: the one installed with mltutor).")
  var lessons: String?

  func run() throws {
    let options = LineREPL.Options(
      scriptPath: file, forceASCII: ascii,
      historyPath: Locations.stateDirectory() + "/history",
      locations: resolvedDataLocations(),
      lessonsDirectory: lessons ?? Locations.lessonsDirectory(),
      progressDirectory: Locations.stateDirectory(), forceUnicode: unicode)
    var status: Int32 = 0
    try Self.reportingFailures {
      do throws(LineREPL.ScriptError) {
        status = try LineREPL.run(options)
      } catch {
        throw Failure(error.description)
      }
    }
    if status != 0 { throw ExitCode(status) }
  }
}
