import Course

/// Lesson text as a line terminal shows it: emphasis without its `*` and `_` delimiters,
/// in bold (strong) or underlined (emphasis) where the output has colour, plain text
/// otherwise; code spans keep their backticks, which read well in plain text.
///
///     MarkupText.lines("a *machine-learning* model", width: 80, color: false, wraps: false)
///     // ["a machine-learning model"]
enum MarkupText {
  static func lines(_ line: String, width: Int, color: Bool, wraps: Bool) -> [String] {
    var plain = ""
    var styles: [InlineMarkup.Style] = []
    for span in InlineMarkup.spans(line) {
      let text = span.style.contains(.code) ? "`" + span.text + "`" : span.text
      plain += text
      styles += Array(repeating: span.style.subtracting(.code), count: text.count)
    }
    while plain.hasSuffix(" ") {
      plain.removeLast()
      styles.removeLast()
    }
    let wrapped = wraps ? TextWrap.lines(plain, width: width) : [plain]
    guard color, styles.contains(where: { !$0.isEmpty }) else { return wrapped }
    // Each wrapped line is indentation plus the next stretch of the plain text.
    let chars = Array(plain)
    var at = 0
    return wrapped.map { shown in
      let indent = shown.prefix { $0 == " " }.count
      let content = Array(shown.dropFirst(indent))
      var start = at
      if start > 0 { while start < chars.count, chars[start] == " " { start += 1 } }
      if at == 0 { start = indent }
      guard start + content.count <= chars.count, Array(chars[start..<(start + content.count)]) == content else {
        return shown
      }
      at = start + content.count
      return String(repeating: " ", count: indent) + ansi(content, Array(styles[start..<at]))
    }
  }

  /// The characters with SGR codes around each styled run.
  static func ansi(_ chars: [Character], _ styles: [InlineMarkup.Style]) -> String {
    var out = ""
    var current: InlineMarkup.Style = []
    for (ch, style) in zip(chars, styles) {
      if style != current {
        if !current.isEmpty { out += "\u{1B}[0m" }
        if style.contains(.strong) { out += "\u{1B}[1m" }
        if style.contains(.emphasis) { out += "\u{1B}[4m" }
        current = style
      }
      out.append(ch)
    }
    if !current.isEmpty { out += "\u{1B}[0m" }
    return out
  }
}
