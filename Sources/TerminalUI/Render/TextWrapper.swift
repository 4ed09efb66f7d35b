import Course
import Tutor

/// Lesson-pane lines fitted to a width, never cut: text is broken at spaces (a word longer
/// than the whole line is the one thing broken), list items and preformatted lines hang
/// under their text, and a table is laid out again with narrower columns whose cells wrap.
/// Inline markup (`*emphasis*`, `**strong**`, `` `code` ``) of prose and output becomes
/// styles, one per character, its delimiters removed.
public enum TextWrapper {
  public static func wrap(_ lines: [TranscriptLine], width: Int) -> [TranscriptLine] {
    guard width > 0 else { return [] }
    var out: [TranscriptLine] = []
    var tables: [(Table, [[String]])] = []
    for line in lines {
      if let row = line.tableRow {
        let laid: [[String]]
        if let known = tables.last(where: { $0.0 == row.table }) {
          laid = known.1
        } else {
          laid = row.table.rowLines(width: width)
          tables.append((row.table, laid))
        }
        if row.index < laid.count {
          for text in laid[row.index] { out.append(TranscriptLine(piece: text, line.kind, styles: [])) }
          continue
        }
      }
      let (text, styles) = styled(line)
      if styles.isEmpty && text.utf8.count <= width {
        // NB: the common case, short and plain, costs no more than a copy.
        out.append(TranscriptLine(piece: text, line.kind, styles: []))
        continue
      }
      let chars = Array(text)
      let indent = line.kind == .preformatted ? columnIndent(text, width: width) : hangingIndent(text)
      for (start, end, pad) in breaks(chars, width: width, indent: indent) {
        let hasStyle = !styles.isEmpty && styles[start..<end].contains { !$0.isEmpty }
        out.append(
          TranscriptLine(
            piece: String(repeating: " ", count: pad) + String(chars[start..<end]), line.kind,
            styles: hasStyle ? Array(repeating: [], count: pad) + styles[start..<end] : []))
      }
    }
    return out
  }

  /// The text as shown and each character's style: markup is read in prose and output, never
  /// in commands (typed as they are) or preformatted text.
  static func styled(_ line: TranscriptLine) -> (String, [InlineMarkup.Style]) {
    if let markup = line.markup, markup.source == line.text, line.kind != .command, line.kind != .preformatted {
      return (markup.text, markup.styles)
    }
    // A line changed since it was made, or made as a piece: read it again.
    guard let markup = TranscriptLine.markup(line.text, line.kind) else { return (line.text, []) }
    return (markup.text, markup.styles)
  }

  /// Continuation lines of a list item line up with its text.
  static func hangingIndent(_ text: String) -> Int {
    let spaces = text.prefix { $0 == " " }.count
    let rest = text.dropFirst(spaces)
    if rest.hasPrefix("- ") || rest.hasPrefix("* ") || rest.hasPrefix("› ") { return spaces + 2 }
    // A quiz choice, `a) text`.
    let head = Array(rest.prefix(3))
    if head.count == 3, head[0].isLetter, head[1] == ")", head[2] == " " { return spaces + 3 }
    return spaces
  }

  /// Continuation lines of a preformatted line go under its last column (after a run of two
  /// spaces) when that leaves room, else two spaces in.
  static func columnIndent(_ text: String, width: Int) -> Int {
    let chars = Array(text)
    var start = 0
    var i = chars.firstIndex { $0 != " " } ?? 0
    while i + 2 < chars.count {
      if chars[i] == " " && chars[i + 1] == " " {
        var j = i
        while j < chars.count, chars[j] == " " { j += 1 }
        if j < chars.count { start = j }
        i = j
      } else {
        i += 1
      }
    }
    let leading = chars.prefix { $0 == " " }.count
    return start > 0 && start <= width - 12 ? start : leading + 2
  }

  /// True at the space before a heading's closing rule (`── Title ──`), which stays with the
  /// title's last word.
  static func closesHeading(_ c: [Character], after i: Int) -> Bool {
    c.count - i == 3 && c[i + 1] == "─" && c[i + 2] == "─"
  }

  /// Where each line begins and ends in the text, and how many spaces go before it. The
  /// first line keeps the text's own leading spaces; a line is broken at its last space
  /// that fits, or, for a word longer than the line, at the width.
  static func breaks(_ c: [Character], width: Int, indent: Int) -> [(Int, Int, Int)] {
    guard c.count > width else { return [(0, c.count, 0)] }
    let pad = min(indent, width / 2)
    var result: [(Int, Int, Int)] = []
    var start = 0
    var prefix = 0
    while start < c.count {
      let room = width - prefix
      if c.count - start <= room {
        result.append((start, c.count, prefix))
        break
      }
      // The first character of text on this line: a break must leave some text before it.
      let content = (start..<c.count).first { c[$0] != " " } ?? c.count
      var cut = start + room
      while cut > content, c[cut] != " " || closesHeading(c, after: cut) { cut -= 1 }
      var end = cut
      if cut <= content {
        cut = start + room
        end = cut
      } else {
        while end > start, c[end - 1] == " " { end -= 1 }
      }
      result.append((start, end, prefix))
      start = cut
      while start < c.count, c[start] == " " { start += 1 }
      prefix = pad
    }
    return result
  }
}
