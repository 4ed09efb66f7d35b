import Charts
import TerminalUI
import Testing
import Tutor

/// Charts that lessons ask about, read in the tutor's own chart pane at 80 × 24 and 100 × 30.
@Suite struct ChartPaneTests {
  static let digits: [[Int]] = (0..<10).map { t in
    (0..<10).map { p in p == t ? 90 + t : (t == 4 && p == 9 ? 11 : (t + p) % 3) }
  }

  static func screen(_ spec: ChartSpec, title: String, width: Int, height: Int) -> [String] {
    var snapshot = Fixtures.trainedSnapshot()
    snapshot.training = false
    snapshot.pinned = PinnedChart(spec: spec, title: title)
    var state = Fixtures.state(width: width, height: height)
    state.receive([.chart(spec, title: title, height: 14)])
    return TutorScreen.render(state, snapshot, style: .monochrome).lines()
  }

  @Test func anOldDrawingOfAHiddenChartIsNotShown() {
    let spec = ChartSpec.confusion(ConfusionMatrix(counts: Self.digits))
    var snapshot = Fixtures.trainedSnapshot()
    snapshot.training = false
    snapshot.pinned = PinnedChart(spec: spec, title: "test confusion matrix · step 0")
    snapshot.pinnedIsCurrent = false
    var state = Fixtures.state(width: 100, height: 30)
    state.receive([.chart(spec, title: "test confusion matrix · step 0", height: 14)])
    let x = Layout(width: 100, height: 30).chartPanes[0].x
    let pane = TutorScreen.render(state, snapshot, style: .monochrome).lines().dropLast(2)
      .map { String($0.dropFirst(x)) }.joined(separator: "\n")
    #expect(!pane.contains("confusion"), "\(pane)")
    #expect(pane.contains("Drawing…"), "\(pane)")
    snapshot.pinnedIsCurrent = true
    let shown = TutorScreen.render(state, snapshot, style: .monochrome).lines().joined(separator: "\n")
    #expect(shown.contains("test confusion matrix · step 0"), "\(shown)")
  }

  @Test(arguments: [(80, 24), (100, 30)])
  func theConfusionMatrixOfTheDigitsIsReadable(_ size: (Int, Int)) {
    let lines = Self.screen(
      .confusion(ConfusionMatrix(counts: Self.digits)), title: "test confusion matrix · step 375",
      width: size.0, height: size.1)
    let text = lines.joined(separator: "\n")
    #expect(!text.contains("too small"), "\(text)")
    #expect(text.contains("test confusion matrix · step 375"))
    // Row 4 of the pane: the eleven 4s called 9 and the 94 right ones.
    let x = Layout(width: size.0, height: size.1).chartPanes[0].x
    let row = lines.map { String($0.dropFirst(x)) }.first { $0.drop { $0 == " " }.hasPrefix("4│") }
    #expect(row?.contains(" 11") == true, "\(text)")
    #expect(row?.contains("94") == true, "\(text)")
  }

  @Test(arguments: [(80, 24), (100, 30)])
  func aTestImageIsShownBesideItsProbabilities(_ size: (Int, Int)) {
    let image = GrayImage(pixels: (0..<784).map { i in (i % 28 > 8 && i % 28 < 14) ? 1.0 : 0 }, rows: 28, columns: 28)
    let bars = BarChart(values: [0, 0.01, 0.97, 0.02, 0, 0, 0, 0, 0, 0], truth: 3)
    let lines = Self.screen(
      .example(ExampleChart(picture: image, bars: bars)), title: "test #193: predicted 2 (97.0%), true 3: wrong · step 375",
      width: size.0, height: size.1)
    let text = lines.joined(separator: "\n")
    #expect(text.contains("█"), "the digit's ink shows:\n\(text)")
    #expect(text.contains("0.97"), "the bars show:\n\(text)")
  }
}
