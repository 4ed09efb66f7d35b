import Charts
import REPL
import Testing
import Tutor

/// The REPL's printing: exact lines for each kind of output.
struct OutputPrinterTests {
  let plain = OutputPrinter(width: 80, style: .ascii)

  @Test func textLinesLoseTrailingSpaces() {
    #expect(plain.lines(.text(["a  ", " b", ""])) == ["a", " b", ""])
  }

  @Test func errorsGetTheirPrefix() {
    #expect(plain.lines(.error("no data yet")) == ["error: no data yet"])
    #expect(plain.lines(.error("no data yet"), errorPrefix: "line 3: ") == ["line 3: no data yet"])
  }

  @Test func tablesAreAligned() {
    let table = Table(headers: ["split", "loss"], rows: [["train", "1.5"], ["test", "12"]], rightAligned: [1])
    #expect(plain.lines(.table(table)) == ["split  loss", "train   1.5", "test     12"])
  }

  @Test func theASCIIStyleSpellsTextInASCII() {
    #expect(plain.lines(.text(["surface (m²) → price (k€)"])) == ["surface (m^2) -> price (kEUR)"])
    #expect(plain.lines(.error("lr × 2 ≥ 1")) == ["error: lr x 2 >= 1"])
    let table = Table(headers: ["", "lesson"], rows: [["▸", "η and θ"], ["", "plain"]])
    #expect(plain.lines(.table(table)) == ["   lesson", ">  eta and theta", "   plain"])
    let unicode = OutputPrinter(width: 80, style: .monochrome)
    #expect(unicode.lines(.text(["m² →"])) == ["m² →"])
  }

  @Test func outputsFollowEachOther() {
    #expect(plain.lines([.line("one"), .error("two"), .text(["three", "four"])]) == ["one", "error: two", "three", "four"])
  }
}

/// Charts: drawn at the printer's width (at most 100 columns) under their title.
struct OutputPrinterChartTests {
  let bars = Output.chart(.bars(BarChart(values: [0.01, 0.02, 0.9, 0.07], truth: 3)), title: "probabilities", height: 4)

  @Test func chartsHaveTheirTitleAboveAndNoTrailingSpaces() {
    let lines = OutputPrinter(width: 30, style: .ascii).lines(bars)
    #expect(
      lines == [
        "probabilities",
        "  0                       0.01",
        "  1                       0.02",
        "> 2 ###################   0.90",
        " *3 ##                    0.07",
      ])
  }

  @Test func colourOnlyWhenAsked() {
    let plain = OutputPrinter(width: 30, style: .monochrome).lines(bars)
    #expect(!plain.joined().contains("\u{1B}"))
    let colored = OutputPrinter(width: 30, style: .unicode).lines(bars)
    #expect(colored.joined().contains("\u{1B}["))
    #expect(colored.first == "probabilities")
  }

  @Test func chartsAreAtMostAHundredColumnsWide() {
    let wide = OutputPrinter(width: 300, style: .ascii)
    #expect(wide.chartWidth == 100)
    let line = Output.chart(.sparkline(Sparkline(values: (0..<500).map { Double($0 % 7) })), title: "", height: 1)
    let lines = wide.lines(line)
    #expect(lines.count == 1)
    #expect(lines.allSatisfy { $0.count <= 100 })
    #expect(OutputPrinter(width: 5, style: .ascii).chartWidth == 20)
  }
}
