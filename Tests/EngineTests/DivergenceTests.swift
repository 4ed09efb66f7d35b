import Engine
import Testing

/// A learning rate far too large on unscaled data ends in a diverged state that explains itself.
@Suite struct DivergenceTests {
  /// Flats: surface 20–150 m² (not standardised) → price in k€ ≈ 3·surface + 50.
  static let flats: Examples = {
    var g = SeededGenerator(seed: 3)
    var surfaces: [[Float]] = []
    var prices: [Float] = []
    for _ in 0..<40 {
      let s = g.uniform(20, 150)
      surfaces.append([s])
      prices.append(3 * s + 50 + Float(g.normal() * 20))
    }
    return Fixtures.regression(surfaces, prices)
  }()

  static func trainer(lr: Float) throws -> Trainer {
    try Trainer(
      architecture: Architecture(sizes: [1, 1], task: .regression), initializer: .uniform,
      hyper: Fixtures.hyper(lr: lr, batch: 8), seed: 1, train: flats)
  }

  /// Steps until the trainer throws; returns the divergence (nil if 100 steps pass).
  static func runUntilDiverged(_ trainer: Trainer) -> Divergence? {
    for _ in 0..<100 {
      do {
        try trainer.step()
      } catch {
        if case .diverged(let d) = error { return d }
        Issue.record("unexpected error \(error)")
        return nil
      }
    }
    return nil
  }

  @Test func learningRate100Diverges() throws {
    let trainer = try Self.trainer(lr: 100)
    let start = trainer.checkpoint()
    let divergence = try #require(
      Self.runUntilDiverged(trainer), "lr 100 on surfaces in m² must diverge")
    #expect(trainer.divergence == divergence, "the trainer keeps the diverged state")
    #expect(divergence.learningRate == 100)
    #expect(
      divergence.step == trainer.steps + 1, "the failing step is the one after the last good step")
    #expect(!divergence.value.isFinite)

    let text = divergence.explanation
    let quantity: String
    switch divergence.quantity {
    case .loss: quantity = "the loss"
    case .gradient(let name): quantity = "the gradient of \(name)"
    case .weights(let name): quantity = "the weights \(name)"
    }
    #expect(text.contains("step \(divergence.step)"), "names the step: \(text)")
    #expect(text.contains(quantity), "names the quantity (\(quantity)): \(text)")
    #expect(text.contains("learning rate 100"), "names the learning rate: \(text)")
    #expect(text.contains("too large"), "gives the likely cause: \(text)")
    #expect(EngineError.diverged(divergence).description == text)
    #expect(trainer.history.stepLosses.allSatisfy { $0.isFinite }, "no NaN reaches the history")

    // Further steps refuse with the same divergence.
    #expect(throws: EngineError.diverged(divergence)) { try trainer.step() }

    // Restoring a checkpoint from before clears it, and training can go on.
    trainer.restore(start)
    #expect(trainer.divergence == nil)
    #expect(trainer.steps == 0)
    #expect(trainer.network.parameters.allSatisfy { $0.value.isFinite })
    try trainer.setHyperparameters(Fixtures.hyper(lr: 1e-5, batch: 8))
    for _ in 0..<10 { try trainer.step() }
    #expect(trainer.divergence == nil)
  }

  /// The same data with a learning rate suited to it trains without diverging.
  @Test func smallLearningRateDoesNotDiverge() throws {
    let trainer = try Self.trainer(lr: 1e-5)
    #expect(Self.runUntilDiverged(trainer) == nil)
    #expect(trainer.history.stepLosses.last ?? .infinity < trainer.history.stepLosses.first ?? 0)
  }

  /// `reset()` also clears the diverged state.
  @Test func resetClearsDivergence() throws {
    let trainer = try Self.trainer(lr: 100)
    _ = try #require(Self.runUntilDiverged(trainer))
    trainer.reset()
    #expect(trainer.divergence == nil)
    #expect(trainer.steps == 0)
  }
}
