/// Values a chart could not place (NaN, ±inf, ≤ 0 on a log axis): where to mark them and
/// how to name them in the legend.
struct GapMarks {
  private(set) var top: [Int: Int] = [:]
  private(set) var bottom: [Int: Int] = [:]
  private(set) var nan = 0
  private(set) var infinite = 0
  private(set) var nonPositive = 0

  var count: Int { nan + infinite + nonPositive }

  /// Records `value` of `layer`, marked at grid column `column` (if any): NaN and +inf at the
  /// top of the plot, the others at the bottom.
  mutating func add(column: Int?, value: Double, layer: Int) {
    if value.isNaN {
      nan += 1
    } else if value.isInfinite {
      infinite += 1
    } else {
      nonPositive += 1
    }
    guard let column else { return }
    if value.isNaN || value == .infinity { top[column] = layer } else { bottom[column] = layer }
  }

  func draw(into grid: inout Grid, frame: PlotFrame, style: ChartStyle) {
    let mark = style.glyph("×", "x")
    for (column, layer) in top {
      grid[column, frame.plotY] = Cell(
        mark, foreground: style.tint(Color.series(layer)), attributes: .bold)
    }
    for (column, layer) in bottom {
      grid[column, frame.plotY + frame.plotHeight - 1] = Cell(
        mark, foreground: style.tint(Color.series(layer)), attributes: .bold)
    }
  }

  /// "× 3 NaN/inf" (or with "≤0" on a log axis); nil when every value was drawn.
  func legend(style: ChartStyle) -> LegendEntry? {
    guard count > 0 else { return nil }
    var kinds: [String] = []
    if nan > 0 { kinds.append("NaN") }
    if infinite > 0 { kinds.append("inf") }
    if nonPositive > 0 { kinds.append(style.text("≤0", "<=0")) }
    return LegendEntry(
      symbol: style.text("×", "x"), color: nil,
      text: "\(count) " + kinds.joined(separator: "/"))
  }
}
