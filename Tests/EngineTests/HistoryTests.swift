import Testing

@testable import Engine

/// The history's memory stays bounded over long runs, its latest part exact and its older
/// part thinned into buckets with exact lowest and highest values.
@Suite struct HistoryTests {
  /// A noisy, slowly falling loss per step, reproducible.
  static func losses(_ n: Int, seed: UInt64 = 7) -> [Float] {
    var g = SeededGenerator(seed: seed)
    return (0..<n).map { i in 2 / Float(1 + i / 500) + g.uniform(0, 0.5) }
  }

  static func trace(_ losses: [Float]) -> LossTrace {
    var t = LossTrace()
    for (i, loss) in losses.enumerated() { t.append(loss, step: i + 1) }
    return t
  }

  /// Every step recorded is accounted for: buckets and the exact part cover steps 1…n in
  /// order, each bucket with the exact lowest and highest of its steps.
  static func expectFaithful(_ t: LossTrace, to raw: [Float], _ context: String = "") {
    #expect(t.count == raw.count, "count \(t.count) for \(raw.count) steps \(context)")
    var next = 1
    for b in t.buckets {
      #expect(b.firstStep == next, "bucket starts at \(b.firstStep), expected \(next) \(context)")
      let range = raw[(b.firstStep - 1)..<b.lastStep]
      #expect(b.count == range.count)
      #expect(b.lowest == range.min() && raw[b.lowestStep - 1] == b.lowest, "\(context)")
      #expect(b.highest == range.max() && raw[b.highestStep - 1] == b.highest, "\(context)")
      #expect(b.last == raw[b.lastStep - 1])
      next = b.lastStep + 1
    }
    #expect(t.exactFirstStep == next || t.exact.isEmpty, "\(context)")
    #expect(bits(t.exact) == bits(Array(raw[(next - 1)...])), "the latest losses are exact \(context)")
    #expect(bits(t.head) == bits(Array(raw.prefix(LossTrace.headSteps))))
    #expect(t.last == raw.last)
  }

  @Test func aMillionStepsFitInAFixedSpaceWithExactBuckets() {
    let raw = Self.losses(1_000_003)
    let t = Self.trace(raw)
    Self.expectFaithful(t, to: raw)
    #expect(t.buckets.count <= LossTrace.maximumBuckets)
    #expect(t.exact.count >= LossTrace.exactSteps && t.exact.count < 2 * LossTrace.exactSteps)
    let bytes = t.buckets.count * MemoryLayout<LossTrace.Bucket>.stride + t.exact.count * 4
    #expect(bytes < 100_000, "\(bytes) bytes for a million steps")
    #expect(!t.isWhole)
  }

  @Test func shortRunsAreKeptWhole() {
    let raw = Self.losses(2 * LossTrace.exactSteps - 1)
    let t = Self.trace(raw)
    #expect(t.isWhole && t.buckets.isEmpty)
    #expect(bits(t.exact) == bits(raw))
  }

  @Test func cuttingAtAnExactCutLosesNothingBeforeIt() {
    let raw = Self.losses(200_000)
    let full = Self.trace(raw)
    for step in [0, 1, 15, 16, 17, 9_999, 100_000, 150_001, 195_000, 199_999] {
      let cut = full.exactCut(atOrBefore: step)
      #expect(cut <= step)
      var t = full
      t.truncate(toStep: cut)
      Self.expectFaithful(t, to: Array(raw.prefix(cut)), "cut at \(cut) for \(step)")
      // Appending the steps after the cut gives a faithful trace of the longer run again.
      for s in (cut + 1)...(step + 1) { t.append(raw[s - 1], step: s) }
      Self.expectFaithful(t, to: Array(raw.prefix(step + 1)), "regrown to \(step + 1)")
    }
    // The latest steps are cut exactly where asked.
    #expect(full.exactCut(atOrBefore: 199_000) == 199_000)
  }

  static func evaluation(step: Int, test: Double?) -> History.Evaluated {
    let train = Evaluation(examples: 10, loss: 1, accuracy: 0.5, rmse: nil, r2: nil)
    return History.Evaluated(
      step: step, epoch: step, train: train,
      test: test.map { Evaluation(examples: 5, loss: $0, accuracy: nil, rmse: nil, r2: nil) })
  }

  static func evaluations(_ testLosses: [Double?]) -> EvaluationTrace {
    var t = EvaluationTrace()
    for (i, loss) in testLosses.enumerated() { t.append(evaluation(step: 10 * (i + 1), test: loss)) }
    return t
  }

  /// How many values come after the lowest (the first lowest on ties).
  static func sinceLowest(_ losses: [Double]) -> Int {
    guard let lowest = losses.indices.min(by: { losses[$0] < losses[$1] }) else { return 0 }
    return losses.count - 1 - lowest
  }

  @Test func epochsSinceTheLowestTestLoss() {
    #expect(Self.evaluations([]).testsSinceLowest == 0)
    #expect(Self.evaluations([3, 2, 1]).testsSinceLowest == 0)
    #expect(Self.evaluations([3, 1, 2, 4, 5]).testsSinceLowest == 3)
    #expect(Self.evaluations([2, 1, 3, 1, 4]).testsSinceLowest == 3, "the first lowest counts")
    #expect(Self.evaluations([2, nil, 1, nil, 3]).testsSinceLowest == 1, "only evaluations with a test loss count")
  }

  @Test func thinnedEvaluationsKeepTheirCountTheBestAndTheExtremes() {
    var g = SeededGenerator(seed: 11)
    for n in [100, 1_023, 1_024, 5_000, 300_001] {
      // A falling test loss with noise, its lowest somewhere in the thinned part for the
      // larger n, and some evaluations without a test loss.
      let losses: [Double?] = (0..<n).map { i in
        i % 7 == 3 ? nil : Double(g.uniform(0, 1)) + (i == n / 3 ? -5 : 0)
      }
      let t = Self.evaluations(losses)
      #expect(t.count == n)
      #expect(t.testsSinceLowest == Self.sinceLowest(losses.compactMap { $0 }), "n = \(n)")
      #expect(t.buckets.count <= EvaluationTrace.maximumBuckets)
      #expect(t.exact.count < 2 * EvaluationTrace.exactCount)
      #expect(t.exact.map(\.step) == Array(((n - t.exact.count + 1)...n).map { 10 * $0 }))
      for b in t.buckets {
        let inside = losses[(b.firstStep / 10 - 1)..<(b.lastStep / 10)].compactMap { $0 }
        #expect(b.lowestTest?.test?.loss == inside.min())
        #expect(b.highestTest?.test?.loss == inside.max())
      }
    }
  }

  @Test func cuttingEvaluationsAtAnExactCut() {
    let losses: [Double?] = (0..<5_000).map { Double(($0 * 7919) % 1000) }
    let full = Self.evaluations(losses)
    for step in [0, 5, 10, 12_345, 30_000, 49_990] {
      let cut = full.exactCut(atOrBefore: step)
      var t = full
      t.truncate(toStep: cut)
      let kept = Array(losses.prefix(cut / 10))
      #expect(t.count == kept.count, "cut at \(cut) for \(step)")
      #expect(t.testsSinceLowest == Self.sinceLowest(kept.compactMap { $0 }))
    }
  }

  @Test func aTrainersHistoryStaysBoundedOverAHundredThousandSteps() throws {
    let data = CheckpointTests.data
    let trainer = try Trainer(
      architecture: Architecture(sizes: [4, 3], activation: .relu, task: .classification),
      initializer: .xavier, hyper: Fixtures.hyper(lr: 0.05, batch: 60), seed: 2, train: data)
    var raw: [Float] = []
    for _ in 0..<100_000 {
      let report = try trainer.step()
      raw.append(Float(report.lossBefore))
      trainer.evaluate()
    }
    #expect(trainer.history.stepLosses.count < 2 * LossTrace.exactSteps)
    #expect(trainer.history.evaluations.count < 2 * EvaluationTrace.exactCount)
    #expect(trainer.history.evaluationCount == 100_000)
    Self.expectFaithful(trainer.history.losses, to: raw)
  }
}
