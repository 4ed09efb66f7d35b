import ArgumentParser

@main
struct MLTutor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mltutor",
    abstract: "An interactive terminal tutor for machine learning.",
    discussion: """
      mltutor teaches how models learn by training real ones in front of you: linear
      regression on apartment prices, an MLP on handwritten digits, overfitting, minima.
      """,
    subcommands: [
      TutorCommand.self, TrainCommand.self, DataCommand.self, ReplCommand.self, LessonsCommand.self,
    ],
    defaultSubcommand: TutorCommand.self
  )

  static func main() {
    LargeBlocks.returnToTheSystem()
    main(nil)
  }
}
