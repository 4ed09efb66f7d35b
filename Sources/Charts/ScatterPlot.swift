/// Points with a fitted line or curve over them, and chosen points highlighted (the
/// overpriced apartments, the training points of a polynomial fit). Unicode draws points "•",
/// highlighted points "◆" and the fit in braille; ASCII uses "o", "@" and ".".
///
///     ScatterPlot(points: [Point(x: 50, y: 150), Point(x: 80, y: 240)],
///                 fit: .polynomial([0, 3]), highlighted: [1])   // the line y = 0 + 3x
///       .render(width: 50, height: 15)
public struct ScatterPlot: Hashable, Sendable {
  /// What is drawn through the points.
  public enum Fit: Hashable, Sendable {
    /// y = c₀ + c₁x + c₂x² + …, coefficients from c₀ up.
    case polynomial([Double])
    /// A curve through sampled points, in increasing x.
    case samples([Point])
  }

  public var points: [Point]
  public var fit: Fit?
  /// Indices into `points` to draw with a distinct mark.
  public var highlighted: Set<Int>
  /// Legend names of the points, the fit and the highlighted points.
  public var names: [String]

  public init(
    points: [Point], fit: Fit? = nil, highlighted: Set<Int> = [],
    names: [String] = ["data", "fit", "highlighted"]
  ) {
    self.points = points
    self.fit = fit
    self.highlighted = highlighted
    self.names = names
  }

  func name(_ i: Int) -> String { i < names.count ? names[i] : "" }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    var all = points
    if case .samples(let s) = fit { all += s }
    let xData = Axis.range(of: all.filter(\.isFinite).map(\.x), scale: .linear)
    let yData = Axis.range(of: all.filter(\.isFinite).map(\.y), scale: .linear)
    guard xData != nil else { return Message.grid(Message.noData, width: width, height: height) }
    guard
      let frame = PlotFrame.layout(
        width: width, height: height, style: style, xData: xData, yData: yData, widenX: true)
    else { return Message.grid(Message.tooSmall, width: width, height: height) }
    var grid = Grid(width: width, height: height)
    var canvas = DotCanvas(frame: frame)
    switch fit {
    case .polynomial(let c):
      let curve = (0..<frame.pixelWidth).map { d -> Point in
        let x = frame.xValue(atDot: d)
        return Point(x: x, y: c.reversed().reduce(0) { $0 * x + $1 })
      }
      frame.polyline(curve, on: &canvas, layer: 1)
    case .samples(let s): frame.polyline(s, on: &canvas, layer: 1)
    case nil: break
    }
    canvas.draw(
      into: &grid, x: frame.plotX, y: frame.plotY, character: { _ in "." },
      color: { _ in style.tint(.brightYellow) })
    var gaps = GapMarks()
    for (i, p) in points.enumerated() where !highlighted.contains(i) {
      guard p.isFinite else {
        gaps.add(column: nil, value: p.x.isFinite ? p.y : p.x, layer: 0)
        continue
      }
      if let cell = frame.cell(p) {
        grid[cell.x, cell.y] = Cell(style.glyph("•", "o"), foreground: style.tint(.brightCyan))
      }
    }
    for i in highlighted.sorted() where points.indices.contains(i) {
      if let cell = frame.cell(points[i]) {
        grid[cell.x, cell.y] = Cell(
          style.glyph("◆", "@"), foreground: style.tint(.brightRed), attributes: .bold)
      }
    }
    var legend = [
      LegendEntry(symbol: style.text("•", "o"), color: style.tint(.brightCyan), text: name(0))
    ]
    if fit != nil {
      legend.append(
        LegendEntry(
          symbol: style.text("──", "..."), color: style.tint(.brightYellow), text: name(1)))
    }
    if !highlighted.isEmpty {
      legend.append(
        LegendEntry(symbol: style.text("◆", "@"), color: style.tint(.brightRed), text: name(2)))
    }
    if let g = gaps.legend(style: style) { legend.append(g) }
    frame.drawAxes(into: &grid, style: style, legend: legend)
    return grid
  }
}
