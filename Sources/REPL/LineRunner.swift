import Course
import Tutor

/// What the REPL sends lines to: a bare `Session`, or a `CourseSession` that also knows the
/// lesson commands and checks each step's task after every command.
public protocol LineRunner: AnyObject {
  func run(line: String, shouldStop: @escaping () -> Bool, progress: ((TrainingProgress) -> Void)?)
    -> [Output]
  var wantsToQuit: Bool { get }
  var runNames: [String] { get }
  /// Command names beyond the session's, for completion.
  var extraCommands: [String] { get }
  /// The pace of `train` with no count at a terminal.
  var pace: Pace { get }
}

extension Session: LineRunner {
  public func run(
    line: String, shouldStop: @escaping () -> Bool, progress: ((TrainingProgress) -> Void)?
  ) -> [Output] {
    execute(line: line, shouldStop: shouldStop, progress: progress)
  }

  public var extraCommands: [String] { [] }
}

extension CourseSession: LineRunner {
  public func run(
    line: String, shouldStop: @escaping () -> Bool, progress: ((TrainingProgress) -> Void)?
  ) -> [Output] {
    execute(line: line, shouldStop: shouldStop, progress: progress).outputs
  }

  public var wantsToQuit: Bool { session.wantsToQuit }
  public var runNames: [String] { session.runNames }
  public var extraCommands: [String] { CourseSession.commandNames }
  public var pace: Pace { session.pace }
}
