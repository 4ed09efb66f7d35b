import Charts
import Testing

/// Small exact checks of the pieces: the grid, tick labels, marks, messages, colour.
@Suite struct UnitTests {
  @Test func gridClipsWritesAndTrims() {
    var grid = Grid(width: 5, height: 2)
    grid.write("hello world", x: 1, y: 0)
    grid.write("x", x: -1, y: 1)
    grid.write("界", x: 0, y: 1)
    #expect(grid.lines() == [" hell", "?    "])
    #expect(grid.trimmed().lines() == [" hell", "?    "])
    #expect(Grid(width: -3, height: -1).lines() == [])
  }

  @Test func ansiLinesCarryColourAndReset() {
    var grid = Grid(width: 3, height: 1)
    grid.write("ab", x: 0, y: 0, foreground: .red, attributes: .bold)
    #expect(grid.ansiLines() == ["\u{1B}[0;1;38;5;1mab\u{1B}[0m "])
    #expect(Color.gray(0).index == 16 && Color.gray(1).index == 231 && Color.gray(0.5).index == 244)
  }

  static func labels(_ values: [Double], scale: AxisScale = .linear, height: Int = 8) -> String {
    LineChart(series: [LineSeries("v", values)], yScale: scale)
      .render(width: 30, height: height, style: .ascii).lines()
      .map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
      .joined(separator: "\n")
  }

  @Test func tickLabelsAreRoundAndShort() {
    #expect(
      Self.labels([3e-5, 1e-5]) == """
             * v
        3e-5+****
            |   *******
        2e-5+         *******
            |               *******
        1e-5+                     ****
            ++-----------+-----------+
             1          1.5          2
        """)
    #expect(
      Self.labels([0.0012, 3.4], scale: .log) == """
             * v
            |                      ***
           1+                *******
            |         ********
        0.01+   *******
            |****
            ++-----------+-----------+
             1          1.5          2
        """)
    let fine = Self.labels([0.001, 0.004], height: 12)
    #expect(fine.contains("0.001") && fine.contains("0.003"), "\(fine)")
    let thousands = Self.labels([1200, 1800], height: 16)
    #expect(thousands.contains("1.2k") && thousands.contains("1.8k"), "\(thousands)")
  }

  @Test func emptyAndTinyChartsSaySo() {
    let empty = LineChart(series: [LineSeries("loss", [Double]())])
    #expect(
      empty.render(width: 15, height: 3).lines() == [
        "               ", "  no data yet  ", "               ",
      ])
    let tiny = Gallery.loss.render(width: 6, height: 2)
    #expect(tiny.lines() == ["too sm", "      "])
    #expect(Gallery.loss.render(width: 0, height: 0).lines() == [])
  }

  @Test func barsMarkPredictedAndTrueWithCharacters() {
    let bars = BarChart(values: [0.1, 0.7, 0.2], truth: 2)
    #expect(bars.predicted == 1)
    #expect(
      bars.render(width: 40, height: 3, style: .ascii).lines() == [
        "  0 ##              0.10                ",
        "> 1 ###########     0.70 predicted      ",
        " *2 ###             0.20 true           ",
      ])
    let right = BarChart(values: [0.1, 0.9], truth: 1).render(width: 40, height: 2, style: .ascii)
    #expect(right.lines()[1].hasPrefix(">*1 ") && right.lines()[1].contains("predicted, true"))
  }

  @Test func nonFiniteValuesAreMarkedAndNamed() {
    let lines = Gallery.diverged.render(width: 40, height: 12, style: .ascii).lines()
    #expect(lines[0].contains("x 4 NaN/inf"))
    #expect(lines[1].filter { $0 == "x" }.count == 4)
  }
}
