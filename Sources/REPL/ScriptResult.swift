/// How a script went: how many lines it ran and which of them failed.
public struct ScriptResult: Equatable, Sendable {
  /// Lines read, blank and comment lines included.
  public var linesRead = 0
  /// The numbers (from 1) of the lines whose command failed.
  public var failedLines: [Int] = []
  /// True when the script ended with `quit` rather than at its end.
  public var quit = false

  public init() {}

  /// The process's exit status: 1 when any command failed.
  public var exitStatus: Int32 { failedLines.isEmpty ? 0 : 1 }
}
