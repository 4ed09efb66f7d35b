import Course
import Engine
import Foundation
import Tutor

/// Background training, in chunks of the session's `step` command.
extension SessionWorker {
  /// How long a chunk runs before the lesson's check is looked at again.
  static let chunkSeconds = 0.5
  /// How often the screen gets a new snapshot while training.
  static let publishInterval = Duration.milliseconds(33)

  /// Trains until a job waits, training is paused, the target is reached or half a second has
  /// passed; then the course re-evaluates the open step's check.
  func trainChunk() {
    let shared = readShared()
    if reached(shared.target) {
      finishTraining()
      return
    }
    if session.ball != nil {
      rollBall()
      return
    }
    guard let trainer = session.trainer else {
      setTraining(false)
      return
    }
    let clock = ContinuousClock()
    let begin = clock.now
    let startSteps = trainer.steps
    let target = shared.target
    // NB: the `step` command evaluates the model at the end of each epoch itself.
    let response = course.execute(
      line: "step 10000000",
      shouldStop: { [self] in
        let now = clock.now
        if now - lastPublish >= Self.publishInterval {
          let elapsed = (now - begin).seconds
          if elapsed > 0.05 {
            samplesPerSecond = Double((trainer.steps - startSteps) * trainer.hyper.batchSize) / elapsed
          }
          publish(makeSnapshot(busy: nil, refreshCharts: false))
        }
        return reached(target) || (now - begin).seconds > Self.chunkSeconds || shouldInterrupt()
      })
    let elapsed = (clock.now - begin).seconds
    if elapsed > 0.05 {
      samplesPerSecond = Double((trainer.steps - startSteps) * trainer.hyper.batchSize) / elapsed
    }
    // The step command's own summary line is noise here; errors and lesson news are not.
    var outputs = response.outputs
    if case .text? = outputs.first { outputs.removeFirst() }
    if outputs.contains(where: \.isError) || trainer.divergence != nil { setTraining(false) }
    if !outputs.isEmpty { reply(WorkerReply(outputs: outputs)) }
    if reached(target) { finishTraining() }
    // Training that stopped leaves every chart drawn at the step the status line shows.
    publish(makeSnapshot(busy: nil, refreshCharts: !readShared().training))
  }

  func reached(_ target: TrainingTarget) -> Bool {
    switch target {
    case .untilStopped: return false
    case .step(let n): return (session.trainer?.steps ?? session.ball?.steps ?? 0) >= n
    case .epoch(let n): return (session.trainer?.epochsCompleted ?? 0) >= n
    }
  }

  /// A bounded `train` ended: say where it got to, as `train` does in the REPL.
  func finishTraining() {
    setTraining(false)
    guard let trainer = session.trainer else { return }
    let line = "trained to step \(trainer.steps), epoch \(trainer.epochsCompleted + 1)"
    reply(WorkerReply(outputs: [.line(line)] + session.execute(.eval)))
  }

  /// On a landscape the ball rolls one step every 50 ms, so that its path can be watched.
  func rollBall() {
    let response = course.execute(line: "step 1")
    var outputs = response.outputs
    if case .text? = outputs.first { outputs.removeFirst() }
    if outputs.contains(where: \.isError) { setTraining(false) }
    if !outputs.isEmpty { reply(WorkerReply(outputs: outputs)) }
    publish(makeSnapshot(busy: nil, refreshCharts: true))
    Thread.sleep(forTimeInterval: 0.05)
  }
}

extension Duration {
  var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}
