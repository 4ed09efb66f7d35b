import Charts
import Course

/// The tutor's colours and glyphs for a chart style: colour only when the style has it,
/// box drawing only in Unicode.
struct Theme {
  let style: ChartStyle

  var unicode: Bool { style.glyphs == .unicode }
  var vertical: Character { unicode ? "│" : "|" }
  var horizontal: Character { unicode ? "─" : "-" }
  var corners: (Character, Character, Character, Character) {
    unicode ? ("┌", "┐", "└", "┘") : ("+", "+", "+", "+")
  }
  var ellipsis: String { unicode ? "…" : "..." }

  func color(_ c: Color) -> Color? { style.color ? c : nil }

  /// Text as the screen can show it: unchanged in Unicode; in ASCII, spelt out by
  /// `ASCIIText`, the one table of stand-ins the REPL uses too.
  func text(_ s: String) -> String { unicode ? s : ASCIIText.text(s) }

  /// The look of a lesson-pane line.
  func look(_ kind: TranscriptLine.Kind) -> (Color?, Cell.Attributes) {
    switch kind {
    case .prose, .output, .preformatted: return (nil, [])
    case .heading: return (color(.brightWhite), [.bold])
    case .command: return (color(.cyan), [])
    case .error: return (color(.brightRed), style.color ? [] : [.bold])
    case .success: return (color(.brightGreen), [.bold])
    }
  }

  /// The look of a run of lesson-pane text in an inline style: emphasis underlined, strong
  /// bold, code in the commands' colour (bold without colour), over the line's own look.
  func look(_ kind: TranscriptLine.Kind, _ inline: InlineMarkup.Style) -> (Color?, Cell.Attributes) {
    var (fg, attributes) = look(kind)
    if inline.contains(.emphasis) { attributes.insert(.underline) }
    if inline.contains(.strong) { attributes.insert(.bold) }
    if inline.contains(.code) {
      if style.color { fg = color(.cyan) } else { attributes.insert(.bold) }
    }
    return (fg, attributes)
  }

  /// Draws a box border around `r`.
  func box(_ grid: inout Grid, _ r: Rect, title: String? = nil) {
    guard r.width >= 2, r.height >= 2 else { return }
    let (tl, tr, bl, br) = corners
    let fg = color(.brightBlack)
    for x in r.x..<(r.x + r.width) {
      grid[x, r.y] = Cell(horizontal, foreground: fg)
      grid[x, r.y + r.height - 1] = Cell(horizontal, foreground: fg)
    }
    for y in r.y..<(r.y + r.height) {
      grid[r.x, y] = Cell(vertical, foreground: fg)
      grid[r.x + r.width - 1, y] = Cell(vertical, foreground: fg)
    }
    grid[r.x, r.y] = Cell(tl, foreground: fg)
    grid[r.x + r.width - 1, r.y] = Cell(tr, foreground: fg)
    grid[r.x, r.y + r.height - 1] = Cell(bl, foreground: fg)
    grid[r.x + r.width - 1, r.y + r.height - 1] = Cell(br, foreground: fg)
    if let title {
      grid.write(" \(title) ", x: r.x + 2, y: r.y, attributes: [.bold])
    }
  }

  /// Blanks a rectangle (under an overlay).
  func clear(_ grid: inout Grid, _ r: Rect) {
    for y in r.y..<(r.y + r.height) {
      for x in r.x..<(r.x + r.width) { grid[x, y] = .blank }
    }
  }
}
