import Course
import Datasets
import Foundation
import TerminalUI
import Testing
import Tutor

/// The session's thread training while the screen's thread reads snapshots, changes settings,
/// types commands and changes the charts it wants: what the full-screen tutor does 30 times a
/// second. Run under the thread sanitizer by `make sanitize`.
@Suite struct SessionWorkerTests {
  static func worker() -> SessionWorker {
    let course = CourseSession(course: Course(directory: "none", lessons: []), session: Fixtures.session(), store: nil)
    let worker = SessionWorker(course: course)
    worker.start()
    return worker
  }

  @Test func trainingRunsWhileTheScreenReadsAndChangesSettings() throws {
    let worker = Self.worker()
    defer { worker.shutdown() }
    for line in ["data moons", "model 2-16-2", "set lr 0.05", "set batch 16"] { worker.perform(.run(line)) }
    #expect(worker.waitUntilIdle(timeout: 60))
    worker.perform(.toggleTraining)
    var state = TutorState(width: 100, height: 30)
    var lastSteps = 0
    var frames = 0
    // At least 1.5 s of frames, and on until training has shown steps (a sanitizer's build is
    // many times slower), for at most a minute.
    let start = Date()
    while Date().timeIntervalSince(start) < 1.5 || (lastSteps < 20 && Date().timeIntervalSince(start) < 60) {
      let snapshot = worker.snapshot()
      #expect(snapshot.steps >= lastSteps, "steps never go back within a run")
      lastSteps = snapshot.steps
      worker.setWantedCharts(frames % 2 == 0 ? [.loss, .boundary] : [.loss])
      _ = TutorScreen.render(state, snapshot, style: .unicode)
      switch frames % 40 {
      case 5: worker.perform(.scaleLearningRate(2))
      case 15: worker.perform(.scaleBatch(2))
      case 25: worker.perform(.run("set momentum 0.5"))
      case 35: worker.perform(.scaleLearningRate(0.5))
      default: break
      }
      for reply in worker.takeReplies() { state.receive(reply.outputs) }
      frames += 1
      Thread.sleep(forTimeInterval: 0.005)
    }
    #expect(lastSteps >= 20, "training went on while the screen read snapshots")
    worker.perform(.toggleTraining)
    #expect(worker.waitUntilIdle(timeout: 30))
    worker.perform(.run("show hyper"))
    #expect(worker.waitUntilIdle(timeout: 30))
    let shown = worker.takeReplies().flatMap(\.outputs)
    #expect(shown.contains { if case .table = $0 { return true } else { return false } }, "\(shown)")
  }

  @Test func forksAndCommandsWhileTrainingKeepEveryRunWhole() throws {
    let worker = Self.worker()
    defer { worker.shutdown() }
    for line in ["data xor", "model 2-8-2"] { worker.perform(.run(line)) }
    #expect(worker.waitUntilIdle(timeout: 60))
    worker.perform(.toggleTraining)
    for i in 0..<6 {
      Thread.sleep(forTimeInterval: 0.05)
      worker.perform(i % 2 == 0 ? .fork : .run("eval"))
      _ = worker.snapshot()
    }
    worker.perform(.toggleTraining)
    #expect(worker.waitUntilIdle(timeout: 30))
    worker.perform(.run("runs"))
    #expect(worker.waitUntilIdle(timeout: 30))
    let text = worker.takeReplies().flatMap(\.outputs).map { "\($0)" }.joined()
    #expect(text.contains("main"), "\(text)")
  }
}
