/// A chart pane's heading in at most two rows: broken at spaces, never cut in a word. A
/// heading longer than both rows is shortened before its last ` · ` part (such as
/// `· step 120`), which always stays whole.
///
///     ChartHeading.lines("compare: main, fast, slow · step 120", first: 20, width: 26)
///     // ["compare: main, fast,", "slow · step 120"]
enum ChartHeading {
  static func lines(_ text: String, first: Int, width: Int, ellipsis: String = "…") -> [String] {
    guard text.count > first, first > 0, width > 0 else { return [text] }
    let words = text.split(separator: " ").map(String.init)
    let fitted = fill(words, first: first, width: width)
    if fitted.rest.isEmpty { return fitted.lines }
    // Too long for two rows: keep the tail (after the last " · ") and shorten what is before.
    var head = words
    var tail: [String] = []
    if let dot = words.lastIndex(where: { $0 == "·" || $0 == "|" || $0 == "-" }), dot > 0 {
      head = Array(words[..<dot])
      tail = Array(words[dot...])
    }
    let tailText = tail.joined(separator: " ")
    while !head.isEmpty {
      let shortened = head.joined(separator: " ") + ellipsis + (tail.isEmpty ? "" : " " + tailText)
      let attempt = fill(shortened.split(separator: " ").map(String.init), first: first, width: width)
      if attempt.rest.isEmpty { return attempt.lines }
      head.removeLast()
    }
    return [String(tailText.prefix(first))]
  }

  /// Words into a first row of `first` columns and a second of `width`; what is left over.
  private static func fill(_ words: [String], first: Int, width: Int) -> (lines: [String], rest: [String]) {
    var lines: [String] = []
    var current = ""
    var rest = words[...]
    while let word = rest.first {
      let room = lines.isEmpty ? first : width
      let candidate = current.isEmpty ? word : current + " " + word
      if candidate.count <= room {
        current = candidate
        rest = rest.dropFirst()
      } else if current.isEmpty || lines.count == 1 {
        break
      } else {
        lines.append(current)
        current = ""
      }
    }
    if !current.isEmpty { lines.append(current) }
    return (lines, Array(rest))
  }
}
