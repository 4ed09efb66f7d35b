/// The layout shared by the charts with axes: optional legend rows (as many as the legend
/// needs at that width, up to a third of the height), y labels, the axes and
/// the plot area, chosen for the size given. As room runs out it drops the legend, then the
/// labels; when even bare axes do not fit, `layout` returns nil and the chart says "too small".
///
/// Positions inside the plot area are in dots: `dotsX` × `dotsY` per cell (braille 2 × 4 in
/// Unicode, 1 × 1 in ASCII).
struct PlotFrame {
  enum Detail: Int, Comparable {
    case full, noLegend, bare
    static func < (a: Detail, b: Detail) -> Bool { a.rawValue < b.rawValue }
  }

  var detail: Detail
  /// Rows the legend takes at the top (0 without one).
  var legendRows = 0
  var plotX: Int
  var plotY: Int
  var plotWidth: Int
  var plotHeight: Int
  var x: Axis
  var y: Axis
  var dotsX: Int
  var dotsY: Int

  var hasLabels: Bool { detail != .bare }
  var pixelWidth: Int { plotWidth * dotsX }
  var pixelHeight: Int { plotHeight * dotsY }

  static func layout(
    width: Int, height: Int, style: ChartStyle, xData: ClosedRange<Double>?,
    yData: ClosedRange<Double>?, yScale: AxisScale = .linear, widenX: Bool = false,
    widenY: Bool = true, legend: Bool = true, minPlotWidth: Int = 8,
    legendEntries: [LegendEntry]? = nil
  ) -> PlotFrame? {
    let dotsX = style.isUnicode ? 2 : 1
    let dotsY = style.isUnicode ? 4 : 1
    for detail in [Detail.full, .noLegend, .bare] where legend || detail != .full {
      var top = detail == .full ? 1 : 0
      let bottom = detail == .bare ? 1 : 2
      var plotHeight = height - top - bottom
      guard plotHeight >= (detail == .bare ? 2 : 3) else { continue }
      var yAxis = Axis.make(
        data: yData, scale: yScale, maxTicks: max(2, plotHeight / 2 + 1), widen: widenY)
      var labelWidth = detail == .bare ? 0 : (yAxis.labels.map(\.count).max() ?? 0)
      if detail == .full, let entries = legendEntries {
        // A legend wider than the plot takes more rows, up to a third of the chart.
        let needed = LegendEntry.rows(entries, width: width - labelWidth - 1).count
        let rows = min(max(1, needed), max(1, (height - bottom) / 3))
        if rows > top {
          top = rows
          plotHeight = height - top - bottom
          yAxis = Axis.make(data: yData, scale: yScale, maxTicks: max(2, plotHeight / 2 + 1), widen: widenY)
          labelWidth = yAxis.labels.map(\.count).max() ?? 0
        }
      }
      let plotWidth = width - labelWidth - 1
      guard plotWidth >= (detail == .bare ? 4 : minPlotWidth) else { continue }
      let xAxis = Axis.make(
        data: xData, scale: .linear, maxTicks: max(2, plotWidth / 8), widen: widenX)
      return PlotFrame(
        detail: detail, legendRows: top, plotX: labelWidth + 1, plotY: top, plotWidth: plotWidth,
        plotHeight: plotHeight, x: xAxis, y: yAxis, dotsX: dotsX, dotsY: dotsY)
    }
    return nil
  }

  /// Dot column of a value on the x axis (may lie outside the plot), nil if not drawable.
  func dotX(_ value: Double) -> Double? {
    x.fraction(value).map { min(max($0, -1e6), 1e6) * Double(pixelWidth - 1) }
  }

  /// Dot row of a value on the y axis, 0 at the top.
  func dotY(_ value: Double) -> Double? {
    y.fraction(value).map { (1 - min(max($0, -1e6), 1e6)) * Double(pixelHeight - 1) }
  }

  /// Grid column of a value on the x axis, nil when outside the plot.
  func column(_ value: Double) -> Int? {
    guard let d = dotX(value), d > -0.5, d < Double(pixelWidth) - 0.5 else { return nil }
    return plotX + Int(d.rounded()) / dotsX
  }

  /// Grid row of a value on the y axis, nil when outside the plot.
  func row(_ value: Double) -> Int? {
    guard let d = dotY(value), d > -0.5, d < Double(pixelHeight) - 0.5 else { return nil }
    return plotY + Int(d.rounded()) / dotsY
  }

  /// Draws both axes with their ticks and, unless bare, their labels and the legend.
  func drawAxes(into grid: inout Grid, style: ChartStyle, legend: [LegendEntry]) {
    let axisX = plotX - 1
    let axisY = plotY + plotHeight
    let tickRows = Set(y.ticks.compactMap { row($0) })
    for r in plotY..<axisY {
      let tick = tickRows.contains(r)
      grid[axisX, r] = Cell(tick ? style.glyph("┤", "+") : style.glyph("│", "|"))
    }
    grid[axisX, axisY] = Cell(style.glyph("└", "+"))
    for c in plotX..<(plotX + plotWidth) { grid[c, axisY] = Cell(style.glyph("─", "-")) }
    for t in x.ticks { if let c = column(t) { grid[c, axisY] = Cell(style.glyph("┬", "+")) } }
    guard hasLabels else { return }
    for (value, label) in zip(y.ticks, y.labels) {
      guard let r = row(value) else { continue }
      grid.write(label, x: axisX - label.count, y: r)
    }
    var free = 0
    for (value, label) in zip(x.ticks, x.labels) {
      guard let c = column(value) else { continue }
      let start = min(max(c - (label.count - 1) / 2, max(free, 0)), grid.width - label.count)
      guard start >= free, start >= 0 else { continue }
      free = grid.write(label, x: start, y: axisY + 1) + 1
    }
    if detail == .full {
      LegendEntry.draw(
        legend, into: &grid, x: plotX, y: 0, limit: grid.width, maxRows: legendRows,
        ellipsis: style.text("…", "~"))
    }
  }
}
