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

  @Test func aPredictionComesFirstWhetherTrainingIsAskedByKeyOrCommand() throws {
    let text = """
      # Predict
      goal: Predict first.

      ## A moderate rate
      demo: data moons
      demo: model 2-16-2
      predict: What will the loss do?
      shape: falls-then-flat | not diverged
      shape: blows-up | diverged
      why: A moderate learning rate.
      demo: train 20
      quiz: Done?
      choice*: yes | right
      choice: no | wrong
      """
    let (lesson, problems) = LessonParser.parse(text, file: "01-predict.md", name: "predict")
    #expect(problems.isEmpty, "\(problems)")
    let lessons = [try #require(lesson)]
    let course = CourseSession(course: Course(directory: "none", lessons: lessons), session: Fixtures.session(), store: nil)
    let worker = SessionWorker(course: course)
    worker.start()
    defer { worker.shutdown() }
    worker.open(lesson: "1")
    #expect(worker.waitUntilIdle(timeout: 60))
    #expect(worker.snapshot().quizOpen, "the letter keys answer the prediction")
    _ = worker.takeReplies()
    worker.perform(.toggleTraining)
    worker.perform(.run("train 5"))
    worker.perform(.run("step"))
    #expect(worker.waitUntilIdle(timeout: 60))
    #expect(worker.snapshot().steps == 0)
    let refused = worker.takeReplies().flatMap(\.outputs).filter(\.isError)
    #expect(refused.count == 3, "\(refused)")
    worker.perform(.run("answer a"))
    #expect(worker.waitUntilIdle(timeout: 60))
    #expect(worker.snapshot().steps == 20, "the demo ran once the prediction was in")
    let shown = worker.takeReplies().flatMap(\.outputs).compactMap { output -> String? in
      if case .text(let lines) = output { return lines.joined(separator: "\n") }
      return nil
    }.joined(separator: "\n")
    #expect(shown.contains("  what happened   a) "), "\(shown)")
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

  /// Waits up to `timeout` seconds for a snapshot that `ok` accepts.
  static func await(_ worker: SessionWorker, timeout: Double, _ ok: (TutorSnapshot) -> Bool) -> TutorSnapshot {
    let start = Date()
    var snapshot = worker.snapshot()
    while !ok(snapshot) && Date().timeIntervalSince(start) < timeout {
      Thread.sleep(forTimeInterval: 0.005)
      snapshot = worker.snapshot()
    }
    return snapshot
  }

  /// Paused while the screen had just asked for the decision boundary: once the worker is at
  /// rest, the snapshot it left carries the boundary of the paused model and says paused, and
  /// no further turn of the worker is needed for it.
  @Test func afterPausingTheSnapshotCarriesTheBoundary() throws {
    let worker = Self.worker()
    defer { worker.shutdown() }
    for line in ["data moons", "model 2-16-2", "set pace max"] { worker.perform(.run(line)) }
    #expect(worker.waitUntilIdle(timeout: 60))
    worker.setWantedCharts([.loss])
    #expect(worker.waitUntilIdle(timeout: 60))
    worker.perform(.toggleTraining)
    _ = Self.await(worker, timeout: 60) { $0.steps >= 50 }
    worker.setWantedCharts([.boundary])
    worker.perform(.toggleTraining)
    #expect(worker.waitUntilIdle(timeout: 30))
    let rest = Self.await(worker, timeout: 5) { !$0.training }
    let generation = worker.snapshotGeneration
    #expect(!rest.training)
    #expect(rest.runState == .paused)
    #expect(rest.charts[.boundary] != nil, "the boundary is drawn by the time the worker rests")
    Thread.sleep(forTimeInterval: 0.3)
    #expect(worker.snapshotGeneration == generation, "nothing more is published at rest")
    #expect(worker.snapshot().steps == rest.steps)
  }

  /// A ball on a landscape, paused: the snapshot says so (it said ▶ for as long as it rested).
  @Test func aPausedBallSaysPaused() throws {
    let worker = Self.worker()
    defer { worker.shutdown() }
    for line in ["data ravine"] { worker.perform(.run(line)) }
    #expect(worker.waitUntilIdle(timeout: 60))
    worker.perform(.toggleTraining)
    let moving = Self.await(worker, timeout: 30) { $0.steps >= 3 }
    #expect(moving.training && moving.runState == .running)
    worker.perform(.toggleTraining)
    #expect(worker.waitUntilIdle(timeout: 30))
    let rest = Self.await(worker, timeout: 2) { !$0.training }
    #expect(!rest.training)
    #expect(rest.runState == .paused)
  }

  /// The pace spaces the steps out: 20 steps a second take about a second, and the steps are
  /// the same ones as at full speed (the same loss after the same number of steps).
  @Test func thePaceSpacesStepsWithoutChangingThem() throws {
    let worker = Self.worker()
    defer { worker.shutdown() }
    for line in ["data xor", "model 2-8-2", "set pace 20"] { worker.perform(.run(line)) }
    #expect(worker.waitUntilIdle(timeout: 60))
    let start = Date()
    worker.perform(.toggleTraining)
    let reached = Self.await(worker, timeout: 30) { $0.steps >= 20 }
    let elapsed = Date().timeIntervalSince(start)
    worker.perform(.toggleTraining)
    #expect(worker.waitUntilIdle(timeout: 30))
    #expect(reached.steps >= 20)
    #expect(elapsed >= 0.8, "20 steps at 20 a second took \(elapsed) s")
    let paced = Self.await(worker, timeout: 2) { !$0.training }
    // The same number of steps at full speed, in a session of its own.
    let fast = Fixtures.session()
    for line in ["data xor", "model 2-8-2", "step \(paced.steps)"] { _ = fast.execute(line: line) }
    #expect(fast.trainer?.steps == paced.steps)
    #expect(fast.trainer?.history.lastLoss.map(Double.init) == paced.lastLoss)
  }
}
