import Foundation
import TerminalUI

/// A captured full-screen tutor read through its pane layout (`Layout`): the title bar, the
/// lesson pane, the chart panes, the status line and the command line, one `Character` a
/// column. What the end-to-end tests assert about a screen is computed here, without tmux.
struct TutorScreenText {
  let layout: Layout
  /// Every row padded with spaces to the screen's width.
  let rows: [[Character]]

  init(_ screen: String, width: Int, height: Int) {
    layout = Layout(width: width, height: height)
    var rows = screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(height).map { line in
      let chars = Array(line.prefix(width))
      return chars + Array(repeating: " ", count: width - chars.count)
    }
    while rows.count < height { rows.append(Array(repeating: " ", count: width)) }
    self.rows = rows
  }

  /// The text of a rectangle's rows, each exactly the rectangle's width.
  func rows(of r: Rect) -> [String] {
    (r.y..<(r.y + r.height)).map { y in
      guard y < rows.count else { return String(repeating: " ", count: r.width) }
      let row = rows[y]
      let end = min(row.count, r.x + r.width)
      guard r.x < end else { return String(repeating: " ", count: r.width) }
      return String(row[r.x..<end])
    }
  }

  func row(_ r: Rect) -> String { rows(of: r).first ?? "" }

  var titleBar: String { row(layout.title) }
  var statusLine: String { row(layout.status) }
  var commandLine: String { row(layout.command) }
  var lessonRows: [String] { rows(of: layout.lesson) }

  /// Each chart pane's heading, without the `[Tab]` hint and the spaces around it.
  var chartTitles: [String] {
    layout.chartPanes.map { pane in
      var title = row(pane).trimmingCharacters(in: .whitespaces)
      if title.hasSuffix("[Tab]") { title = String(title.dropLast(5)).trimmingCharacters(in: .whitespaces) }
      return title
    }
  }

  /// The chart panes' rows below their headings.
  var chartBodies: [String] {
    layout.chartPanes.map { pane in
      rows(of: Rect(x: pane.x, y: pane.y + 1, width: pane.width, height: max(0, pane.height - 1)))
        .joined(separator: "\n")
    }
  }

  /// `name i/n` of the title bar: the open lesson and step (1-based).
  var lessonPosition: (lesson: String, step: Int, of: Int)? {
    guard let m = Self.firstMatch(#"· ([a-z0-9-]+) (\d+)/(\d+)"#, in: titleBar), m.count == 4,
      let step = Int(m[2]), let count = Int(m[3])
    else { return nil }
    return (m[1], step, count)
  }

  // MARK: - The status line

  /// Training runs: the status line shows ▶.
  var training: Bool { statusLine.contains("▶") }

  /// `step N` with N in plain digits; nil when the field is missing or written otherwise.
  var statusStep: Int? {
    Self.firstMatch(#"(?:^|\s)step (\d+)(?=\s|$)"#, in: statusLine).flatMap { Int($0[1]) }
  }

  /// The value after `loss` (the training loss, not `test loss`).
  var statusLoss: String? {
    Self.firstMatch(#"(?<!test )\bloss (\S+)"#, in: statusLine).map { $0[1] }
  }

  /// `test acc P%`'s P.
  var statusTestAccuracy: String? {
    Self.firstMatch(#"\btest acc (\d+(?:\.\d+)?)\s?%"#, in: statusLine).map { $0[1] }
  }

  /// `test loss X`'s X.
  var statusTestLoss: String? {
    Self.firstMatch(#"\btest loss (\S+)"#, in: statusLine).map { $0[1] }
  }

  /// Whether the status line could have shown a field that it left out: it shows a field of
  /// less importance (the epoch or a setting), or it has room for it (and ` · `) before the
  /// columns its sparkline keeps at the right end.
  func statusLineHadRoom(for field: String) -> Bool {
    let status = statusLine
    if Self.firstMatch(#"\b(ep|epoch) \d+|\blr \S+|\bbatch \d+"#, in: status) != nil { return true }
    let sparkline = Set("▁▂▃▄▅▆▇█ ")
    let used = status.count - status.reversed().prefix { sparkline.contains($0) }.count
    return status.count - used - Self.sparklineRoom >= field.count + 3
  }

  /// The columns the status line keeps for its sparkline at its right end.
  static let sparklineRoom = 14

  // MARK: - Findings

  /// A word broken at the lesson pane's right edge (see `cutWords(_:vocabulary:)`).
  func cutWords(vocabulary: Set<String>) -> [String] {
    Self.cutWords(lessonRows, vocabulary: vocabulary)
  }

  /// Words broken at the right edge of a text pane whose rows are `rows` (each the pane's
  /// width): a letter in the last column, a letter in the first column of the next row, no
  /// hyphen. NB: a well-wrapped line may end exactly at the edge with the next line starting
  /// with a word; that is not a cut when both pieces are words of `vocabulary` and the two
  /// joined are not. Each finding reads `piece|piece`.
  static func cutWords(_ rows: [String], vocabulary: Set<String>) -> [String] {
    var found: [String] = []
    for (a, b) in zip(rows, rows.dropFirst()) {
      guard let last = a.last, last.isLetter, let first = b.first, first.isLetter else { continue }
      let before = String(a.reversed().prefix { $0.isLetter }.reversed())
      let after = String(b.prefix { $0.isLetter })
      let joined = (before + after).lowercased()
      let wholeWords = vocabulary.contains(before.lowercased()) && vocabulary.contains(after.lowercased())
      if wholeWords && !vocabulary.contains(joined) { continue }
      found.append("\(before)|\(after)")
    }
    return found
  }

  /// The step a chart's title says it shows: `… · step N` at its end, or `after N steps`.
  static func titleStep(_ title: String) -> Int? {
    if let m = firstMatch(#"· step (\d+)$"#, in: title) { return Int(m[1]) }
    if let m = firstMatch(#"\bafter (\d+) steps?\b"#, in: title) { return Int(m[1]) }
    return nil
  }

  /// The words (runs of letters, lower case) of a text; a name written in camel case gives its
  /// parts (`dataName`: data, name), never the two run together.
  static func words(_ text: String) -> Set<String> {
    var set = Set<String>()
    var word = ""
    for c in text {
      if c.isLetter, !(c.isUppercase && word.last?.isLowercase == true) {
        word.append(c)
      } else {
        if !word.isEmpty { set.insert(word.lowercased()) }
        word = c.isLetter ? String(c) : ""
      }
    }
    if !word.isEmpty { set.insert(word.lowercased()) }
    return set
  }

  /// The capture groups of the first match of `pattern` (group 0 is the whole match).
  static func firstMatch(_ pattern: String, in text: String) -> [String]? {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
    let ns = text as NSString
    guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
    return (0..<m.numberOfRanges).map { i in
      let r = m.range(at: i)
      return r.location == NSNotFound ? "" : ns.substring(with: r)
    }
  }
}
