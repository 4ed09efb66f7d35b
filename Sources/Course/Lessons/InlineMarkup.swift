/// The inline Markdown of lesson text: `*emphasis*` and `_emphasis_`, `**strong**` and
/// `__strong__`, `` `code` ``. Each front end shows the styles its own way.
///
///     InlineMarkup.spans("a *machine-learning* model, `set w 4`")
///     // [("a ", []), ("machine-learning", .emphasis), (" model, ", []), ("set w 4", .code)]
///
/// A delimiter opens only before a non-space and after a space, punctuation or the start of
/// the line, and closes only after a non-space and before a space, punctuation or the end, so
/// `2 * 3 * 4`, `train_loss` and a `* item` list line keep their characters. Nothing is
/// parsed inside a code span; a delimiter without its partner stays as it is.
public enum InlineMarkup {
  public struct Style: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let emphasis = Style(rawValue: 1)
    public static let strong = Style(rawValue: 2)
    public static let code = Style(rawValue: 4)
  }

  public struct Span: Equatable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = []) {
      self.text = text
      self.style = style
    }
  }

  /// The line cut into runs of one style each, the delimiters removed.
  public static func spans(_ line: String) -> [Span] {
    guard line.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "`") }) else {
      return line.isEmpty ? [] : [Span(line)]
    }
    let chars = Array(line)
    var out: [Span] = []
    parse(chars, chars.startIndex..<chars.endIndex, [], depth: 0, into: &out)
    return out
  }

  /// The line without emphasis delimiters; code spans keep their backticks when `keepingCode`.
  public static func plain(_ line: String, keepingCode: Bool = true) -> String {
    spans(line).map { span in
      keepingCode && span.style.contains(.code) ? "`" + span.text + "`" : span.text
    }.joined()
  }

  /// Emphasis nests at most this deep, and a span closes within this many characters (longer
  /// is text as it is), so that no line, however hostile, costs more than a linear pass.
  static let maximumDepth = 3
  static let maximumSpan = 400

  private static func parse(_ c: [Character], _ range: Range<Int>, _ style: Style, depth: Int, into out: inout [Span]) {
    var text = ""
    func flush() {
      if !text.isEmpty { append(Span(text, style), to: &out) }
      text = ""
    }
    var i = range.lowerBound
    while i < range.upperBound {
      let ch = c[i]
      if ch == "`", let close = codeEnd(c, from: i, limit: min(range.upperBound, i + maximumSpan)) {
        flush()
        let n = run(c, at: i, limit: range.upperBound)
        append(Span(String(c[(i + n)..<close.start]), style.union(.code)), to: &out)
        i = close.end
        continue
      }
      if ch == "*" || ch == "_", depth < maximumDepth {
        let n = min(2, run(c, at: i, limit: range.upperBound))
        if opens(c, at: i, length: n, limit: range.upperBound),
          let close = closer(c, of: ch, length: n, from: i + n, limit: min(range.upperBound, i + n + maximumSpan))
        {
          flush()
          parse(c, (i + n)..<close, style.union(n == 2 ? .strong : .emphasis), depth: depth + 1, into: &out)
          i = close + n
          continue
        }
        // NB: a run that opens nothing is text as a whole, so `**` cannot reopen as `*`.
        let whole = run(c, at: i, limit: range.upperBound)
        text += String(c[i..<(i + whole)])
        i += whole
        continue
      }
      text.append(ch)
      i += 1
    }
    flush()
  }

  private static func append(_ span: Span, to out: inout [Span]) {
    if let last = out.last, last.style == span.style {
      out[out.count - 1].text += span.text
    } else {
      out.append(span)
    }
  }

  /// How many copies of the character at `i` follow one another from there.
  private static func run(_ c: [Character], at i: Int, limit: Int) -> Int {
    var j = i
    while j < limit, c[j] == c[i] { j += 1 }
    return j - i
  }

  /// The closing backtick run of the same length as the one at `i`.
  private static func codeEnd(_ c: [Character], from i: Int, limit: Int) -> (start: Int, end: Int)? {
    let n = run(c, at: i, limit: limit)
    var j = i + n
    while j < limit {
      if c[j] == "`" {
        let m = run(c, at: j, limit: limit)
        if m == n && j > i + n { return (j, j + m) }
        j += m
      } else {
        j += 1
      }
    }
    return nil
  }

  private static func isBoundary(_ ch: Character?) -> Bool {
    guard let ch else { return true }
    return !(ch.isLetter || ch.isNumber)
  }

  private static func opens(_ c: [Character], at i: Int, length n: Int, limit: Int) -> Bool {
    guard run(c, at: i, limit: limit) == n, i + n < limit, !c[i + n].isWhitespace else { return false }
    return isBoundary(i > 0 ? c[i - 1] : nil)
  }

  /// The first run of exactly `length` delimiters that closes, skipping code spans.
  private static func closer(_ c: [Character], of d: Character, length n: Int, from start: Int, limit: Int) -> Int? {
    var j = start
    while j < limit {
      if c[j] == "`", let code = codeEnd(c, from: j, limit: limit) {
        j = code.end
        continue
      }
      if c[j] == d {
        let m = run(c, at: j, limit: limit)
        let after = j + m < c.count ? c[j + m] : nil
        if m == n, j > start, !c[j - 1].isWhitespace, isBoundary(after) { return j }
        j += m
        continue
      }
      j += 1
    }
    return nil
  }
}
