/// Something wrong in a lesson file, at a line: `Lessons/03-apartments.md:42: ...`.
public struct LessonProblem: Equatable, Sendable, CustomStringConvertible {
  public let file: String
  /// 1-based; 0 when the problem is about the file as a whole.
  public let line: Int
  public let message: String

  public init(file: String, line: Int, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message`, the form editors and terminals can jump to.
  public var description: String {
    line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
  }
}
