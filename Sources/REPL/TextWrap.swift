/// Long lines broken at spaces to fit a width, for a terminal that would otherwise break
/// them in the middle of a word. Continuation lines keep the line's indentation plus two
/// spaces; a word longer than the width is cut.
///
///     TextWrap.lines("error: the loss became infinite", width: 20)
///     // ["error: the loss", "  became infinite"]
enum TextWrap {
  static func lines(_ line: String, width: Int) -> [String] {
    guard width >= 8, line.count > width else { return [line] }
    let leading = String(line.prefix { $0 == " " }) + "  "
    let indent = leading.count <= width / 2 ? leading : ""
    var result: [String] = []
    var rest = Substring(line)
    var prefix = ""
    while prefix.count + rest.count > width {
      let room = width - prefix.count
      let head = rest.prefix(room + 1)
      // The last space that leaves something on the line, else a hard cut.
      let cut = head.lastIndex(of: " ").flatMap { $0 > rest.startIndex ? $0 : nil }
      if let cut {
        result.append(prefix + String(rest[..<cut]))
        rest = rest[rest.index(after: cut)...].drop { $0 == " " }
      } else {
        result.append(prefix + String(rest.prefix(room)))
        rest = rest.dropFirst(room)
      }
      prefix = indent
      if rest.isEmpty { return result }
    }
    result.append(prefix + String(rest))
    return result
  }
}
