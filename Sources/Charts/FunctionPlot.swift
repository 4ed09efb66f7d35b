/// A 1-D function with a ball at the current point and the path taken so far: gradient
/// descent rolling into a local minimum. Unicode draws the curve in braille, earlier
/// positions "∘" and the ball "●"; ASCII uses ".", "o" and "O".
///
///     FunctionPlot(curve: xs.map { Point(x: $0, y: $0 * $0) },
///                  path: [Point(x: 2, y: 4), Point(x: 1, y: 1)])   // the ball at x = 1
///       .render(width: 40, height: 12)
public struct FunctionPlot: Hashable, Sendable {
  /// The function sampled in increasing x.
  public var curve: [Point]
  /// Positions visited, oldest first; the last one is where the ball is.
  public var path: [Point]
  /// The legend's name for the curve.
  public var name: String

  public init(curve: [Point], path: [Point] = [], name: String = "f(x)") {
    self.curve = curve
    self.path = path
    self.name = name
  }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    let all = (curve + path).filter(\.isFinite)
    guard !all.isEmpty else { return Message.grid(Message.noData, width: width, height: height) }
    guard
      let frame = PlotFrame.layout(
        width: width, height: height, style: style,
        xData: Axis.range(of: all.map(\.x), scale: .linear),
        yData: Axis.range(of: all.map(\.y), scale: .linear))
    else { return Message.grid(Message.tooSmall, width: width, height: height) }
    var grid = Grid(width: width, height: height)
    var canvas = DotCanvas(frame: frame)
    frame.polyline(curve, on: &canvas, layer: 0)
    canvas.draw(
      into: &grid, x: frame.plotX, y: frame.plotY, character: { _ in "." },
      color: { _ in style.tint(.brightCyan) })
    for p in path.dropLast() {
      if let cell = frame.cell(p) {
        grid[cell.x, cell.y] = Cell(style.glyph("∘", "o"), foreground: style.tint(.brightYellow))
      }
    }
    var legend = [
      LegendEntry(symbol: style.text("──", "..."), color: style.tint(.brightCyan), text: name)
    ]
    if path.count > 1 {
      legend.append(
        LegendEntry(symbol: style.text("∘", "o"), color: style.tint(.brightYellow), text: "path"))
    }
    if let ball = path.last {
      if let cell = frame.cell(ball) {
        grid[cell.x, cell.y] = Cell(
          style.glyph("●", "O"), foreground: style.tint(.brightRed), attributes: .bold)
      }
      legend.append(
        LegendEntry(
          symbol: style.text("●", "O"), color: style.tint(.brightRed),
          text: "x = " + NumberText.compact(ball.x)))
    }
    frame.drawAxes(into: &grid, style: style, legend: legend)
    return grid
  }
}
