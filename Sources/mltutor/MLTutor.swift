import ArgumentParser
import Foundation

@main
struct MLTutor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mltutor",
    abstract: "An interactive terminal tutor for machine learning.",
    discussion: """
      mltutor teaches how models learn by training real ones in front of you: linear
      regression on apartment prices, an MLP on handwritten digits, overfitting, minima.
      """,
    version: Version.current,
    subcommands: [
      TutorCommand.self, TrainCommand.self, DataCommand.self, ReplCommand.self, LessonsCommand.self,
      DoctorCommand.self,
    ],
    defaultSubcommand: TutorCommand.self
  )

  /// As the argument parser's own, except that `train` refuses every impossible argument the
  /// way it refuses an impossible setting: one line on stderr and exit status 1.
  static func main() {
    LargeBlocks.returnToTheSystem()
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch {
      if arguments.first == TrainCommand.configuration.commandName,
        exitCode(for: error) == .validationFailure
      {
        let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        FileHandle.standardError.write(Data("mltutor: \(message) (see `mltutor train --help`)\n".utf8))
        Foundation.exit(1)
      }
      exit(withError: error)
    }
  }
}
