import Course
import Tutor

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
    /// Tables and fenced text: kept as they are when they fit; a table's columns are narrowed
    /// and their cells wrapped, other lines wrap under their last column.
    case preformatted
    case error
    /// Good news: a step done.
    case success
  }

  /// A row of a table (`index` 0 is the headers), laid out again for each pane width.
  public struct TableRow: Equatable, Sendable {
    public var table: Table
    public var index: Int
  }

  public var text: String
  public var kind: Kind
  /// The inline style of each character of `text` (empty: all plain), once wrapped.
  public var styles: [InlineMarkup.Style] = []
  public var tableRow: TableRow?

  public init(_ text: String, _ kind: Kind = .output) {
    self.text = text
    self.kind = kind
  }
}
