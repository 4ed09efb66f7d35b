import Foundation

/// A function of two variables as shades (low values light, high values dark) with an
/// optimizer's path over it: "∘" for earlier positions and "●" for the current one
/// (ASCII "o" and "O"). Unicode shades " ░▒▓█", ASCII " .:-=+*#%@".
///
///     HeatMap(field: .sample(x: -2...2, y: -1...3, columns: 80, rows: 40) { x, y in
///               (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) },
///             path: steps, shading: .log)
///       .render(width: 60, height: 20)
public struct HeatMap: Hashable, Sendable {
  public var field: Field
  public var path: [Point]
  /// `.log` spreads the shades over decades above the minimum (for surfaces such as
  /// Rosenbrock's whose values span many orders of magnitude).
  public var shading: AxisScale
  /// The legend gives the lowest and highest values ("0.081→2.31") instead of "low→high".
  public var showsRange = false

  public init(field: Field, path: [Point] = [], shading: AxisScale = .linear, showsRange: Bool = false) {
    self.field = field
    self.path = path
    self.shading = shading
    self.showsRange = showsRange
  }

  static let unicodeRamp: [Character] = [" ", "░", "▒", "▓", "█"]
  static let asciiRamp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

  /// Maps values to 0...1 (nil for NaN and ±inf).
  func normalizer() -> (Double) -> Double? {
    let finite = field.values.filter(\.isFinite)
    let lo = finite.min() ?? 0
    let span = (finite.max() ?? 1) - lo
    guard span > 0, span.isFinite else { return { $0.isFinite ? 0 : nil } }
    switch shading {
    case .linear: return { $0.isFinite ? ($0 - lo) / span : nil }
    case .log:
      let eps = span * 1e-4
      let top = log(span + eps) - log(eps)
      return { $0.isFinite ? (log($0 - lo + eps) - log(eps)) / top : nil }
    }
  }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    guard !field.isEmpty else { return Message.grid(Message.noData, width: width, height: height) }
    guard
      let frame = PlotFrame.layout(
        width: width, height: height, style: style, xData: field.x, yData: field.y,
        widenY: false)
    else { return Message.grid(Message.tooSmall, width: width, height: height) }
    var grid = Grid(width: width, height: height)
    let ramp = style.isUnicode ? Self.unicodeRamp : Self.asciiRamp
    let normalize = normalizer()
    var gaps = GapMarks()
    for r in 0..<frame.plotHeight {
      for c in 0..<frame.plotWidth {
        let v = field.value(column: c, row: r, width: frame.plotWidth, height: frame.plotHeight)
        guard let t = normalize(v) else {
          gaps.add(column: nil, value: v, layer: 0)
          grid[frame.plotX + c, frame.plotY + r] = Cell(style.glyph("×", "x"), attributes: .bold)
          continue
        }
        let level = min(ramp.count - 1, max(0, Int(t * Double(ramp.count))))
        grid[frame.plotX + c, frame.plotY + r] = Cell(
          ramp[level], foreground: style.tint(Self.heat(t)))
      }
    }
    PathMarks.draw(path, into: &grid, frame: frame, style: style)
    var legend = [
      LegendEntry(
        symbol: String(ramp.dropFirst()), color: nil,
        text: (shading == .log ? "log " : "") + rangeText(style))
    ]
    legend += PathMarks.legend(path, style: style)
    if let g = gaps.legend(style: style) { legend.append(g) }
    frame.drawAxes(into: &grid, style: style, legend: legend)
    return grid
  }

  /// "low→high", or the lowest and highest finite values when `showsRange`.
  func rangeText(_ style: ChartStyle) -> String {
    let arrow = style.text("→", "->")
    let finite = field.values.filter(\.isFinite)
    guard showsRange, let lo = finite.min(), let hi = finite.max() else { return "low" + arrow + "high" }
    return NumberText.compact(lo) + arrow + NumberText.compact(hi)
  }

  /// Blue for low values through green and yellow to red for high ones.
  static func heat(_ t: Double) -> Color {
    let steps: [(Int, Int, Int)] = [(0, 1, 3), (0, 3, 3), (2, 4, 1), (5, 4, 0), (5, 1, 0)]
    let i = min(steps.count - 1, max(0, Int(t * Double(steps.count))))
    return Color.cube(red: steps[i].0, green: steps[i].1, blue: steps[i].2)
  }
}

/// The marks of an optimizer's path: earlier positions and the current one.
enum PathMarks {
  static func draw(_ path: [Point], into grid: inout Grid, frame: PlotFrame, style: ChartStyle) {
    for p in path.dropLast() {
      if let cell = frame.cell(p) {
        grid[cell.x, cell.y] = Cell(
          style.glyph("∘", "o"), foreground: style.tint(.brightWhite), attributes: .bold)
      }
    }
    if let last = path.last, let cell = frame.cell(last) {
      grid[cell.x, cell.y] = Cell(
        style.glyph("●", "O"), foreground: style.tint(.brightRed), attributes: .bold)
    }
  }

  static func legend(_ path: [Point], style: ChartStyle) -> [LegendEntry] {
    var entries: [LegendEntry] = []
    if path.count > 1 {
      entries.append(LegendEntry(symbol: style.text("∘", "o"), color: nil, text: "path"))
    }
    if !path.isEmpty {
      entries.append(
        LegendEntry(symbol: style.text("●", "O"), color: style.tint(.brightRed), text: "now"))
    }
    return entries
  }
}
