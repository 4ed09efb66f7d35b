import Charts
import Testing
import TestSupport

/// For random sizes and random data — NaN, ±inf, constant series, a single point, huge
/// series — every chart stays inside the cells it was given and never crashes.
@Suite struct PropertyTests {
  static func value(_ g: inout SplitMix64) -> Double {
    switch g.next() % 12 {
    case 0: return .nan
    case 1: return .infinity
    case 2: return -.infinity
    case 3: return 0
    case 4: return Double.random(in: -1e300...1e300, using: &g)
    case 5: return Double.random(in: -1e-300...1e-300, using: &g)
    default: return Double.random(in: -10...10, using: &g)
    }
  }

  static func values(_ g: inout SplitMix64) -> [Double] {
    switch g.next() % 6 {
    case 0: return []
    case 1: return [value(&g)]
    case 2: return Array(repeating: value(&g), count: Int(g.next() % 50) + 1)
    default: return (0..<Int(g.next() % 300)).map { _ in value(&g) }
    }
  }

  static func points(_ g: inout SplitMix64) -> [Point] {
    let v = values(&g)
    return v.map { Point(x: $0, y: value(&g)) }
  }

  static func field(_ g: inout SplitMix64) -> Field {
    let c = Int(g.next() % 12)
    let r = Int(g.next() % 12)
    return Field(
      columns: c, rows: r, values: (0..<(c * r)).map { _ in value(&g) }, x: -1...1, y: 0...2)
  }

  static func spec(_ g: inout SplitMix64) -> ChartSpec {
    let scale: AxisScale = g.next() % 2 == 0 ? .linear : .log
    switch g.next() % 11 {
    case 0:
      let series = (0..<Int(g.next() % 4)).map { LineSeries("s\($0)", values(&g)) }
      return .line(
        LineChart(series: series, yScale: scale, markers: [.init(x: value(&g), label: "lr 0.1")]))
    case 1:
      let v = values(&g)
      return .bars(
        BarChart(
          values: v, truth: Int(g.next() % 12),
          orientation: g.next() % 2 == 0 ? .horizontal : .vertical))
    case 2:
      return .scatter(
        ScatterPlot(
          points: points(&g), fit: .polynomial([value(&g), value(&g)]), highlighted: [0, 3]))
    case 3: return .function(FunctionPlot(curve: points(&g), path: points(&g)))
    case 4: return .heatMap(HeatMap(field: field(&g), path: points(&g), shading: scale))
    case 5:
      return .decisionMap(
        DecisionMap(
          classes: field(&g),
          points: points(&g).map { .init(x: $0.x, y: $0.y, label: Int(g.next() % 5)) }))
    case 6:
      let r = Int(g.next() % 30)
      let c = Int(g.next() % 30)
      return .image(GrayImage(pixels: (0..<(r * c)).map { _ in value(&g) }, rows: r, columns: c))
    case 7:
      return .imageGrid(
        ImageGrid(
          images: (0..<Int(g.next() % 20)).map { _ in
            GrayImage.signed(values(&g), rows: 5, columns: 4)
          }))
    case 8: return .sparkline(Sparkline(values: values(&g)))
    case 9: return .progress(ProgressBar(fraction: value(&g), label: "epoch 3"))
    default:
      let n = Int(g.next() % 12)
      return .confusion(
        ConfusionMatrix(counts: (0..<n).map { _ in (0..<n).map { _ in Int(g.next() % 100_000) } }))
    }
  }

  static func checkFits(_ grid: Grid, width: Int, height: Int, _ what: String) {
    let lines = grid.lines()
    #expect(lines.count <= max(height, 0), "\(what): \(lines.count) rows > \(height)")
    for line in lines {
      #expect(displayWidth(line) <= max(width, 0), "\(what): '\(line)' wider than \(width)")
    }
  }

  @Test func randomChartsFitTheirSize() {
    var g = SplitMix64(seed: 2024)
    for i in 0..<1500 {
      let spec = Self.spec(&g)
      let width = Int(g.next() % 90) - 2
      let height = Int(g.next() % 30) - 2
      for style in [ChartStyle.unicode, .ascii] {
        let grid = spec.render(width: width, height: height, style: style)
        Self.checkFits(grid, width: width, height: height, "case \(i) \(width)x\(height)")
      }
    }
  }

  @Test func aMillionPointsFit() {
    var values = [Double](repeating: 0, count: 1_000_000)
    for i in values.indices {
      let wobble = Double((i &* 2_654_435_761) % 1000) / 300
      values[i] = i % 99_991 == 0 ? .nan : 0.01 + wobble
    }
    let cases: [(Int, Int, AxisScale)] = [(120, 40, .log), (20, 5, .linear)]
    for (width, height, scale) in cases {
      do {
        let chart = LineChart(series: [LineSeries("big", values)], yScale: scale)
        Self.checkFits(
          chart.render(width: width, height: height), width: width, height: height, "10⁶ points")
      }
    }
  }

  @Test func ansiLinesShowTheSameText() {
    let grid = Gallery.bars.render(width: 40, height: 10, style: .unicode)
    let stripped = grid.ansiLines().map { line in
      var out = ""
      var inEscape = false
      for ch in line {
        if ch == "\u{1B}" {
          inEscape = true
        } else if inEscape {
          if ch == "m" { inEscape = false }
        } else {
          out.append(ch)
        }
      }
      return out
    }
    #expect(stripped == grid.lines())
  }
}
