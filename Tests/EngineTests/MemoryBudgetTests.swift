@testable import Engine
import Testing

/// The memory budget: what it reads, and the one line it refuses with.
@Suite struct MemoryBudgetTests {
  static let machine = MemoryBudget(bytes: 16 << 30, origin: "physical memory")

  @Test func sizesWithSuffixes() {
    #expect(MemoryBudget.parseSize("4096") == 4096)
    #expect(MemoryBudget.parseSize("512K") == 512 * 1024)
    #expect(MemoryBudget.parseSize("4G") == 4 << 30)
    #expect(MemoryBudget.parseSize("1.5g") == 3 << 29)
    #expect(MemoryBudget.parseSize(" 2M ") == 2 << 20)
    #expect(MemoryBudget.parseSize("lots") == nil)
    #expect(MemoryBudget.parseSize("-1G") == nil)
    #expect(MemoryBudget.parseSize("") == nil)
  }

  @Test func theVariableReplacesTheMachinesFigure() {
    #expect(MemoryBudget.from(variable: nil, machine: Self.machine) == Self.machine)
    #expect(MemoryBudget.from(variable: "", machine: Self.machine) == Self.machine)
    let set = MemoryBudget.from(variable: "4G", machine: Self.machine)
    #expect(set == MemoryBudget(bytes: 4 << 30, origin: "MLTUTOR_MEMORY_LIMIT"))
    let bad = MemoryBudget.from(variable: "lots", machine: Self.machine)
    #expect(throws: EngineError.tooLarge(
      "MLTUTOR_MEMORY_LIMIT=lots is not a size: write bytes, or a number with K, M or G (for example 4G)"
    )) { try bad.check(1, for: "anything") }
  }

  @Test func theMachinesBudgetIsAFigure() {
    let budget = MemoryBudget.from(variable: nil, machine: MemoryBudget.machine)
    #expect((budget.bytes ?? 0) > 1 << 20, "physical memory at least: \(budget)")
  }

  @Test func refusalsSayWhatNeedsHowMuch() {
    let budget = MemoryBudget(bytes: 4 << 30, origin: "MLTUTOR_MEMORY_LIMIT")
    #expect(throws: EngineError.tooLarge(
      "model 2-1000000-2 with batch 1000000 needs 16.0 GB, more than the 4.0 GB this machine allows (MLTUTOR_MEMORY_LIMIT)"
    )) { try budget.check(16 << 30, for: "model 2-1000000-2 with batch 1000000") }
    #expect(throws: EngineError.tooLarge(
      "model 784-10 with batch 32 needs 3.0 GB; with the data's 2.0 GB that is more than the 4.0 GB this machine allows (MLTUTOR_MEMORY_LIMIT)"
    )) { try budget.check(3 << 30, for: "model 784-10 with batch 32", held: 2 << 30) }
    #expect(throws: Never.self) { try budget.check(4 << 30, for: "exactly the budget") }
    #expect(throws: EngineError.self) { try budget.check(.max, for: "no overflow", held: .max) }
  }

  @Test func byteCounts() {
    #expect(MemoryBudget.describe(512) == "512 bytes")
    #expect(MemoryBudget.describe(1536) == "1.5 KB")
    #expect(MemoryBudget.describe(4 << 30) == "4.0 GB")
    #expect(MemoryBudget.describe(48 << 40) == "48.0 TB")
  }
}

/// The estimates behind the budget, and the trainer's check with them.
@Suite struct MemoryEstimateTests {
  static let wide = Architecture(sizes: [2, 1_000_000, 2], task: .classification)

  @Test func aBatchCostsItsActivationsPerRow() {
    let one = MemoryEstimate.batch(Self.wide, rows: 1)
    #expect(one >= 12 * 1_000_000 * 4, "every hidden unit's values and gradients: \(one)")
    #expect(MemoryEstimate.batch(Self.wide, rows: 1_000_000) == one * 1_000_000)
    let huge = Architecture(sizes: [1_000_000, 1_000_000, 1_000_000], task: .regression)
    #expect(MemoryEstimate.batch(huge, rows: .max) == .max, "saturates rather than overflowing")
  }

  @Test func theOptimizersStateCounts() {
    let a = Architecture(sizes: [784, 128, 10], task: .classification)
    let parameters = a.parameterCount * 4
    #expect(MemoryEstimate.model(a, optimizer: .sgd) == 2 * parameters)
    #expect(MemoryEstimate.model(a, optimizer: .momentum) == 3 * parameters)
    #expect(MemoryEstimate.model(a, optimizer: .adam) == 4 * parameters)
  }

  @Test func evaluationSharesChunksOutOnlyWhenThereAreSeveral() {
    let a = Architecture(sizes: [784, 128, 10], task: .classification)
    let one = MemoryEstimate.evaluation(a, threads: 16, examples: 500)
    let many = MemoryEstimate.evaluation(a, threads: 16, examples: 100_000)
    #expect(one < many, "500 examples are one chunk on one thread: \(one) < \(many)")
    #expect(many >= 15 * a.parameterCount * 8, "each other thread copies the weights: \(many)")
  }

  @Test func evaluationTakesFewerRowsOfAWideModel() {
    #expect(MemoryEstimate.evaluationChunk(Architecture(sizes: [784, 128, 10], task: .classification)) == 1000)
    let rows = MemoryEstimate.evaluationChunk(Architecture(sizes: [1, 1_000_000, 1], task: .regression))
    #expect(rows >= 1 && rows < 10, "\(rows)")
    #expect(rows * (2_000_000 + 4) * 4 <= MemoryEstimate.evaluationChunkBytes)
  }

  @Test func theTrainerRefusesBeforeAllocating() throws {
    let examples = Fixtures.classification([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], classes: 2)
    let budget = MemoryBudget(bytes: 1 << 30, origin: "MLTUTOR_MEMORY_LIMIT")
    let hyper = Fixtures.hyper(lr: 0.1, batch: 1_000_000)
    // Four examples make a batch of four rows, whatever the batch size asks for.
    #expect(throws: Never.self) {
      try Trainer.checkMemory(Self.wide, runs: [hyper], train: examples, test: nil, budget: budget)
    }
    let tiny = MemoryBudget(bytes: 100 << 20, origin: "MLTUTOR_MEMORY_LIMIT")
    let refusal = #expect(throws: EngineError.self) {
      try Trainer.checkMemory(Self.wide, runs: [hyper], train: examples, test: nil, budget: tiny)
    }
    let message = refusal?.description ?? ""
    #expect(message.hasPrefix("model 2-1000000-2 with batch 1000000 needs "), "\(message)")
    #expect(message.hasSuffix(", more than the 100.0 MB this machine allows (MLTUTOR_MEMORY_LIMIT)"), "\(message)")
    #expect(throws: EngineError.self) {
      try Trainer.checkMemory(Self.wide, runs: Array(repeating: hyper, count: 5), train: examples, test: nil, budget: budget)
    }
  }
}
