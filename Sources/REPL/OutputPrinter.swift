import Charts
import Tutor

/// Turns a command's outputs into lines of text for a terminal or a file.
///
/// A pure function of the outputs, the width and the style: charts are drawn
/// `min(width, 100)` columns wide at the height the output asks for, under their title;
/// text loses its emphasis delimiters (`*word*` is bold or underlined with colour); tables get
/// aligned columns; an error is one line behind a prefix (`error: ` at the prompt,
/// `line N: ` in a script). Without colour no escape code is written, and no line ends in
/// spaces. In the ASCII style every line is plain ASCII: text is spelt by `ASCIIText`.
///
///     OutputPrinter(width: 80, style: .ascii).lines(.error("no data yet"))
///     // ["error: no data yet"]
public struct OutputPrinter: Sendable {
  /// The terminal's width in columns.
  public var width: Int
  public var style: ChartStyle
  /// Breaks text and error lines longer than the width at spaces (for a terminal; scripts
  /// keep one line per line, for tools like grep).
  public var wrapsText = false
  /// Charts are never drawn wider than this, however wide the terminal.
  public static let maximumChartWidth = 100

  public init(width: Int, style: ChartStyle, wrapsText: Bool = false) {
    self.width = width
    self.style = style
    self.wrapsText = wrapsText
  }

  /// The width charts are drawn at.
  public var chartWidth: Int { max(20, min(width, Self.maximumChartWidth)) }

  /// All the outputs' lines, in order.
  public func lines(_ outputs: [Output], errorPrefix: String = "error: ") -> [String] {
    outputs.flatMap { lines($0, errorPrefix: errorPrefix) }
  }

  /// One output's lines.
  public func lines(_ output: Output, errorPrefix: String = "error: ") -> [String] {
    switch style.glyphs == .ascii ? output.asciiText() : output {
    case .text(let lines):
      return lines.flatMap { MarkupText.lines($0, width: width, color: style.color, wraps: wrapsText) }
    case .table(let table): return wrapsText ? table.lines(width: width) : table.lines()
    case .error(let message): return wrapped(shown(errorPrefix) + message)
    case .chart(let spec, let title, let height):
      let grid = spec.render(width: chartWidth, height: max(1, height), style: style).trimmed()
      let body = style.color ? grid.ansiLines() : grid.lines().map(Self.trimmingTrailingSpaces)
      return (title.isEmpty ? [] : wrapped(title)) + body
    }
  }

  /// Text of the REPL's own (a prefix, a progress line) as this style shows it.
  public func shown(_ text: String) -> String { style.glyphs == .ascii ? ASCIIText.text(text) : text }

  private func wrapped(_ line: String) -> [String] {
    wrapsText ? TextWrap.lines(line, width: width) : [line]
  }

  static func trimmingTrailingSpaces(_ line: String) -> String {
    var s = Substring(line)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
