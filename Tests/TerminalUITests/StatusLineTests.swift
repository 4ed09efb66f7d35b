import Charts
import Engine
import TerminalUI
import Testing
import Tutor

/// The status line, exactly, in each state and at 80, 100 and 160 columns: step, loss and the
/// test figure first and kept to the last; the state said as it is; the sparkline gives way
/// when that keeps more of the data and the model on the line.
@Suite struct StatusLineTests {
  static func line(_ snap: TutorSnapshot, width: Int) -> String {
    let grid = TutorScreen.render(Fixtures.state(width: width, height: 24), snap, style: .monochrome)
    return grid.lines()[22]
  }

  static func lines(_ snap: TutorSnapshot) -> [String] {
    [80, 100, 160].map { line(snap, width: $0) }
  }

  /// A long MNIST run with dropout, at full pace.
  static func training() -> TutorSnapshot {
    var snap = Fixtures.trainedSnapshot()
    snap.dataName = "mnist-5k"
    snap.modelText = "784-128-64-10"
    snap.steps = 1_234_567
    snap.epoch = 9_876
    snap.testAccuracy = 0.9731
    snap.hyper?.dropout = 0.5
    snap.pace = .max
    snap.training = true
    snap.runState = .running
    return snap
  }

  @Test func training() {
    let lines = Self.lines(Self.training())
    #expect(lines == [
      " ▶ step 1234567 · loss 14603.6 · test acc 97.3% · mnist-5k · 784-128-64-10      ",
      " ▶ step 1234567 · loss 14603.6 · test acc 97.3% · mnist-5k · 784-128-64-10             █▂▆▂▁▅▁▃▁▁▁▁ ",
      " ▶ step 1234567 · loss 14603.6 · test acc 97.3% · mnist-5k · 784-128-64-10 · epoch 9876 · sgd lr 0.1 batch 32 drop 0.5 · pace max · 125k ex/s      █▂▆▂▁▅▁▃▁▁▁▁ ",
    ])
  }

  @Test func paused() {
    var snap = Self.training()
    snap.training = false
    snap.runState = .paused
    let lines = Self.lines(snap)
    #expect(lines == [
      " ⏸ paused · step 1234567 · loss 14603.6 · test acc 97.3% · mnist-5k             ",
      " ⏸ paused · step 1234567 · loss 14603.6 · test acc 97.3% · mnist-5k · 784-128-64-10    █▂▆▂▁▅▁▃▁▁▁▁ ",
      " ⏸ paused · step 1234567 · loss 14603.6 · test acc 97.3% · mnist-5k · 784-128-64-10 · epoch 9876 · sgd lr 0.1 batch 32 drop 0.5 · pace max         █▂▆▂▁▅▁▃▁▁▁▁ ",
    ])
  }

  @Test func diverged() {
    var snap = Self.training()
    snap.training = false
    snap.runState = .diverged
    snap.lastLoss = .nan
    let lines = Self.lines(snap)
    #expect(lines == [
      " ✕ DIVERGED · step 1234567 · loss NaN · test acc 97.3% · mnist-5k  █▂▆▂▁▅▁▃▁▁▁▁ ",
      " ✕ DIVERGED · step 1234567 · loss NaN · test acc 97.3% · mnist-5k · 784-128-64-10      █▂▆▂▁▅▁▃▁▁▁▁ ",
      " ✕ DIVERGED · step 1234567 · loss NaN · test acc 97.3% · mnist-5k · 784-128-64-10 · epoch 9876 · sgd lr 0.1 batch 32 drop 0.5 · pace max           █▂▆▂▁▅▁▃▁▁▁▁ ",
    ])
  }

  @Test func regressionEnded() {
    var snap = Fixtures.trainedSnapshot()
    snap.testLoss = 812.4
    snap.pace = .stepsPerSecond(30)
    snap.training = false
    snap.runState = .ended
    let lines = Self.lines(snap)
    #expect(lines == [
      " ⏸ ended · step 30 · loss 14603.6 · test loss 812.4 · apartments · linear       ",
      " ⏸ ended · step 30 · loss 14603.6 · test loss 812.4 · apartments · linear · epoch 1    █▂▆▂▁▅▁▃▁▁▁▁ ",
      " ⏸ ended · step 30 · loss 14603.6 · test loss 812.4 · apartments · linear · epoch 1 · sgd lr 0.1 batch 32 · pace 30/s                              █▂▆▂▁▅▁▃▁▁▁▁ ",
    ])
  }

  @Test func noModel() {
    var snap = TutorSnapshot()
    snap.dataName = "moons"
    snap.hyper = Hyperparameters()
    let lines = Self.lines(snap)
    #expect(lines == [
      " ⏸ moons · no model                                                             ",
      " ⏸ moons · no model                                                                                 ",
      " ⏸ moons · no model                                                                                                                                             ",
    ])
  }

  /// A ball on a landscape, paused: no batch, no epoch, no sparkline (its room goes to the text).
  @Test func aPausedBall() {
    var snap = TutorSnapshot()
    snap.dataName = "two-valleys"
    snap.modelText = "ball"
    snap.hyper = Hyperparameters()
    snap.hyper?.learningRate = 0.01
    snap.hyper?.optimizer = .sgd
    snap.steps = 42
    snap.lastLoss = -5.444
    snap.pace = .stepsPerSecond(10)
    snap.runState = .paused
    #expect(Self.line(snap, width: 80) == " ⏸ paused · step 42 · loss -5.444 · two-valleys · ball · sgd lr 0.01" + String(repeating: " ", count: 12))
    #expect(Self.line(snap, width: 100) == " ⏸ paused · step 42 · loss -5.444 · two-valleys · ball · sgd lr 0.01 · pace 10/s" + String(repeating: " ", count: 20))
  }
}
