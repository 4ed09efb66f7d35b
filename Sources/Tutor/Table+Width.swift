/// A table laid out within a width: columns that do not all fit are narrowed, widest first,
/// and their cells wrap at spaces (or after a hyphen) onto more lines of the same row, so no
/// cell is cut; columns move one space apart rather than break a word. Only a word longer
/// than its whole column is broken.
///
///     Table(headers: ["command", "what it does"], rows: [["show", "show the settings"]])
///       .lines(width: 20)
///     // ["command  what it", "         does", "show     show the", "         settings"]
extension Table {
  public func lines(width: Int) -> [String] {
    rowLines(width: width).flatMap { $0 }
  }

  /// The lines of each row (the headers first), each row one or more lines.
  public func rowLines(width: Int) -> [[String]] {
    let all = [headers] + rows
    let (kept, widths, gap) = fitted(width: width)
    let separator = String(repeating: " ", count: gap)
    return all.map { row in
      let cells = kept.map { i in Self.wrap(i < row.count ? row[i] : "", width: widths[i]) }
      let height = cells.map(\.count).max() ?? 1
      return (0..<max(1, height)).map { k in
        var line = ""
        for (n, (i, cell)) in zip(kept, cells).enumerated() {
          let text = k < cell.count ? cell[k] : ""
          let pad = String(repeating: " ", count: max(0, widths[i] - text.count))
          line += rightAligned.contains(i) ? pad + text : text + pad
          if n < kept.count - 1 { line += separator }
        }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
      }
    }
  }

  /// The columns shown and the width of each (by column index). Optional columns are left
  /// out, in order, while the others would have to be squeezed (a word broken, or a column
  /// narrowed to less than 3/5 of its width).
  func fitted(width: Int) -> (columns: [Int], widths: [Int], gap: Int) {
    let (natural, floors) = measure()
    var kept = Array(natural.indices)
    var dropping = optionalColumns.filter { natural.indices.contains($0) }
    while true {
      var gap = 2
      var widths = narrowed(natural, floors, kept, room: width - gap * max(0, kept.count - 1))
      if kept.contains(where: { widths[$0] < floors[$0] }) {
        // One space between columns rather than a word broken.
        let closer = narrowed(natural, floors, kept, room: width - max(0, kept.count - 1))
        if !kept.contains(where: { closer[$0] < floors[$0] }) { (gap, widths) = (1, closer) }
      }
      let squeezed = kept.contains { c in
        widths[c] < natural[c] && (widths[c] < floors[c] || widths[c] * 5 < natural[c] * 3)
      }
      guard squeezed, !dropping.isEmpty else { return (kept, widths, gap) }
      let column = dropping.removeFirst()
      kept.removeAll { $0 == column }
    }
  }

  /// The widest column of each and its longest unbreakable piece.
  private func measure() -> (natural: [Int], floors: [Int]) {
    let all = [headers] + rows
    let count = all.map(\.count).max() ?? 0
    var natural = [Int](repeating: 0, count: count)
    var floors = [Int](repeating: 1, count: count)
    for row in all {
      for (i, cell) in row.enumerated() {
        natural[i] = max(natural[i], cell.count)
        floors[i] = max(floors[i], Self.pieces(cell).map(\.count).max() ?? 0)
      }
    }
    return (natural, floors)
  }

  /// Natural widths narrowed, the widest column first, until they fit: first down to each
  /// column's longest piece, then (pieces broken) down to 3.
  private func narrowed(_ natural: [Int], _ floors: [Int], _ kept: [Int], room: Int) -> [Int] {
    var widths = natural
    for pass in 0..<2 {
      while kept.map({ widths[$0] }).reduce(0, +) > room {
        let candidates = kept.filter { widths[$0] > (pass == 0 ? floors[$0] : min(3, floors[$0])) }
        guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
        widths[widest] -= 1
      }
    }
    return widths
  }

  /// The unbreakable pieces of a cell: its words, a hyphenated word cut after each hyphen.
  static func pieces(_ text: String) -> [String] {
    text.split(separator: " ").flatMap { word -> [String] in
      var parts: [String] = []
      var current = ""
      for ch in word {
        current.append(ch)
        if ch == "-" && current.count > 1 {
          parts.append(current)
          current = ""
        }
      }
      if !current.isEmpty { parts.append(current) }
      return parts
    }
  }

  /// A cell's text in lines of at most `width` characters.
  static func wrap(_ text: String, width: Int) -> [String] {
    guard text.count > width, width > 0 else { return [text] }
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      var pieces = Self.pieces(String(word))
      var first = true
      while !pieces.isEmpty {
        let piece = pieces.removeFirst()
        let glue = current.isEmpty || !first ? "" : " "
        if current.count + glue.count + piece.count <= width {
          current += glue + piece
        } else if piece.count <= width {
          lines.append(current)
          current = piece
        } else {
          // A piece longer than the column: what fits, the rest on the next lines.
          var rest = Substring(piece)
          if !current.isEmpty {
            lines.append(current)
            current = ""
          }
          while rest.count > width {
            lines.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
          }
          current = String(rest)
        }
        first = false
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines.filter { !$0.isEmpty }.isEmpty ? [""] : lines.filter { !$0.isEmpty }
  }
}
