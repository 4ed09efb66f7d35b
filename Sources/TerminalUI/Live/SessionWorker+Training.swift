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
    if pacer.pace != pace(for: target) { pacer = Pacer(pace(for: target)) }
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
        if reached(target) || (now - begin).seconds > Self.chunkSeconds || shouldInterrupt() { return true }
        return awaitPace(steps: trainer.steps)
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

  /// Waits until the pace lets the next step start, publishing snapshots meanwhile; true when
  /// the chunk should end instead (a job waits, training stopped).
  func awaitPace(steps: Int) -> Bool {
    while true {
      let delay = pacer.delay(steps: steps, now: .now)
      if delay <= .zero { return false }
      if waitForPace(min(delay, Self.publishInterval)) { return true }
      if ContinuousClock.now - lastPublish >= Self.publishInterval {
        publish(makeSnapshot(busy: nil, refreshCharts: false))
      }
    }
  }

  /// A bounded `train` ended: say where it got to, as `train` does in the REPL.
  func finishTraining() {
    setTraining(false)
    lastStop = .ended
    guard let trainer = session.trainer else { return }
    let line = "trained to step \(trainer.steps), epoch \(trainer.epochsCompleted + 1)"
    reply(WorkerReply(outputs: [.line(line)] + session.execute(.eval)))
  }

  /// On a landscape the ball rolls at the session's pace (20 steps a second unless set), so
  /// that its path can be watched.
  func rollBall() {
    if pacer.pace != session.pace { pacer = Pacer(session.pace) }
    let ballSteps = session.ball?.steps ?? 0
    if case .max = pacer.pace {
      // At full speed the screen still gets its frames.
      if waitForPace(.milliseconds(1)) { return }
    } else if awaitPace(steps: ballSteps) {
      return
    }
    let response = course.execute(line: "step 1")
    var outputs = response.outputs
    if case .text? = outputs.first { outputs.removeFirst() }
    if outputs.contains(where: \.isError) { setTraining(false) }
    if !outputs.isEmpty { reply(WorkerReply(outputs: outputs)) }
    if let ball = session.ball, ball.diverged { setTraining(false) }
    let fast = pacer.pace == .max && ContinuousClock.now - lastChartTime < Self.publishInterval
    publish(makeSnapshot(busy: nil, refreshCharts: !fast))
  }
}

extension Duration {
  var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}
