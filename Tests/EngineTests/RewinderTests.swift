import Testing

@testable import Engine

/// Checkpoints under a budget, and rewinds that rebuild any step exactly.
@Suite struct RewinderTests {
  /// A change made by hand before the step after `step`.
  struct Event {
    var step: Int
    var change: Rewinder.Change
  }

  /// Settings changes of every kind, a weight set by hand, and several changes at one step.
  static func script() -> [Event] {
    var h = Fixtures.hyper(lr: 0.05, batch: 8, optimizer: .momentum) { $0.dropout = 0.25 }
    var events: [Event] = []
    func settings(_ step: Int, _ change: (inout Hyperparameters) -> Void) {
      change(&h)
      events.append(Event(step: step, change: .settings(h)))
    }
    settings(0) { $0.learningRate = 0.1 }
    settings(700) { $0.batchSize = 5 }
    settings(700) { $0.optimizer = .adam; $0.learningRate = 0.01 }
    events.append(Event(step: 1_500, change: .parameter(name: "dense1.weights", index: 3, value: 0.5, label: "w 0.5")))
    settings(2_222) { $0.dropout = 0; $0.clipNorm = 1 }
    settings(9_000) { $0.optimizer = .nesterov; $0.learningRate = 0.02 }
    events.append(Event(step: 9_000, change: .parameter(name: "dense2.bias", index: 1, value: -1, label: "b -1")))
    settings(15_000) { $0.batchSize = 60; $0.l2 = 0.001 }
    return events
  }

  /// What a run that went straight to `target` recorded: every loss, every evaluation.
  struct Straight {
    var trainer: Trainer
    var losses: [Float] = []
    var evaluations: [History.Evaluated] = []
  }

  /// Trains a fresh run to `target` following the script, evaluating at each epoch's end as
  /// the session does, with the changes made at `target` itself.
  static func straight(to target: Int) throws -> Straight {
    var s = Straight(trainer: try CheckpointTests.trainer())
    var events = script()[...]
    while true {
      while let e = events.first, e.step == s.trainer.steps {
        try Rewinder.perform(e.change, on: s.trainer)
        events = events.dropFirst()
      }
      guard s.trainer.steps < target else { break }
      let report = try s.trainer.step()
      s.losses.append(Float(report.lossBefore))
      if report.endedEpoch { s.evaluations.append(s.trainer.evaluate()) }
    }
    return s
  }

  /// The same script through a rewinder, to `steps`.
  static func recorded(to steps: Int, budget: Int) throws -> (Trainer, Rewinder) {
    let trainer = try CheckpointTests.trainer()
    var rewinder = Rewinder(trainer, budget: budget)
    rewinder.fixedStepSeconds = 1e-4
    var events = script()[...]
    while true {
      while let e = events.first, e.step == trainer.steps {
        try rewinder.apply(e.change, to: trainer)
        events = events.dropFirst()
      }
      guard trainer.steps < steps else { break }
      let report = try trainer.step()
      rewinder.didStep(trainer)
      if report.endedEpoch { trainer.evaluate() }
    }
    return (trainer, rewinder)
  }

  /// Weights, settings, history, and the next steps (which depend on the optimiser's state,
  /// the epoch's order and both generators) are those of the run that went straight there.
  static func expectSame(_ a: Trainer, _ b: Straight, _ context: String) throws {
    #expect(a.steps == b.trainer.steps, "\(context)")
    #expect(parameterBits(a.network) == parameterBits(b.trainer.network), "weights \(context)")
    #expect(a.hyper == b.trainer.hyper, "settings \(context)")
    #expect(a.epochsCompleted == b.trainer.epochsCompleted, "\(context)")
    #expect(a.history.markers == b.trainer.history.markers, "markers \(context)")
    HistoryTests.expectFaithful(a.history.losses, to: b.losses, context)
    #expect(a.history.evaluationCount == b.evaluations.count, "evaluations \(context)")
    #expect(a.history.evaluations == Array(b.evaluations.suffix(a.history.evaluations.count)), "\(context)")
    #expect(a.history.evaluationTrace.testsSinceLowest == b.trainer.history.evaluationTrace.testsSinceLowest)
    let next = try (0..<12).map { _ in try a.step().lossBefore.bitPattern }
    let other = b.trainer.fork()
    let expected = try (0..<12).map { _ in try other.step().lossBefore.bitPattern }
    #expect(next == expected, "the next steps \(context)")
  }

  @Test func rewindsAreExactAcrossChangesLongAfterTheirCheckpointsWereThinned() throws {
    let targets = [19_990, 15_000, 9_000, 8_999, 2_222, 1_500, 1_499, 700, 13, 0]
    let straight = try targets.map { try Self.straight(to: $0) }
    // No budget: only the first checkpoint is kept. Room for five: the latest and a few far
    // apart. Either way those taken at the changes are long gone.
    let size = straight[0].trainer.checkpoint().byteCount
    for budget in [0, 5 * size] {
      let (trainer, rewinder) = try Self.recorded(to: 20_000, budget: budget)
      let steps = rewinder.checkpointSteps
      #expect(budget == 0 ? steps == [0] : steps.count >= 3 && rewinder.checkpointBytes <= budget, "\(steps)")
      #expect(!rewinder.checkpointSteps.contains { [700, 1_500, 2_222, 9_000].contains($0) })
      #expect(trainer.history.markers.count == 12)
      for (target, expected) in zip(targets, straight) {
        let copy = trainer.fork()
        var r = rewinder
        r.rewind(copy, to: target)
        try Self.expectSame(copy, expected, "at \(target) with a budget of \(budget) bytes")
      }
    }
  }

  @Test func rewindingTwiceAndTrainingOnStaysExact() throws {
    let recorded = try Self.recorded(to: 12_000, budget: 1 << 20)
    let trainer = recorded.0
    var rewinder = recorded.1
    rewinder.rewind(trainer, to: 10_000)
    rewinder.rewind(trainer, to: 2_000)
    // Forward again past the changes at 2,222 and 9,000 through the rewinder.
    var events = Self.script().filter { $0.step >= 2_001 }[...]
    while trainer.steps < 9_500 {
      while let e = events.first, e.step == trainer.steps {
        try rewinder.apply(e.change, to: trainer)
        events = events.dropFirst()
      }
      let report = try trainer.step()
      rewinder.didStep(trainer)
      if report.endedEpoch { trainer.evaluate() }
    }
    try Self.expectSame(trainer, try Self.straight(to: 9_500), "after two rewinds")
    rewinder.rewind(trainer, to: 9_000)
    try Self.expectSame(trainer, try Self.straight(to: 9_000), "back at 9,000")
  }

  @Test func checkpointsStayUnderTheBudgetOverAHundredThousandSteps() throws {
    // A checkpoint's size once the optimiser's velocity exists.
    let trainer = try CheckpointTests.trainer()
    try trainer.step()
    let size = trainer.checkpoint().byteCount
    for budget in [20 * size, 100 * size] {
      let run = try CheckpointTests.trainer()
      var rewinder = Rewinder(run, budget: budget)
      rewinder.fixedStepSeconds = 1e-3  // 1,000 steps a second: a checkpoint every 125 steps
      var most = 0
      for step in 1...100_000 {
        try run.step()
        rewinder.didStep(run)
        if step % 10_000 == 0 { try rewinder.apply(.settings(run.hyper), to: run) }
        most = max(most, rewinder.checkpointBytes)
      }
      let steps = rewinder.checkpointSteps
      #expect(most <= budget, "\(most) bytes held for a budget of \(budget)")
      #expect(steps.count <= min(budget / size, Rewinder.maximumCount))
      #expect(steps.first == 0 && steps == steps.sorted())
      #expect(steps.last.map { run.steps - $0 < rewinder.interval } == true)
      // Undoing steps replays about a second of training at most: less than an interval when
      // the newest checkpoint is older than the step undone.
      for undo in [1, 2, 1_000] {
        let copy = run.fork()
        var r = rewinder
        let replayed = r.rewind(copy, to: run.steps - undo)
        #expect(Double(replayed) <= 1.1 * Double(rewinder.recentSteps), "undoing \(undo) replays \(replayed)")
      }
      try run.step()
      rewinder.didStep(run)
      var r = rewinder
      #expect(r.rewind(run.fork(), to: run.steps - 1) < rewinder.interval)
    }
  }

  @Test func rewindsReplayWithinTheirAllowance() throws {
    // Steps only: an hour of training at 1,000 steps a second, 48 checkpoints.
    let recent = 1_000
    let interval = recent / 8
    var steps = [0]
    for s in stride(from: interval, through: 3_600_000, by: interval) {
      steps.append(s)
      while steps.count > 48, let i = CheckpointThinning.victim(steps: steps, recent: recent) {
        steps.remove(at: i)
      }
    }
    let worst = CheckpointThinning.worstRatio(steps: steps, recent: recent)
    #expect(worst <= 1.1, "a gap is \(worst) times its allowance")
    // The latest checkpoints are about a second apart; a minute back, within 15 seconds.
    let newest = steps[steps.count - 1]
    for (a, b) in zip(steps, steps.dropFirst()) where newest - b < 60_000 {
      #expect(Double(b - a) <= 1.1 * CheckpointThinning.allowance(age: newest - b + 1, recent: recent))
    }
  }

  @Test func aResetForgetsTheLogAndTheCheckpoints() throws {
    let recorded = try Self.recorded(to: 3_000, budget: 1 << 20)
    let trainer = recorded.0
    var rewinder = recorded.1
    #expect(rewinder.loggedChanges == 5)
    trainer.reset()
    rewinder.didReset(trainer)
    #expect(rewinder.loggedChanges == 0 && rewinder.checkpointSteps == [0])
    #expect(rewinder.rewind(trainer, to: 0) == 0)
  }

  @Test func aRefusedChangeIsNotLogged() throws {
    let trainer = try CheckpointTests.trainer()
    var rewinder = Rewinder(trainer)
    var bad = trainer.hyper
    bad.learningRate = -1
    #expect(throws: EngineError.self) { try rewinder.apply(.settings(bad), to: trainer) }
    #expect(throws: EngineError.self) {
      try rewinder.apply(.parameter(name: "dense9.weights", index: 0, value: 1, label: "w"), to: trainer)
    }
    #expect(rewinder.loggedChanges == 0 && rewinder.checkpointSteps == [0])
  }
}
