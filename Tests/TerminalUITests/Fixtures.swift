import Charts
import Datasets
import Engine
import Foundation
import TerminalUI
import Tutor

/// Screens made from a real session, so that the goldens show real charts.
enum Fixtures {
  static func session() -> Session {
    let dir = FileManager.default.temporaryDirectory.path
    return Session(locations: DataLocations(embedded: dir, userData: dir))
  }

  /// Apartments with a linear model after 30 steps, the lr doubled at step 20.
  static func trainedSnapshot() -> TutorSnapshot {
    let s = session()
    _ = s.execute(line: "data apartments scale=standard")
    _ = s.execute(line: "model linear")
    _ = s.execute(line: "set lr 0.02")
    _ = s.execute(line: "step 20")
    _ = s.execute(line: "set lr 0.1")
    _ = s.execute(line: "step 10")
    var snap = TutorSnapshot()
    snap.dataName = "apartments"
    snap.modelText = "linear"
    if let trainer = s.trainer {
      snap.hyper = trainer.hyper
      snap.steps = trainer.steps
      snap.history = trainer.history
      snap.lastLoss = trainer.history.lastLoss.map(Double.init)
    }
    snap.availableCharts = [.loss, .fit]
    snap.lessonStatus = "apartments 4/7"
    snap.stepTitle = "Gradient descent, one step at a time"
    snap.samplesPerSecond = 125_000
    snap.training = true
    snap.runState = .running
    let fit = s.execute(line: "plot fit")
    for case .chart(let spec, let title, _) in fit {
      snap.charts[.fit] = PinnedChart(spec: spec, title: title)
    }
    return snap
  }

  static func state(width: Int, height: Int) -> TutorState {
    var state = TutorState(width: width, height: height)
    state.receive(
      [
        .text([
          "", "Lesson 3: Apartment prices", "Goal: fit a line to prices, by hand and by gradient descent.",
          "", "── Step 4 of 7: Gradient descent, one step at a time ──",
          "Instead of guessing w and b, let the loss tell us which way to move them. Each step computes the gradient of the loss and moves against it, by the learning rate times the gradient.",
          "", "Task: Take 30 steps and bring the loss under 1000.",
          "  (`hint` if you are stuck, `check` to see where you stand)",
        ])
      ], openedStep: true)
    state.echo("step 30")
    state.receive([.text(["30 steps: now at step 30, loss 812.4"])])
    return state
  }
}
