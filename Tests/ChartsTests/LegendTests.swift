@testable import Charts
import Foundation
import Testing

/// Compare charts of two to four runs: every run's legend entries survive at 80 columns (the
/// REPL's width) and in the tutor's chart pane at 80×24, on as many rows as they need.
@Suite struct LegendTests {
  static let names = ["main", "fast", "slow-lr", "adam-0.001"]

  static func chart(runs: Int) -> LineChart {
    var series: [LineSeries] = []
    for (k, name) in names.prefix(runs).enumerated() {
      let rate = 0.02 * Double(k + 1)
      let train = (0..<120).map { 2.0 * exp(-rate * Double($0)) + 0.1 + 0.02 * sin(Double($0)) }
      let test = stride(from: 10, through: 120, by: 10).map { 2.0 * exp(-rate * Double($0)) + 0.15 }
      series.append(LineSeries("\(name) train", train))
      series.append(LineSeries("\(name) test", test, x: stride(from: 10, through: 120, by: 10).map(Double.init)))
    }
    return LineChart(series: series)
  }

  /// Sizes: 80 columns as the REPL draws a chart, and the chart pane of an 80×24 tutor.
  static let sizes = [(80, 16), (38, 20)]

  @Test(arguments: [2, 3, 4])
  func everyRunIsInTheLegend(runs: Int) {
    for (name, style) in [("unicode", ChartStyle.monochrome), ("ascii", .ascii)] {
      for (width, height) in Self.sizes {
        let lines = Self.chart(runs: runs).render(width: width, height: height, style: style).lines()
        Snapshot.check(lines, named: "compare-\(runs)-runs-\(name)-\(width)x\(height)")
        let text = lines.joined(separator: "\n")
        for run in Self.names.prefix(runs) {
          #expect(text.contains("\(run) train") && text.contains("\(run) test"), "\(run) at \(width): \(text)")
        }
      }
    }
  }

  @Test func legendRowsPackInOrderAndShortenOnlyWhatCannotFit() {
    let entries = ["a train", "a test", "b train", "a very long run name"].map {
      LegendEntry(symbol: "──", color: nil, text: $0)
    }
    let rows = LegendEntry.rows(entries, width: 21)
    #expect(rows.map { $0.map(\.text) } == [["a train", "a test"], ["b train"], ["a very long run…"]])
    #expect(rows.allSatisfy { row in row.map(\.width).reduce(0, +) + 2 * (row.count - 1) <= 21 })
  }
}
