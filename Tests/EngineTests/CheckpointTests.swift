import Engine
import Testing

/// Checkpoints, forks and changes of settings between steps.
@Suite struct CheckpointTests {
  static let data = Fixtures.blobs(count: 60, features: 4, classes: 3, seed: 31)

  /// A 4-12-3 network with dropout and momentum, so that the checkpoint must carry weights,
  /// velocity, the epoch order and both generators.
  static func trainer(seed: UInt64 = 3) throws -> Trainer {
    let hyper = Fixtures.hyper(lr: 0.05, batch: 8, optimizer: .momentum) { $0.dropout = 0.25 }
    return try Trainer(
      architecture: Architecture(sizes: [4, 12, 3], activation: .tanh, task: .classification),
      initializer: .xavier, hyper: hyper, seed: seed, train: data)
  }

  static func steps(_ trainer: Trainer, _ count: Int) throws -> [UInt64] {
    try (0..<count).map { _ in try trainer.step().lossBefore.bitPattern }
  }

  @Test func restoreReplaysBitForBit() throws {
    let trainer = try Self.trainer()
    _ = try Self.steps(trainer, 5)
    let checkpoint = trainer.checkpoint()
    #expect(checkpoint.step == 5)
    let first = try Self.steps(trainer, 10)
    let weights = parameterBits(trainer.network)
    let history = trainer.history.stepLosses

    trainer.restore(checkpoint)
    #expect(trainer.steps == 5)
    #expect(trainer.history.stepLosses.count == 5, "the history is rewound with the run")
    let second = try Self.steps(trainer, 10)
    #expect(first == second, "the 10 losses after restore are bit-identical")
    #expect(parameterBits(trainer.network) == weights, "the weights are bit-identical")
    #expect(bits(trainer.history.stepLosses) == bits(history))
    // 60 examples in batches of 8 make 8 steps per epoch (the last of 4): after 15 steps one
    // epoch is complete.
    #expect(trainer.epochsCompleted == 1)
  }

  @Test func restoreUndoesSettingChanges() throws {
    let trainer = try Self.trainer()
    let settings = trainer.hyper
    let checkpoint = trainer.checkpoint()
    try trainer.setHyperparameters(Fixtures.hyper(lr: 0.5, batch: 4))
    try trainer.step()
    trainer.restore(checkpoint)
    #expect(trainer.hyper == settings)
    #expect(trainer.history.markers.isEmpty)
  }

  @Test func forkIsIndependent() throws {
    let original = try Self.trainer()
    _ = try Self.steps(original, 4)
    let before = parameterBits(original.network)
    let fork = original.fork()
    let forkLosses = try Self.steps(fork, 6)
    #expect(
      parameterBits(original.network) == before, "stepping the fork leaves the original alone")
    #expect(original.steps == 4 && fork.steps == 10)
    #expect(original.history.stepLosses.count == 4)
    // The fork started from the same state, so the original's next 6 steps are the same.
    #expect(try Self.steps(original, 6) == forkLosses)
    // Diverging paths: new settings in the fork do not reach the original.
    try fork.setHyperparameters(Fixtures.hyper(lr: 0.2, batch: 8))
    #expect(original.hyper.learningRate == 0.05)
    try fork.step()
    try original.step()
    #expect(parameterBits(original.network) != parameterBits(fork.network))
  }

  @Test func changingSettingsKeepsWeightsAndRecordsMarkers() throws {
    let trainer = try Self.trainer()
    _ = try Self.steps(trainer, 5)
    let weights = parameterBits(trainer.network)
    var hyper = trainer.hyper
    hyper.learningRate = 0.1
    hyper.batchSize = 16
    hyper.dropout = 0
    try trainer.setHyperparameters(hyper)
    #expect(parameterBits(trainer.network) == weights, "changing settings keeps the weights")
    #expect(trainer.steps == 5)
    #expect(
      trainer.history.markers.map(\.label) == ["lr 0.1", "batch 16", "dropout 0.0"],
      "markers \(trainer.history.markers.map(\.label))")
    #expect(trainer.history.markers.allSatisfy { $0.step == 5 })
    let report = try trainer.step()
    #expect(report.learningRate == 0.1)
    #expect(report.batch.count == 16)
    // An invalid setting is refused with its name and leaves everything as it was.
    hyper.learningRate = -1
    #expect(throws: EngineError.self) { try trainer.setHyperparameters(hyper) }
    #expect(trainer.hyper.learningRate == 0.1)
    #expect(trainer.history.markers.count == 3)
  }
}
