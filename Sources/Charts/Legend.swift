/// One entry of a chart's legend: a sample of how the thing is drawn, and its name.
struct LegendEntry: Equatable {
  var symbol: String
  var color: Color?
  var text: String

  /// Writes the entries on row `y` from column `x`, two spaces apart, leaving out those that
  /// would not fit before column `limit`.
  static func draw(_ entries: [LegendEntry], into grid: inout Grid, x: Int, y: Int, limit: Int) {
    var column = x
    for entry in entries {
      let needed = entry.symbol.count + 1 + entry.text.count
      if column + needed > limit { continue }
      column = grid.write(entry.symbol, x: column, y: y, foreground: entry.color)
      column = grid.write(" " + entry.text, x: column, y: y)
      column += 2
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
