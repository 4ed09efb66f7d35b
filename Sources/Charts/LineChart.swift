import Foundation

/// Several series against a shared x axis — train and test loss, or two runs side by side —
/// on a linear or log y axis with round ticks, a legend, and vertical markers where a setting
/// changed. Unicode draws the curves in braille dots (solid, dashed, dotted for the first
/// three series); ASCII draws each series with its own character (`*`, `o`, `+`, …). A series
/// marked `averaged` is drawn as one mean per dot column, and the other series over it.
///
///     LineChart(series: [LineSeries("loss", [1, 0.5, 0.25, 0.125])], yScale: .log,
///               markers: [.init(x: 2, label: "lr 0.1")])
///       .render(width: 40, height: 12, style: .unicode)
///
/// NaN and infinite values (and values ≤ 0 on a log axis) break the curve and are marked with
/// "×" at the top or bottom of the plot, and counted in the legend. A log axis may have a
/// `floor` instead: values below it, 0 included, are drawn on it (a loss that reaches 0), and
/// the legend says so.
public struct LineChart: Hashable, Sendable {
  /// A vertical line at `x` with a short label, such as "lr 0.1".
  public struct Marker: Hashable, Sendable {
    public var x: Double
    public var label: String
    public init(x: Double, label: String) {
      self.x = x
      self.label = label
    }
  }

  public var series: [LineSeries]
  public var yScale: AxisScale
  public var markers: [Marker]
  /// On a log axis: finite values below this are drawn at it (nil: they are gaps, as ≤ 0 is).
  public var floor: Double?

  public init(
    series: [LineSeries], yScale: AxisScale = .linear, markers: [Marker] = [], floor: Double? = nil
  ) {
    self.series = series
    self.yScale = yScale
    self.markers = markers
    self.floor = floor
  }

  /// A value as drawn: below the floor of a log axis, the floor.
  func placed(_ v: Double) -> Double {
    guard yScale == .log, let floor, floor > 0, v.isFinite, v < floor else { return v }
    return floor
  }

  /// Whether a value is drawn at the floor in place of its own height.
  func isFloored(_ v: Double) -> Bool { placed(v) != v }

  static let asciiSymbols: [Character] = ["*", "o", "+", "x", "#", "@", "%", "&"]
  static let unicodeSamples = ["──", "╌╌", "┈┈"]

  static func symbol(_ layer: Int) -> Character { asciiSymbols[layer % asciiSymbols.count] }

  /// Which dot columns a series draws in: solid, dashed, dotted, repeating.
  static func pattern(_ layer: Int, dotted: Bool) -> (Int) -> Bool {
    guard dotted else { return { _ in true } }
    switch layer % 3 {
    case 1: return { ($0 / 3) % 2 == 0 }
    case 2: return { $0 % 3 == 0 }
    default: return { _ in true }
    }
  }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    guard series.contains(where: { $0.count > 0 }) else {
      return Message.grid(Message.noData, width: width, height: height)
    }
    let xData = Axis.range(
      of: series.compactMap(\.xRange).flatMap { [$0.lowerBound, $0.upperBound] }
        + markers.map(\.x), scale: .linear)
    let yData = Axis.range(
      of: series.lazy.flatMap { $0.values.prefix($0.count) }.map(placed), scale: yScale)
    guard
      let frame = PlotFrame.layout(
        width: width, height: height, style: style, xData: xData, yData: yData, yScale: yScale,
        legendEntries: legend(style: style, gaps: GapMarks()) + gapPlaceholder(style))
    else { return Message.grid(Message.tooSmall, width: width, height: height) }

    var grid = Grid(width: width, height: height)
    let markerColumns = markers.compactMap { frame.column($0.x) }
    for c in markerColumns {
      for r in frame.plotY..<(frame.plotY + frame.plotHeight) {
        grid[c, r] = Cell(style.glyph("┊", ":"), foreground: style.tint(.brightBlack))
      }
    }
    var canvas = DotCanvas(frame: frame)
    // NB: next to averaged (dense) curves, the others are drawn over them, cell by cell.
    let covering = series.contains(where: \.averaged)
    var top = DotCanvas(frame: frame)
    var gaps = GapMarks()
    for (layer, s) in series.enumerated() {
      if s.averaged {
        drawAveraged(s, layer: layer, frame: frame, canvas: &canvas, gaps: &gaps, dotted: style.isUnicode)
      } else if covering {
        draw(s, layer: layer, frame: frame, canvas: &top, gaps: &gaps, dotted: style.isUnicode)
      } else {
        draw(s, layer: layer, frame: frame, canvas: &canvas, gaps: &gaps, dotted: style.isUnicode)
      }
    }
    if covering { canvas.cover(with: top) }
    canvas.draw(
      into: &grid, x: frame.plotX, y: frame.plotY, character: Self.symbol,
      color: { style.tint(Color.series($0)) })
    gaps.draw(into: &grid, frame: frame, style: style)
    if frame.hasLabels { drawMarkerLabels(into: &grid, frame: frame, style: style) }
    frame.drawAxes(into: &grid, style: style, legend: legend(style: style, gaps: gaps))
    return grid
  }

  /// Room in the legend for the count of values the curves cannot show, when there are any.
  private func gapPlaceholder(_ style: ChartStyle) -> [LegendEntry] {
    let hidden = series.contains { s in
      s.values.prefix(s.count).contains { !$0.isFinite || (yScale == .log && $0 <= 0) }
    }
    return hidden ? [LegendEntry(symbol: style.text("×", "x"), color: nil, text: "9999 NaN/inf")] : []
  }

  private func legend(style: ChartStyle, gaps: GapMarks) -> [LegendEntry] {
    var entries = series.enumerated().map { layer, s in
      LegendEntry(
        symbol: style.isUnicode
          ? Self.unicodeSamples[layer % Self.unicodeSamples.count] : String(Self.symbol(layer)),
        color: style.tint(Color.series(layer)), text: s.name)
    }
    if let gapEntry = gaps.legend(style: style) { entries.append(gapEntry) }
    if let floor, series.contains(where: { $0.values.prefix($0.count).contains(where: isFloored) }) {
      let text = "≤1e\(Int(log10(floor).rounded())) drawn at the bottom"
      entries.append(LegendEntry(symbol: style.text("↓", "v"), color: nil, text: style.text(text, ASCIIText.text(text))))
    }
    return entries
  }

  /// Draws a series as the mean of each dot column, joined column to column.
  private func drawAveraged(
    _ s: LineSeries, layer: Int, frame: PlotFrame, canvas: inout DotCanvas,
    gaps: inout GapMarks, dotted: Bool
  ) {
    let pattern = Self.pattern(layer, dotted: dotted)
    var previous: (x: Double, y: Double)?
    var run: (column: Int, sum: Double, n: Int)?
    func flush() {
      guard let r = run else { return }
      let y = r.sum / Double(r.n)
      if let p = previous {
        canvas.segment(p.x, p.y, Double(r.column), y, layer: layer, pattern: pattern)
      } else if pattern(r.column) {
        canvas.span(r.column, y, y, layer: layer)
      }
      previous = (Double(r.column), y)
      run = nil
    }
    for i in 0..<s.count {
      let xValue = s.xValue(i)
      guard let px = frame.dotX(xValue) else { continue }
      guard let py = frame.dotY(placed(s.values[i])) else {
        flush()
        previous = nil
        gaps.add(column: frame.column(xValue), value: s.values[i], layer: layer)
        continue
      }
      let column = Int(px.rounded())
      if var r = run, r.column == column {
        r.sum += py
        r.n += 1
        run = r
      } else {
        flush()
        run = (column, py, 1)
      }
    }
    flush()
  }

  /// Draws one series, keeping one vertical run of dots per dot column (its lowest and
  /// highest value there), so that 10⁶ points cost one pass and no more dots than columns.
  private func draw(
    _ s: LineSeries, layer: Int, frame: PlotFrame, canvas: inout DotCanvas,
    gaps: inout GapMarks, dotted: Bool
  ) {
    let pattern = Self.pattern(layer, dotted: dotted)
    var previous: (x: Double, y: Double)?
    var run: (column: Int, lo: Double, hi: Double)?
    func flush() {
      if let r = run, pattern(r.column) { canvas.span(r.column, r.lo, r.hi, layer: layer) }
      run = nil
    }
    for i in 0..<s.count {
      let xValue = s.xValue(i)
      guard let px = frame.dotX(xValue) else { continue }
      guard let py = frame.dotY(placed(s.values[i])) else {
        flush()
        previous = nil
        gaps.add(column: frame.column(xValue), value: s.values[i], layer: layer)
        continue
      }
      let column = Int(px.rounded())
      if var r = run, r.column == column {
        r.lo = min(r.lo, py)
        r.hi = max(r.hi, py)
        run = r
      } else {
        flush()
        if let p = previous {
          canvas.segment(p.x, p.y, px, py, layer: layer, pattern: pattern)
        }
        run = (column, py, py)
      }
      previous = (px, py)
    }
    flush()
  }

  private func drawMarkerLabels(into grid: inout Grid, frame: PlotFrame, style: ChartStyle) {
    var freeFrom = [Int](repeating: 0, count: 2)
    for marker in markers {
      guard let c = frame.column(marker.x) else { continue }
      let room = frame.plotX + frame.plotWidth - (c + 1)
      let label = String(marker.label.prefix(max(room, 0)))
      guard !label.isEmpty else { continue }
      for line in 0..<min(2, frame.plotHeight - 1) where c + 1 >= freeFrom[line] {
        grid.write(label, x: c + 1, y: frame.plotY + line, foreground: style.tint(.brightBlack))
        freeFrom[line] = c + 2 + label.count
        break
      }
    }
  }
}
