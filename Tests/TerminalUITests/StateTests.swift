import Charts
import TerminalUI
import Testing

@Suite struct StateTests {
  let idle = TutorSnapshot()
  var training: TutorSnapshot {
    var s = TutorSnapshot()
    s.training = true
    return s
  }

  @Test func singleKeysBecomeEffects() {
    var state = TutorState(width: 80, height: 24)
    #expect(state.apply(.character(" "), snapshot: idle) == [.toggleTraining])
    #expect(state.apply(.character("n"), snapshot: idle) == [.run("step")])
    #expect(state.apply(.character("]"), snapshot: idle) == [.scaleLearningRate(2)])
    #expect(state.apply(.character("["), snapshot: idle) == [.scaleLearningRate(0.5)])
    #expect(state.apply(.character("}"), snapshot: idle) == [.scaleBatch(2)])
    #expect(state.apply(.character("{"), snapshot: idle) == [.scaleBatch(0.5)])
    #expect(state.apply(.character("r"), snapshot: idle) == [.run("reset")])
    #expect(state.apply(.character("u"), snapshot: idle) == [.run("rewind 1")])
    #expect(state.apply(.character("f"), snapshot: idle) == [.fork])
    #expect(state.apply(.key(.right), snapshot: idle) == [.run("next")])
    #expect(state.apply(.key(.left), snapshot: idle) == [.run("back")])
    #expect(state.apply(.character("-"), snapshot: idle) == [.changePace(faster: false)])
    #expect(state.apply(.character("+"), snapshot: idle) == [.changePace(faster: true)])
    #expect(state.apply(.character("="), snapshot: idle) == [.changePace(faster: true)])
  }

  /// `M` draws the mistakes of the largest cell, or of the cell the learner last named.
  @Test func shiftMDrawsTheMistakes() {
    var state = TutorState(width: 80, height: 24)
    #expect(state.apply(.character("M"), snapshot: idle) == [.run("plot mistakes")])
    var named = idle
    named.mistakeCell = [3, 2]
    #expect(state.apply(.character("M"), snapshot: named) == [.run("plot mistakes 3 2")])
    #expect(!state.editing, "a key, not the start of a command")
  }

  @Test func ctrlCStopsTrainingAndKeepsTheModel() {
    var state = TutorState(width: 80, height: 24)
    #expect(state.apply(.interrupt, snapshot: training) == [.stopTraining])
    #expect(state.message == "Ctrl-C: training stopped; the model keeps what it learned (q quits)")
    // A long command (a lesson's `train 1 epoch`) stops the same way.
    var busy = idle
    busy.busy = "train 1 epoch"
    #expect(state.apply(.interrupt, snapshot: busy) == [.stopTraining])
    // Stopping does not arm the quit: the next Ctrl-C at rest only asks.
    #expect(state.apply(.interrupt, snapshot: idle) == [])
  }

  @Test func ctrlCAtRestAsksThenQuits() {
    var state = TutorState(width: 80, height: 24)
    #expect(state.apply(.interrupt, snapshot: idle) == [])
    #expect(state.message == "press Ctrl-C again or q to quit")
    #expect(state.apply(.interrupt, snapshot: idle) == [.saveHistory, .quit])
    // Another key in between disarms it.
    var other = TutorState(width: 80, height: 24)
    _ = other.apply(.interrupt, snapshot: idle)
    _ = other.apply(.key(.down), snapshot: idle)
    #expect(other.apply(.interrupt, snapshot: idle) == [])
  }

  @Test func quitAsksWhileTraining() {
    var state = TutorState(width: 80, height: 24)
    #expect(state.apply(.character("q"), snapshot: training) == [])
    #expect(state.overlay == .confirmQuit)
    #expect(state.apply(.character("n"), snapshot: training) == [])
    #expect(state.overlay == .none)
    _ = state.apply(.character("q"), snapshot: training)
    #expect(state.apply(.character("y"), snapshot: training) == [.saveHistory, .quit])
    var calm = TutorState(width: 80, height: 24)
    #expect(calm.apply(.character("q"), snapshot: idle) == [.saveHistory, .quit])
  }

  @Test func commandLineRunsAndEchoes() {
    var state = TutorState(width: 80, height: 24)
    _ = state.apply(.key(.enter), snapshot: idle)
    #expect(state.editing)
    for c in "set lr 0.1" { _ = state.apply(.character(c), snapshot: idle) }
    #expect(state.apply(.key(.enter), snapshot: idle) == [.saveHistory, .run("set lr 0.1")])
    #expect(!state.editing)
    #expect(state.transcript.last == TranscriptLine("› set lr 0.1", .command))
    _ = state.apply(.character(":"), snapshot: idle)
    _ = state.apply(.key(.up), snapshot: idle)
    #expect(state.editor.line == "set lr 0.1")
  }

  @Test func tabCompletesInTheCommandLineAndCyclesChartsOutside() {
    var state = TutorState(width: 80, height: 24)
    var snap = TutorSnapshot()
    snap.availableCharts = [.loss, .probs, .weights]
    _ = state.apply(.key(.tab), snapshot: snap)
    #expect(state.selectedChart(snap) == .probs)
    _ = state.apply(.character(":"), snapshot: snap)
    for c in "plot lo" { _ = state.apply(.character(c), snapshot: snap) }
    _ = state.apply(.key(.tab), snapshot: snap)
    #expect(state.editor.line == "plot loss ")
  }

  @Test func aLessonStepChoosesItsCharts() {
    var state = TutorState(width: 120, height: 40)
    var snap = TutorSnapshot()
    snap.availableCharts = [.loss, .probs, .weights]
    #expect(state.visibleCharts(snap) == [.loss, .probs])
    snap.lessonCharts = [.probs, .loss]
    #expect(state.visibleCharts(snap) == [.probs, .loss])
    // Tab walks on from the lesson's choice through every chart the data allows.
    _ = state.apply(.key(.tab), snapshot: snap)
    #expect(state.selectedChart(snap) == .loss)
    _ = state.apply(.key(.tab), snapshot: snap)
    #expect(state.selectedChart(snap) == .weights)
    // A new step shows its own charts first again; one the data cannot show is skipped.
    state.receive([.text(["── Step 2 of 6: Fit ──"])], openedStep: true)
    snap.lessonCharts = [.fit, .weights]
    #expect(state.visibleCharts(snap) == [.weights, .loss])
  }

  @Test func typingALetterStartsACommand() {
    var state = TutorState(width: 80, height: 24)
    _ = state.apply(.character("h"), snapshot: idle)
    #expect(state.editing && state.editor.line == "h")
  }

  @Test func quizLettersAnswer() {
    var state = TutorState(width: 80, height: 24)
    var snap = TutorSnapshot()
    snap.quizOpen = true
    #expect(state.apply(.character("b"), snapshot: snap) == [.run("answer b")])
  }

  @Test func pageKeysScrollTheLesson() {
    var state = TutorState(width: 80, height: 24)
    state.receive([.text((1...100).map { "line \($0)" })], openedStep: true)
    #expect(state.scrollTop == 0)
    _ = state.apply(.key(.pageDown), snapshot: idle)
    #expect(state.scrollTop == 19)
    _ = state.apply(.key(.pageUp), snapshot: idle)
    #expect(state.scrollTop == 0)
    _ = state.apply(.key(.end), snapshot: idle)
    #expect(state.scrollTop == nil)
  }

  @Test func drawingClassifiesAfterEveryStroke() {
    var state = TutorState(width: 80, height: 24)
    _ = state.apply(.character(":"), snapshot: idle)
    for c in "draw" { _ = state.apply(.character(c), snapshot: idle) }
    _ = state.apply(.key(.enter), snapshot: idle)
    #expect(state.overlay == .draw)
    let first = state.apply(.character(" "), snapshot: idle)
    guard case .classify(let pixels)? = first.first else {
      Issue.record("no classify effect: \(first)")
      return
    }
    #expect(pixels.count == 784)
    #expect(state.apply(.key(.escape), snapshot: idle) == [.stopClassifying])
    #expect(state.overlay == .none)
  }

  @Test func resizeChangesTheSize() {
    var state = TutorState(width: 80, height: 24)
    _ = state.apply(.resize(width: 50, height: 10), snapshot: idle)
    #expect(!state.fits)
    _ = state.apply(.resize(width: 120, height: 40), snapshot: idle)
    #expect(state.fits && state.width == 120)
  }
}
