/// A lesson command with its usage, a one-line summary and an example, for `help`.
public struct LessonCommandInfo: Sendable {
  public let name: String
  public let usage: String
  public let summary: String
  public let example: String
}
