import Engine
import Testing

/// What a step reports, and how steps walk through epochs.
@Suite struct TrainerTests {
  /// Ten examples of y = x₀ − x₁, batch 4: epochs of three steps (4, 4 and 2 examples).
  static func trainer(lr: Float = 0.05) throws -> Trainer {
    let rows: [[Float]] = (0..<10).map { i in [Float(i) / 10, Float(i % 3) / 3] }
    let targets = rows.map { $0[0] - $0[1] }
    return try Trainer(
      architecture: Architecture(sizes: [2, 3, 1], activation: .tanh, task: .regression),
      initializer: .xavier, hyper: Fixtures.hyper(lr: lr, batch: 4), seed: 2,
      train: Fixtures.regression(rows, targets))
  }

  @Test func stepsWalkThroughShuffledEpochs() throws {
    let trainer = try Self.trainer()
    #expect(trainer.stepsPerEpoch == 3)
    var epochs: [[Int]] = [[], []]
    for step in 1...6 {
      let report = try trainer.step()
      #expect(report.step == step)
      #expect(report.epoch == (step - 1) / 3 + 1)
      #expect(report.endedEpoch == (step % 3 == 0))
      #expect(report.batch.count == (step % 3 == 0 ? 2 : 4))
      epochs[(step - 1) / 3] += report.batch
    }
    #expect(epochs[0].sorted() == Array(0..<10), "each epoch uses every example once")
    #expect(epochs[1].sorted() == Array(0..<10))
    #expect(epochs[0] != epochs[1], "each epoch has its own order")
    #expect(trainer.epochsCompleted == 2 && trainer.steps == 6)
    #expect(trainer.epochFraction == 0)
  }

  @Test func reportMeasuresTheStep() throws {
    let trainer = try Self.trainer(lr: 0.01)
    let report = try trainer.step(measureLossAfter: true)
    let after = try #require(report.lossAfter)
    #expect(
      after < report.lossBefore,
      "a small step lowers the batch loss: \(report.lossBefore) → \(after)")
    #expect(report.learningRate == 0.01)
    #expect(report.gradientNorms.count == 2 && report.updateNorms.count == 2, "one per dense layer")
    // SGD: ‖Δθ‖ = η·‖g‖ for every layer.
    for (g, u) in zip(report.gradientNorms, report.updateNorms) {
      expectClose(u, 0.01 * g, relative: 1e-5, "update norm")
    }
    #expect(report.clipScale == 1)
    #expect(trainer.history.stepLosses == [Float(report.lossBefore)])
    #expect(try trainer.step().lossAfter == nil)
  }

  @Test func resetStartsOverFromTheSeed() throws {
    let trainer = try Self.trainer()
    let initial = parameterBits(trainer.network)
    let first = try (0..<4).map { _ in try trainer.step().lossBefore }
    trainer.reset()
    #expect(parameterBits(trainer.network) == initial)
    #expect(trainer.steps == 0 && trainer.history.stepLosses.isEmpty)
    #expect(try (0..<4).map { _ in try trainer.step().lossBefore } == first)
  }
}
