import Engine
import Testing

/// Same seed, same data, same settings ⇒ the same numbers, bit for bit.
@Suite struct DeterminismTests {
  static let data = Fixtures.blobs(count: 96, features: 4, classes: 3, seed: 9)

  /// 200 steps of a 4-16-16-3 ReLU network with dropout 0.3 and momentum, batch 8 (so 16
  /// epochs with reshuffling): the batch losses and the final weights.
  static func run(seed: UInt64) throws -> (losses: [UInt32], weights: [[UInt32]]) {
    let hyper = Fixtures.hyper(lr: 0.05, batch: 8, optimizer: .momentum) { $0.dropout = 0.3 }
    let trainer = try Trainer(
      architecture: Architecture(sizes: [4, 16, 16, 3], activation: .relu, task: .classification),
      initializer: .he, hyper: hyper, seed: seed, train: data)
    for _ in 0..<200 { try trainer.step() }
    return (bits(trainer.history.stepLosses), parameterBits(trainer.network))
  }

  @Test func sameSeedGivesBitIdenticalRuns() throws {
    let first = try Self.run(seed: 7)
    let second = try Self.run(seed: 7)
    #expect(first.losses.count == 200)
    #expect(first.losses == second.losses, "the 200 batch losses are bit-identical")
    #expect(first.weights == second.weights, "the final weights are bit-identical")
  }

  @Test func differentSeedGivesDifferentRun() throws {
    let first = try Self.run(seed: 7)
    let other = try Self.run(seed: 8)
    #expect(first.losses != other.losses)
    #expect(
      first.losses.first != other.losses.first, "different initial weights, different first loss")
  }
}
