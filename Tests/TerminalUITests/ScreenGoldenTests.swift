import Charts
import TerminalUI
import Testing

/// Whole screens rendered as pure functions of the state and a snapshot.
@Suite struct ScreenGoldenTests {
  @Test func screen80x24() {
    let grid = TutorScreen.render(Fixtures.state(width: 80, height: 24), Fixtures.trainedSnapshot(), style: .monochrome)
    #expect(grid.width == 80 && grid.height == 24)
    Snapshot.check(grid.lines(), named: "screen-80x24")
  }

  @Test func screen120x40ShowsTwoCharts() {
    let grid = TutorScreen.render(Fixtures.state(width: 120, height: 40), Fixtures.trainedSnapshot(), style: .monochrome)
    Snapshot.check(grid.lines(), named: "screen-120x40")
    let text = grid.lines().joined(separator: "\n")
    #expect(text.contains("loss: step 30"))
    #expect(text.contains("with the model's fit"))
  }

  @Test func screen80x24InASCII() {
    let grid = TutorScreen.render(Fixtures.state(width: 80, height: 24), Fixtures.trainedSnapshot(), style: .ascii)
    Snapshot.check(grid.lines(), named: "screen-80x24-ascii")
    #expect(grid.lines().allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
  }

  @Test func helpOverlayListsEveryKey() {
    var state = Fixtures.state(width: 80, height: 24)
    state.overlay = .help
    let grid = TutorScreen.render(state, Fixtures.trainedSnapshot(), style: .monochrome)
    Snapshot.check(grid.lines(), named: "help-80x24")
    let text = grid.lines().joined(separator: "\n")
    for key in ["space", "-  +", "[ ]  { }", "M  C  S", "Tab", "PgUp", "Ctrl-C", "stop training (model kept)", "quit (asks while training)"] {
      #expect(text.contains(key))
    }
  }

  @Test func drawOverlay() {
    var state = Fixtures.state(width: 80, height: 24)
    _ = state.apply(.character(":"), snapshot: TutorSnapshot())
    for c in "draw" { _ = state.apply(.character(c), snapshot: TutorSnapshot()) }
    _ = state.apply(.key(.enter), snapshot: TutorSnapshot())
    _ = state.apply(.character(" "), snapshot: TutorSnapshot())
    for _ in 0..<12 { _ = state.apply(.key(.down), snapshot: TutorSnapshot()) }
    var snap = Fixtures.trainedSnapshot()
    snap.drawProbabilities = [0.01, 0.9, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.01, 0.01]
    let grid = TutorScreen.render(state, snap, style: .monochrome)
    Snapshot.check(grid.lines(), named: "draw-80x24")
    #expect(grid.lines().joined().contains("the model says: 1 (90%)"))
  }

  @Test func tooSmallSaysHowBig() {
    let grid = TutorScreen.render(Fixtures.state(width: 60, height: 20), TutorSnapshot(), style: .monochrome)
    let text = grid.lines().joined(separator: "\n")
    #expect(text.contains("at least 80×24"))
    #expect(text.contains("this one is 60×20"))
  }

  @Test func everySizeFromTheMinimumRendersWithoutOverflow() {
    let snap = Fixtures.trainedSnapshot()
    for (w, h) in [(80, 24), (81, 25), (100, 30), (119, 33), (160, 50), (300, 90)] {
      let grid = TutorScreen.render(Fixtures.state(width: w, height: h), snap, style: .unicode)
      #expect(grid.width == w && grid.height == h)
      #expect(grid.lines().allSatisfy { $0.count == w })
    }
  }
}
