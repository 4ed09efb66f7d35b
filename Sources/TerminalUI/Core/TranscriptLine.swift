/// One line of the lesson pane: the step's prose, a command typed and what it printed.
public struct TranscriptLine: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// Lesson prose, wrapped to the pane.
    case prose
    /// A step's heading.
    case heading
    /// A command, shown as `› line`.
    case command
    /// A command's text output, wrapped.
    case output
    /// Tables and fenced text: clipped, never wrapped, so columns stay aligned.
    case preformatted
    case error
    /// Good news: a step done.
    case success
  }

  public var text: String
  public var kind: Kind

  public init(_ text: String, _ kind: Kind = .output) {
    self.text = text
    self.kind = kind
  }
}
