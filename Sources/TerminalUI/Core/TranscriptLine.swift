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
  /// The text's inline markup, read once when the line is made (wrapping runs every frame).
  var markup: Markup?

  struct Markup: Equatable, Sendable {
    var source: String
    var text: String
    var styles: [InlineMarkup.Style]
  }

  public init(_ text: String, _ kind: Kind = .output) {
    self.text = text
    self.kind = kind
    self.markup = Self.markup(text, kind)
  }

  /// A line already wrapped: its styles given, nothing to read.
  init(piece text: String, _ kind: Kind, styles: [InlineMarkup.Style]) {
    self.text = text
    self.kind = kind
    self.styles = styles
  }

  /// The markup of prose and output; commands (typed as they are) and preformatted text have
  /// none, and nor has a line without a `*`, `_` or backtick.
  static func markup(_ text: String, _ kind: Kind) -> Markup? {
    switch kind {
    case .command, .preformatted: return nil
    case .prose, .heading, .output, .error, .success:
      let spans = InlineMarkup.spans(text)
      guard spans.contains(where: { !$0.style.isEmpty }) else { return nil }
      var shown = ""
      var styles: [InlineMarkup.Style] = []
      for span in spans {
        shown += span.text
        styles += repeatElement(span.style, count: span.text.count)
      }
      return Markup(source: text, text: shown, styles: styles)
    }
  }
}
