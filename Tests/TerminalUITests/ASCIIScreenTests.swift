import Charts
import TerminalUI
import Testing
import Tutor

/// In the ASCII style the whole screen is ASCII: the lesson text as it arrives, the charts,
/// the status line, the overlays.
@Suite struct ASCIIScreenTests {
  static func nonASCII(_ grid: Grid) -> String {
    String(String.UnicodeScalarView(grid.lines().joined().unicodeScalars.filter { !$0.isASCII }))
  }

  @Test func everyPartOfTheScreenIsASCII() {
    var state = Fixtures.state(width: 100, height: 30)
    state.asciiText = true
    state.receive([.text(["── Step 2 of 5: Surface (m²) → price (k€) ──", "✓ Step 1 done", "lr·g, η = 0.1"])])
    let snapshot = Fixtures.trainedSnapshot()
    for overlay in [Overlay.none, .help, .confirmQuit] {
      state.overlay = overlay
      let grid = TutorScreen.render(state, snapshot, style: .ascii)
      #expect(Self.nonASCII(grid).isEmpty, "\(overlay): \(Self.nonASCII(grid))\n\(grid.lines().joined(separator: "\n"))")
    }
    state.overlay = .none
    let text = TutorScreen.render(state, snapshot, style: .ascii).lines().joined(separator: "\n")
    #expect(text.contains("Surface (m^2) -> price (kEUR)"), "\(text)")
    #expect(text.contains("lr*g, eta = 0.1"), "\(text)")
  }

  @Test func textIsSpeltBeforeItIsWrapped() {
    var state = Fixtures.state(width: 80, height: 24)
    state.asciiText = true
    state.receive([.text(["a ≤ b"])])
    #expect(state.transcript.last?.text == "a <= b")
    // The heading keeps its look: its kind is read from the text as the session wrote it.
    state.receive([.text(["── Step 1 of 2: Start ──"])])
    #expect(state.transcript.last?.kind == .heading)
  }
}
