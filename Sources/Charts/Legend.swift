/// One entry of a chart's legend: a sample of how the thing is drawn, and its name.
struct LegendEntry: Equatable {
  var symbol: String
  var color: Color?
  var text: String

  var width: Int { symbol.count + 1 + text.count }

  /// The entries in rows of at most `width` columns, two spaces apart, in order; an entry
  /// wider than a whole row has its name shortened with an ellipsis.
  static func rows(_ entries: [LegendEntry], width: Int, ellipsis: String = "…") -> [[LegendEntry]] {
    guard width > 0 else { return [] }
    var rows: [[LegendEntry]] = []
    var row: [LegendEntry] = []
    var used = 0
    for var entry in entries {
      if entry.width > width {
        let room = width - entry.symbol.count - 1 - ellipsis.count
        guard room > 0 else { continue }
        var kept = entry.text.prefix(room)
        // Back to the end of a word where there is one.
        if entry.text.dropFirst(room).first != " ", let space = kept.lastIndex(of: " ") {
          kept = kept[..<space]
        }
        entry.text = String(kept) + ellipsis
      }
      if !row.isEmpty && used + 2 + entry.width > width {
        rows.append(row)
        row = []
        used = 0
      }
      used += (row.isEmpty ? 0 : 2) + entry.width
      row.append(entry)
    }
    if !row.isEmpty { rows.append(row) }
    return rows
  }

  /// Writes the entries in rows from row `y`, column `x`, two spaces apart, wrapping before
  /// column `limit`; at most `maxRows` rows, and entries beyond them are left out.
  static func draw(
    _ entries: [LegendEntry], into grid: inout Grid, x: Int, y: Int, limit: Int, maxRows: Int = 1,
    ellipsis: String = "…"
  ) {
    for (i, row) in rows(entries, width: limit - x, ellipsis: ellipsis).prefix(max(1, maxRows)).enumerated() {
      var column = x
      for entry in row {
        column = grid.write(entry.symbol, x: column, y: y + i, foreground: entry.color)
        column = grid.write(" " + entry.text, x: column, y: y + i)
        column += 2
      }
    }
  }
}

/// Short messages in place of a chart: "no data yet", "too small".
enum Message {
  static let noData = "no data yet"
  static let tooSmall = "too small"

  /// `text` on the middle row, centred when it fits, cut when it does not.
  static func grid(_ text: String, width: Int, height: Int) -> Grid {
    var grid = Grid(width: width, height: height)
    let x = max(0, (grid.width - text.count) / 2)
    grid.write(text, x: x, y: max(0, (grid.height - 1) / 2), attributes: .dim)
    return grid
  }
}
