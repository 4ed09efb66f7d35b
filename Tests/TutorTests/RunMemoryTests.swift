import Engine
import Testing

@testable import Tutor

/// A session's runs hold bounded memory however long they train, and still rewind exactly.
@Suite struct RunMemoryTests {
  let helper = SessionTests()

  func weightBits(_ s: Session) -> [[UInt32]] {
    s.trainer?.network.parameters.map { $0.value.values.map(\.bitPattern) } ?? []
  }

  @Test func longTrainingKeepsCheckpointsAndHistoryBounded() throws {
    let s = helper.session()
    helper.run(s, ["data xor", "model 2-8-2", "set optimizer adam", "train 100000 steps"])
    let run = try #require(s.run)
    let rewinder = run.rewinder
    #expect(rewinder.checkpointSteps.count <= Rewinder.maximumCount)
    #expect(rewinder.checkpointBytes <= Session.checkpointBudget)
    #expect(run.trainer.history.stepLosses.count < 2 * LossTrace.exactSteps)
    #expect(run.trainer.history.stepCount == 100_000)
    #expect(run.trainer.history.evaluations.count < 2 * EvaluationTrace.exactCount)
    // 200 examples in batches of 32: seven steps an epoch, each ended by an evaluation.
    #expect(run.trainer.history.evaluationCount == 100_000 / 7)
  }

  @Test func rewindAcrossWeightsAndSettingsSetByHandIsExact() throws {
    let script = [
      "data apartments scale=standard", "model linear", "set w 3", "set lr 0.01", "train 9000 steps",
      "set b -2", "set batch 5", "train 3000 steps", "set lr 0.002", "set optimizer adam",
      "train 9000 steps",
    ]
    let s = helper.session()
    helper.run(s, script)
    #expect(s.trainer?.steps == 21_000)
    // Back to 10,000: between `set b` and `set lr 0.002`, and far behind the checkpoints
    // taken when they were made.
    let out = helper.text(helper.run(s, ["rewind 11000"]))
    #expect(out == "rewound 11000 steps: now at step 10000")
    let straight = helper.session()
    helper.run(straight, Array(script.prefix(7)) + ["train 1000 steps"])
    #expect(weightBits(s) == weightBits(straight))
    #expect(s.trainer?.hyper == straight.trainer?.hyper)
    #expect(s.trainer?.history.markers == straight.trainer?.history.markers)
    #expect(s.trainer?.history.lastLoss == straight.trainer?.history.lastLoss)
    // And on from there, the same numbers.
    helper.run(s, ["train 777 steps"])
    helper.run(straight, ["train 777 steps"])
    #expect(weightBits(s) == weightBits(straight))
    // Back before the first change by hand: `set w 3` is kept, being made at step 0.
    helper.run(s, ["rewind 99999"])
    let start = helper.session()
    helper.run(start, Array(script.prefix(4)))
    #expect(weightBits(s) == weightBits(start))
    #expect(s.trainer?.hyper == start.trainer?.hyper)
  }

  @Test func runsAreCappedAndShareTheCheckpointBudget() throws {
    let s = helper.session()
    helper.run(s, ["data xor", "model 2-8-2"])
    for i in 1..<Session.maximumRuns { helper.run(s, ["fork r\(i)"]) }
    let refused = helper.text(helper.run(s, ["fork one-more"], errorsAllowed: true))
    #expect(refused.hasPrefix("error: there are already 16 runs"), "\(refused)")
    #expect(s.runNames.count == Session.maximumRuns)
    let runs = s.runNames.compactMap { name in s.execute(line: "use \(name)").isEmpty ? nil : s.run }
    #expect(runs.count == Session.maximumRuns)
    // The last `use` made the last run current: it has three quarters, the others share the rest.
    let budgets = runs.map(\.checkpointBudget)
    #expect(budgets.reduce(0, +) <= Session.checkpointBudget)
    #expect(s.run?.checkpointBudget == Session.checkpointBudget / 4 * 3)
    helper.run(s, ["model 2-4-2"])
    #expect(s.run?.checkpointBudget == Session.checkpointBudget, "alone again, a run has it all")
  }
}
