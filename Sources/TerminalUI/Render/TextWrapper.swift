/// Word-wraps lesson-pane lines to a width; preformatted lines are clipped instead, so that
/// tables keep their columns.
public enum TextWrapper {
  public static func wrap(_ lines: [TranscriptLine], width: Int) -> [TranscriptLine] {
    guard width > 0 else { return [] }
    var out: [TranscriptLine] = []
    for line in lines {
      if line.kind == .preformatted || line.text.count <= width {
        out.append(TranscriptLine(String(line.text.prefix(width)), line.kind))
        continue
      }
      for piece in wrap(line.text, width: width, indent: hangingIndent(line.text)) {
        out.append(TranscriptLine(piece, line.kind))
      }
    }
    return out
  }

  /// Continuation lines of a list item line up with its text.
  static func hangingIndent(_ text: String) -> Int {
    let spaces = text.prefix { $0 == " " }.count
    let rest = text.dropFirst(spaces)
    if rest.hasPrefix("- ") || rest.hasPrefix("* ") || rest.hasPrefix("› ") { return spaces + 2 }
    return spaces
  }

  static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
    let pad = String(repeating: " ", count: min(indent, width / 2))
    let leading = String(repeating: " ", count: min(text.prefix { $0 == " " }.count, width / 2))
    var lines: [String] = []
    var current = leading
    var fresh = true
    for word in text.split(separator: " ") {
      if fresh {
        current += word
        fresh = false
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = pad + word
      }
      // A word longer than a whole line is cut.
      while current.count > width {
        lines.append(String(current.prefix(width)))
        current = pad + current.dropFirst(width)
      }
    }
    if current != pad || lines.isEmpty { lines.append(current) }
    return lines
  }
}
