import Datasets
import Engine
import Foundation

extension Session {
  func step(_ count: Int, shouldStop: () -> Bool = { false }) throws(CommandError) -> [Output] {
    if ball != nil { return try rollBall(count) }
    let trainer = try requireTrainer()
    var outputs: [Output] = []
    // Show every step in full when there are few; otherwise the first and a summary.
    let detailed = count <= 5
    var last: StepReport?
    var done = 0
    for i in 0..<count {
      if shouldStop() { break }
      do {
        let report = try trainer.step(measureLossAfter: detailed || i == count - 1)
        run?.didStep()
        if report.endedEpoch { trainer.evaluate() }
        if detailed { outputs.append(.text(StepAnatomy.lines(report, trainer: trainer, dataset: dataset))) }
        last = report
        done += 1
      } catch {
        outputs.append(.error(explain(error)))
        return outputs
      }
    }
    if !detailed, let last {
      let stopped = done < count ? " (stopped)" : ""
      outputs.append(.text(["\(done) steps\(stopped): now at " + StepAnatomy.summary(last)]))
    }
    return outputs
  }

  private func rollBall(_ count: Int) throws(CommandError) -> [Output] {
    guard var ball else { return [] }
    let lr = Double(settings.hyper.learningRate)
    let mu = settings.hyper.optimizer == .sgd ? 0 : Double(settings.hyper.momentum)
    var lines: [String] = []
    for _ in 0..<count {
      let before = ball.position
      let g = ball.gradient
      guard ball.step(learningRate: lr, momentum: mu) else {
        self.ball = ball
        return [.text(lines), .error("diverged at step \(ball.steps): the ball flew off the landscape. The learning rate \(NumberFormat.short(lr)) is too large for these slopes; try a smaller one, then `set x` to start again")]
      }
      if count <= 5 {
        let p = before.map(NumberFormat.short).joined(separator: ", ")
        let gText = g.map(NumberFormat.short).joined(separator: ", ")
        let q = ball.position.map(NumberFormat.short).joined(separator: ", ")
        lines.append("step \(ball.steps): at (\(p)) slope (\(gText)) → (\(q)), loss \(NumberFormat.short(ball.value))")
      }
    }
    self.ball = ball
    if count > 5 {
      lines.append("\(count) steps: ball at (\(ball.position.map(NumberFormat.short).joined(separator: ", "))), loss \(NumberFormat.short(ball.value))")
    }
    return [.text(lines)]
  }

  func explain(_ error: Error) -> String {
    if case EngineError.diverged(let d) = error {
      return d.explanation + " Use `rewind` or `reset` to go on."
    }
    return String(describing: error)
  }

  func train(
    _ amount: Command.TrainAmount, shouldStop: () -> Bool, progress: ((TrainingProgress) -> Void)?
  ) throws(CommandError) -> [Output] {
    if ball != nil {
      if case .steps(let n) = amount { return try step(n) }
      throw CommandError("on a landscape, use `step N` or `train N steps`")
    }
    let trainer = try requireTrainer()
    let startStep = trainer.steps
    let startEpoch = trainer.epochsCompleted
    var target: Int?
    switch amount {
    case .steps(let n): target = n
    case .epochs(let n): target = nil; _ = n
    case .untilStopped: target = nil
    }
    let clock = ContinuousClock()
    let begin = clock.now
    var lastReport = clock.now
    var lastLoss = Double.nan
    var stopped = false
    var failure: String?
    while true {
      if case .steps(let n) = amount, trainer.steps - startStep >= n { break }
      if case .epochs(let n) = amount, trainer.epochsCompleted - startEpoch >= n { break }
      if shouldStop() {
        stopped = true
        break
      }
      do {
        let report = try trainer.step()
        run?.didStep()
        lastLoss = report.lossBefore
        if report.endedEpoch { trainer.evaluate() }
      } catch {
        failure = explain(error)
        break
      }
      if let progress, clock.now - lastReport > .milliseconds(100) {
        lastReport = clock.now
        let elapsed = (clock.now - begin).seconds
        let done = trainer.steps - startStep
        progress(
          TrainingProgress(
            step: trainer.steps, epoch: trainer.epochsCompleted + 1, epochFraction: trainer.epochFraction,
            loss: lastLoss, samplesPerSecond: Double(done * trainer.hyper.batchSize) / max(elapsed, 1e-9),
            done: done,
            target: target ?? (amount == .untilStopped ? nil : epochsTarget(amount, trainer, startEpoch))))
      }
    }
    var outputs: [Output] = []
    let done = trainer.steps - startStep
    var line = "trained \(done) step\(done == 1 ? "" : "s")"
    if stopped { line += " (stopped)" }
    line += ": step \(trainer.steps), epoch \(trainer.epochsCompleted + 1)"
    if lastLoss.isFinite { line += ", batch loss \(NumberFormat.short(lastLoss))" }
    outputs.append(.line(line))
    if let failure {
      outputs.append(.error(failure))
      return outputs
    }
    outputs.append(.text([evaluationLine(trainer)]))
    if trainer.history.stepCount >= 2 {
      outputs.append(lossChart([run].compactMap { $0 }))
    }
    return outputs
  }

  private func epochsTarget(_ amount: Command.TrainAmount, _ trainer: Trainer, _ startEpoch: Int) -> Int? {
    if case .epochs(let n) = amount { return n * trainer.stepsPerEpoch }
    return nil
  }

  func evaluationLine(_ trainer: Trainer) -> String {
    let train = trainer.network.evaluate(trainer.train)
    let test = trainer.test.map { trainer.network.evaluate($0) }
    if let test { printedTest = PrintedTest(trainer: trainer, step: trainer.steps, evaluation: test) }
    let validation = trainer.validation.map { " · val " + describe(trainer.network.evaluate($0)) } ?? ""
    return "train " + describe(train) + validation + (test.map { " · test " + describe($0) } ?? " · no test data")
  }

  func describe(_ e: Evaluation) -> String {
    var s = "loss \(NumberFormat.short(e.loss))"
    if let a = e.accuracy { s += " accuracy \(NumberFormat.percent(a))" }
    if let r = e.rmse { s += " RMSE \(NumberFormat.short(r))" }
    if let r2 = e.r2 { s += " R² \(NumberFormat.fixed(r2, 3))" }
    return s
  }

  func evaluate() throws(CommandError) -> [Output] {
    if let ball {
      return [.line("loss \(NumberFormat.short(ball.value)) at (\(ball.position.map(NumberFormat.short).joined(separator: ", "))) after \(ball.steps) steps")]
    }
    let trainer = try requireTrainer()
    let train = trainer.network.evaluate(trainer.train)
    var rows = [row("train", train)]
    if let validation = trainer.validation { rows.append(row("validation", trainer.network.evaluate(validation))) }
    if let test = trainer.test {
      let evaluation = trainer.network.evaluate(test)
      printedTest = PrintedTest(trainer: trainer, step: trainer.steps, evaluation: evaluation)
      rows.append(row("test", evaluation))
    }
    let regression = train.accuracy == nil
    let headers = regression ? ["split", "examples", "loss", "RMSE", "R²"] : ["split", "examples", "loss", "accuracy"]
    let table = Output.table(Table(headers: headers, rows: rows, rightAligned: [1, 2, 3, 4]))
    return trainer.test == nil ? [table, .line("no test data: this data set holds no examples out")] : [table]
  }

  private func row(_ name: String, _ e: Evaluation) -> [String] {
    var r = [name, e.examples.formatted, NumberFormat.short(e.loss)]
    if let a = e.accuracy { r.append(NumberFormat.percent(a)) }
    if let rmse = e.rmse { r.append(NumberFormat.short(rmse)) }
    if e.accuracy == nil { r.append(e.r2.map { NumberFormat.fixed($0, 3) } ?? "-") }
    return r
  }

  func reset() throws(CommandError) -> [Output] {
    if var ball {
      ball.restart()
      self.ball = ball
      return [.line("ball back at its start")]
    }
    let trainer = try requireTrainer()
    trainer.reset()
    run?.didReset()
    return [.line("new weights from seed \(trainer.seed); step 0")]
  }

  func rewind(_ count: Int) throws(CommandError) -> [Output] {
    _ = try requireTrainer()
    guard let run else { return [] }
    let undone = run.rewind(count)
    return [.line("rewound \(undone) step\(undone == 1 ? "" : "s"): now at step \(run.trainer.steps)")]
  }
}

extension Duration {
  var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}


/// An evaluation on the test set that a command printed, and the run and step it was of.
struct PrintedTest {
  weak var trainer: Trainer?
  let step: Int
  let evaluation: Evaluation
}

extension Session {
  /// The test set's figures for the current run as it is now: those a command printed at this
  /// very step, else those of the last epoch's end.
  public var currentTestEvaluation: Evaluation? {
    guard let trainer else { return nil }
    if let printed = printedTest, printed.trainer === trainer, printed.step == trainer.steps {
      return printed.evaluation
    }
    return trainer.history.lastEvaluation?.test
  }
}
