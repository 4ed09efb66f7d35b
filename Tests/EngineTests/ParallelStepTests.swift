@testable import Engine
import Foundation
import Testing

/// A step with its batch split across threads computes exactly what the step taken whole
/// computes, bit for bit, whatever the number of threads.
@Suite struct ParallelStepTests {
  /// 64 features, 5 classes: a 64-64-32-5 network has 6,405 parameters, so batches of 32 and
  /// more are split.
  static let data = Fixtures.blobs(count: 320, features: 64, classes: 5, seed: 4)
  static let architecture = Architecture(
    sizes: [64, 64, 32, 5], activation: .relu, task: .classification)

  static func trainer(
    threads: Int, batch: Int = 32, optimizer: OptimizerKind = .momentum, split: Bool = false,
    configure: (inout Hyperparameters) -> Void = { _ in }
  ) throws -> Trainer {
    let hyper = Fixtures.hyper(lr: 0.05, batch: batch, optimizer: optimizer, configure: configure)
    let trainer = try Trainer(
      architecture: architecture, initializer: .he, hyper: hyper, seed: 3, train: data)
    let pool = threads > 1 ? WorkerPool(size: threads) : nil
    trainer.threadPool = { pool }
    trainer.threadsForBatch = { _, _ in threads }
    trainer.takesSplitSteps = threads > 1 || split
    return trainer
  }

  @Test func classifiersAreSplitRegressionIsNot() throws {
    let t = try Self.trainer(threads: 2)
    #expect(ParallelStep.applies(to: t.network))
    var generator = SeededGenerator(seed: 1)
    let regression = try Network(
      Architecture(sizes: [64, 64, 1], activation: .relu, task: .regression), initializer: .he,
      generator: &generator)
    #expect(!ParallelStep.applies(to: regression))
  }

  /// The first step from the same weights: loss, per-layer gradient and update norms, and every
  /// weight are the same bits.
  @Test(arguments: [1, 2, 3, 5], [OptimizerKind.sgd, .momentum, .nesterov, .adam])
  func oneStepIsTheWholeStep(threads: Int, optimizer: OptimizerKind) throws {
    let whole = try Self.trainer(threads: 1, optimizer: optimizer)
    let split = try Self.trainer(threads: threads, optimizer: optimizer, split: true)
    let a = try whole.step()
    let b = try split.step()
    #expect(b.lossBefore.bitPattern == a.lossBefore.bitPattern, "loss")
    #expect(b.gradientNorms.map(\.bitPattern) == a.gradientNorms.map(\.bitPattern), "gradient norms")
    #expect(b.updateNorms.map(\.bitPattern) == a.updateNorms.map(\.bitPattern), "update norms")
    #expect(parameterBits(split.network) == parameterBits(whole.network), "weights")
  }

  /// 100 steps with dropout 0.2, L2, L1 and clipping at 2 and 3 threads: the same bits as the
  /// whole run (batch losses and weights), so the dropout masks are the same draws too.
  @Test(arguments: [1, 2, 3])
  func aHundredStepsAreTheWholeRun(threads: Int) throws {
    let settings: (inout Hyperparameters) -> Void = {
      $0.dropout = 0.2
      $0.l2 = 1e-3
      $0.l1 = 1e-4
      $0.clipNorm = 2
    }
    let whole = try Self.trainer(threads: 1, batch: 40, configure: settings)
    let split = try Self.trainer(threads: threads, batch: 40, split: true, configure: settings)
    for _ in 0..<100 {
      try whole.step()
      try split.step()
    }
    #expect(whole.history.stepLosses.count == 100)
    #expect(bits(split.history.stepLosses) == bits(whole.history.stepLosses), "batch losses")
    #expect(parameterBits(split.network) == parameterBits(whole.network), "weights")
    #expect(split.evaluate() == whole.evaluate(), "evaluation")
  }

  @Test func sameThreadsGiveBitIdenticalRuns() throws {
    func run() throws -> (losses: [UInt32], weights: [[UInt32]]) {
      let t = try Self.trainer(threads: 2) { $0.dropout = 0.1 }
      for _ in 0..<40 { try t.step() }
      return (bits(t.history.stepLosses), parameterBits(t.network))
    }
    let first = try run()
    let second = try run()
    #expect(first.losses == second.losses)
    #expect(first.weights == second.weights)
  }

  /// A batch whose size changes between steps (and a short last batch) reuses or regrows the
  /// buffers without mixing rows.
  @Test func batchSizeChangesBetweenSteps() throws {
    let whole = try Self.trainer(threads: 1, batch: 48)
    let split = try Self.trainer(threads: 2, batch: 48)
    for batch in [48, 100, 32, 100, 100] {
      for t in [whole, split] {
        var h = t.hyper
        h.batchSize = batch
        try t.setHyperparameters(h)
      }
      let a = try whole.step()
      let b = try split.step()
      #expect(a.batch == b.batch)
      #expect(b.lossBefore.bitPattern == a.lossBefore.bitPattern, "loss at batch \(batch)")
    }
    #expect(parameterBits(split.network) == parameterBits(whole.network), "weights")
  }

  /// A trainer told not to measure gradient norms trains the same bits, at every thread count,
  /// and its reports carry no gradient norms (the update norms are still there). Its steps
  /// apply the weights' update as the gradients are computed (`aStepWithoutNormsIsFused`).
  @Test(arguments: [1, 2, 3, 5], [OptimizerKind.sgd, .momentum, .nesterov, .adam])
  func withoutNormsTheRunIsTheSame(threads: Int, optimizer: OptimizerKind) throws {
    let settings: (inout Hyperparameters) -> Void = {
      $0.dropout = 0.1
      $0.l2 = optimizer == .nesterov ? 1e-3 : 0
    }
    let measured = try Self.trainer(
      threads: threads, optimizer: optimizer, split: true, configure: settings)
    let unmeasured = try Self.trainer(
      threads: threads, optimizer: optimizer, split: true, configure: settings)
    unmeasured.measuresGradientNorms = false
    for step in 0..<60 {
      let a = try measured.step()
      let b = try unmeasured.step()
      #expect(a.gradientNorms.count == 3 && b.gradientNorms.isEmpty, "step \(step)")
      #expect(b.updateNorms.map(\.bitPattern) == a.updateNorms.map(\.bitPattern), "step \(step)")
    }
    #expect(bits(unmeasured.history.stepLosses) == bits(measured.history.stepLosses), "batch losses")
    #expect(parameterBits(unmeasured.network) == parameterBits(measured.network), "weights")
  }

  /// Without gradient norms, a step of the velocity or plain optimiser (without L1) updates the
  /// weights as it computes their gradients; with norms, Adam, L1 or a gradient that might
  /// overflow, it does not.
  @Test(arguments: [1, 2, 3])
  func aStepWithoutNormsIsFused(threads: Int) throws {
    func fused(
      norms: Bool, _ optimizer: OptimizerKind = .momentum, scales: [(Int, Float)] = [],
      configure: (inout Hyperparameters) -> Void = { _ in }
    ) throws -> Bool {
      let t = try Self.trainer(threads: threads, optimizer: optimizer, configure: configure)
      let parameters = t.network.parameters
      for (index, scale) in scales {
        parameters[index].value.values = parameters[index].value.values.map { $0 * scale }
      }
      let step = ParallelStep(network: t.network)
      var dropout = SeededGenerator(seed: 2)
      var state = OptimizerState()
      let pool = threads > 1 ? WorkerPool(size: threads) : nil
      let batch = Array(0..<32)
      guard case .classes(let classes, _) = Self.data.labels else { return false }
      return step.run(
        batch: batch, of: Self.data, labels: batch.map { classes[$0] }, pool: pool, threads: threads,
        dropout: &dropout, state: &state, hyper: t.hyper, norms: norms
      ).fused
    }
    #expect(try fused(norms: false))
    #expect(try fused(norms: false, .sgd))
    #expect(try fused(norms: false, .nesterov) { $0.l2 = 1e-3 })
    #expect(try !fused(norms: true))
    #expect(try !fused(norms: false, .adam))
    #expect(try !fused(norms: false) { $0.l1 = 1e-4 })
    let overflowing: [(Int, Float)] = [(0, 1e-25), (2, 1e20), (4, 1e20)]
    #expect(
      try !fused(norms: false, scales: overflowing),
      "the first layer's gradient overflows (as in `aRefusedStepReportsTheSameGradient`)")
  }

  /// The bound on a layer's gradients: n·max|x|·max|g| and n·max|g| below a quarter of the
  /// largest float, ∞ and NaN failing it.
  @Test func theGradientBound() {
    func holds(_ x: Float, _ g: Float) -> Bool { ParallelStep.gradientsStayFinite(batch: 32, x: x, g: g) }
    let limit = Float.greatestFiniteMagnitude / 4
    #expect(holds(1, 1) && holds(100, 0.5))
    #expect(holds(limit / 33, 1))
    #expect(!holds(limit / 31, 1))
    #expect(!holds(1, limit / 31))
    #expect(!holds(.infinity, 0))
    #expect(!holds(0, .infinity))
    #expect(!holds(.nan, 1))
    #expect(holds(0, 1e30))
  }

  /// Clipping needs the norms: they are measured whatever the trainer was told.
  @Test func clippingMeasuresTheNormsAnyway() throws {
    let measured = try Self.trainer(threads: 2) { $0.clipNorm = 0.5 }
    let unmeasured = try Self.trainer(threads: 2) { $0.clipNorm = 0.5 }
    unmeasured.measuresGradientNorms = false
    for _ in 0..<10 {
      let a = try measured.step()
      let b = try unmeasured.step()
      #expect(b.gradientNorms.map(\.bitPattern) == a.gradientNorms.map(\.bitPattern))
      #expect(b.clipScale.bitPattern == a.clipScale.bitPattern)
    }
    #expect(parameterBits(unmeasured.network) == parameterBits(measured.network), "weights")
  }

  /// Tiny first-layer weights and huge later ones: a finite loss whose backward pass overflows
  /// in the first layer's gradient. The step is refused and reported the same way, norms
  /// measured or not (an unmeasured step measures them once refused), and no weight changes.
  @Test(arguments: [1, 2, 3])
  func aRefusedStepReportsTheSameGradient(threads: Int) throws {
    var seen: [(quantity: Divergence.Quantity?, value: UInt64?, weights: [[UInt32]])] = []
    var firstWeights = ""
    for measures in [true, false] {
      let t = try Self.trainer(threads: threads, optimizer: .sgd, split: true)
      t.measuresGradientNorms = measures
      let parameters = t.network.parameters
      firstWeights = parameters[0].name
      for (index, scale) in [(0, Float(1e-25)), (2, 1e20), (4, 1e20)] {
        parameters[index].value.values = parameters[index].value.values.map { $0 * scale }
      }
      let before = parameterBits(t.network)
      #expect(throws: EngineError.self) { try t.step() }
      #expect(parameterBits(t.network) == before, "a refused step changes no weight")
      seen.append((t.divergence?.quantity, t.divergence?.value.bitPattern, before))
    }
    #expect(seen[0].quantity == .gradient(parameter: firstWeights))
    #expect(seen[1].quantity == seen[0].quantity)
    #expect(seen[1].value == seen[0].value)
    #expect(seen[1].weights == seen[0].weights)
  }

  @Test(arguments: [1, 2])
  func aDivergingSplitRunStopsAndKeepsItsWeights(threads: Int) throws {
    let t = try Self.trainer(threads: threads, optimizer: .sgd, split: true)
    var h = t.hyper
    h.learningRate = 1e30
    try t.setHyperparameters(h)
    var before = parameterBits(t.network)
    var stopped: Divergence?
    for _ in 0..<20 {
      do {
        before = parameterBits(t.network)
        try t.step()
      } catch {
        stopped = t.divergence
        break
      }
    }
    #expect(stopped != nil, "a learning rate of 1e30 diverges within 20 steps")
    switch stopped?.quantity {
    case .loss?, .gradient?:
      #expect(parameterBits(t.network) == before, "a non-finite loss or gradient changes no weight")
    default:
      break
    }
  }
}

@Suite struct WorkerPoolTests {
  @Test func everyIndexRunsOnce() throws {
    let pool = try #require(WorkerPool(size: 3))
    var counts = [Int](repeating: 0, count: 3)
    counts.withUnsafeMutableBufferPointer { c in
      for _ in 0..<1000 { pool.run { i in c[i] += 1 } }
    }
    #expect(counts == [1000, 1000, 1000])
  }

  /// No phase starts before the one before has ended on every thread: each index reads what
  /// every index wrote in the phase before, 500 times over.
  @Test(arguments: [2, 3])
  func phasesEndEverywhereBeforeTheNextStarts(size: Int) throws {
    let pool = try #require(WorkerPool(size: size))
    var written = [Int](repeating: 0, count: size)
    var seen = [Int](repeating: 0, count: size * 500)
    written.withUnsafeMutableBufferPointer { w in
      seen.withUnsafeMutableBufferPointer { s in
        for round in 0..<500 {
          pool.run(phases: 2, participants: size) { i, phase in
            if phase == 0 {
              w[i] = round + 1
            } else {
              s[round * size + i] = (0..<size).reduce(0) { $0 + w[$1] }
            }
          }
        }
      }
    }
    let expected = (0..<500).flatMap { round in [Int](repeating: (round + 1) * size, count: size) }
    #expect(seen == expected)
  }

  /// Participants that wait longer than they spin fall asleep, at the barriers and (the caller)
  /// at the end of the task, and are woken: one index per phase, a different one each time, is
  /// 300 µs late, with more threads than this machine may have cores. Every phase still sees
  /// every write of the phase before, and no wake-up is lost: the rounds run on a thread of
  /// their own, and a run that has not ended after a minute fails (its threads are left asleep).
  @Test func lateParticipantsWakeTheSleepers() throws {
    let size = 5
    let pool = try #require(WorkerPool(size: size))
    final class Rounds: @unchecked Sendable {
      var written = [Int](repeating: 0, count: 5)
      var seen = [Int](repeating: 0, count: 5 * 200)
    }
    let rounds = Rounds()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      rounds.written.withUnsafeMutableBufferPointer { w in
        rounds.seen.withUnsafeMutableBufferPointer { s in
          for round in 0..<100 {
            pool.run(phases: 3, participants: size) { i, phase in
              if i == (round + phase) % size { usleep(300) }
              let at = 2 * round * size
              switch phase {
              case 0: w[i] = round + 1
              case 1: s[at + i] = (0..<size).reduce(0) { $0 + w[$1] }
              default: s[at + size + i] = (0..<size).reduce(0) { $0 + s[at + $1] }
              }
            }
          }
        }
      }
      done.signal()
    }
    guard done.wait(timeout: .now() + 60) == .success else {
      Issue.record("the rounds did not end within a minute: a participant was never woken")
      _ = Unmanaged.passRetained(pool)  // NB: its threads are stuck; never join them
      return
    }
    var expected: [Int] = []
    for round in 1...100 {
      expected += [Int](repeating: round * size, count: size)
      expected += [Int](repeating: round * size * size, count: size)
    }
    #expect(rounds.seen == expected)
  }

  /// A task started while another runs on the same pool runs its indices on its own thread,
  /// phase by phase.
  @Test func aSecondCallerRunsItsPhasesInOrder() throws {
    let pool = try #require(WorkerPool(size: 2))
    var order: [String] = []
    pool.run { i in
      if i == 0 {
        pool.run(phases: 2, participants: 2) { j, phase in order.append("\(phase).\(j)") }
      }
    }
    #expect(order == ["0.0", "0.1", "1.0", "1.1"])
  }

  /// A task for fewer participants than the pool has runs those indices only, and its phases
  /// still wait for each other.
  @Test func fewerParticipantsThanThreads() throws {
    let pool = try #require(WorkerPool(size: 4))
    var counts = [Int](repeating: 0, count: 4)
    var sums = [Int](repeating: 0, count: 200)
    counts.withUnsafeMutableBufferPointer { c in
      sums.withUnsafeMutableBufferPointer { s in
        for round in 0..<200 {
          pool.run(phases: 2, participants: 2) { i, phase in
            if phase == 0 { c[i] += 1 } else if i == 1 { s[round] = c[0] + c[1] }
          }
        }
      }
    }
    #expect(counts == [200, 200, 0, 0])
    #expect(sums == (0..<200).map { 2 * ($0 + 1) })
  }

  /// A task started while another runs on the same pool runs its indices on its own thread.
  @Test func aSecondCallerRunsItsIndicesItself() throws {
    let pool = try #require(WorkerPool(size: 2))
    var outer = [Int](repeating: 0, count: 2)
    var inner = [Int](repeating: 0, count: 2)
    outer.withUnsafeMutableBufferPointer { o in
      inner.withUnsafeMutableBufferPointer { n in
        pool.run { i in
          o[i] += 1
          if i == 0 { pool.run { j in n[j] += 1 } }
        }
      }
    }
    #expect(outer == [1, 1])
    #expect(inner == [1, 1])
  }
}
