@testable import Engine
import Testing

/// Residual blocks and batch normalisation: how a spec reads, what a network holds, and how
/// checkpoints, resets and forks carry the running statistics.
@Suite struct BlocksTests {
  static func parse(_ spec: String) throws -> Architecture {
    try Architecture.parse(spec, activation: .sigmoid, task: .classification, inputs: 784, outputs: 10)
  }

  static func problem(_ spec: String) -> String? {
    do {
      _ = try parse(spec)
      return nil
    } catch {
      return String(describing: error)
    }
  }

  @Test func specsRead() throws {
    let plain = try Self.parse("784-64x8-10")
    #expect(plain.sizes == [784] + Array(repeating: 64, count: 8) + [10])
    #expect(plain.blocks == .plain && plain.specText == plain.sizesText)
    let residual = try Self.parse(" 784-64x8-10  residual ")
    #expect(residual.blocks == .residual && residual.sizes == plain.sizes)
    #expect(residual.specText == "784-64-64-64-64-64-64-64-64-10 residual")
    #expect(try Self.parse("784-32-16x2-10 BatchNorm").sizes == [784, 32, 16, 16, 10])
    #expect(try Self.parse("784-32-16x2-10 batchnorm").blocks == .batchnorm)
  }

  @Test func badSpecsSayWhy() {
    #expect(Self.problem("784-64x0-10")?.contains("the count after x is 1 to 100") == true)
    #expect(Self.problem("784-64x101-10")?.contains("the count after x is 1 to 100") == true)
    #expect(Self.problem("784-64xx2-10")?.contains("is not a model") == true)
    let deep = "784-" + String(repeating: "8x100-", count: 11) + "10"
    #expect(Self.problem(deep)?.contains("1,101 layers is more than the limit of 1,000") == true, "\(Self.problem(deep) ?? "-")")
    #expect(Self.problem("784-64-10 skip")?.contains("'skip' is not a kind of block") == true)
    #expect(Self.problem("784-10 batchnorm")?.contains("batch normalisation acts on hidden layers") == true)
    #expect(Self.problem("linear residual")?.contains("residual blocks join two hidden layers") == true)
    // 784 → 64 → 32 → 10: no two hidden layers of the same width in a row.
    #expect(Self.problem("784-64-32-10 residual")?.contains("residual blocks join two hidden layers") == true)
  }

  static func network(_ spec: String, activation: Activation = .sigmoid, seed: UInt64 = 3) throws -> Network {
    var g = SeededGenerator(seed: seed)
    let a = try Architecture.parse(spec, activation: activation, task: .classification, inputs: 784, outputs: 10)
    return try Network(a, initializer: .xavier, generator: &g)
  }

  /// 784·64 + 64, seven 64·64 + 64 and 64·10 + 10 weights and biases: 80,010; batch
  /// normalisation adds a scale and a shift per hidden unit, 2 · 8 · 64 = 1,024, and keeps its
  /// running statistics outside the parameters.
  @Test func parameterCountsIncludeScaleAndShift() throws {
    let plain = try Self.network("784-64x8-10")
    let residual = try Self.network("784-64x8-10 residual")
    let normalised = try Self.network("784-64x8-10 batchnorm")
    #expect(plain.parameterCount == 80_010 && plain.architecture.parameterCount == 80_010)
    #expect(residual.parameterCount == 80_010 && residual.architecture.parameterCount == 80_010)
    #expect(normalised.parameterCount == 81_034 && normalised.architecture.parameterCount == 81_034)
    #expect(normalised.statistics.count == 16 && normalised.statistics.allSatisfy { $0.count == 64 })
    #expect(residual.statistics.isEmpty)
    #expect(residual.denseLayers.count == 9 && normalised.denseLayers.count == 9)
    #expect(residual.layers.filter { $0 is ResidualBlock }.count == 7, "every 64→64 layer")
    #expect(normalised.batchNorms.count == 8)
    #expect(normalised.parameterLayers == (0..<9).flatMap { $0 < 8 ? [$0, $0, $0, $0] : [$0, $0] })
  }

  @Test func summariesNameTheBlocks() throws {
    let residual = try Self.network("784-64-64-10 residual")
    #expect(
      residual.summary == [
        "Dense 784→64 (50,240 parameters)", "Sigmoid", "Dropout (rate 0.0)",
        "Residual 64→64: x + Sigmoid(x·W + b) (4,160 parameters)", "Dropout (rate 0.0)",
        "Dense 64→10 (650 parameters)", "55,050 parameters in all",
      ])
    #expect(residual.description == "784-64-64-10 sigmoid residual (55,050 parameters)")
    let normalised = try Self.network("784-64-10 batchnorm")
    #expect(
      normalised.summary == [
        "Dense 784→64 (50,240 parameters)",
        "BatchNorm 64 (128 parameters: scale and shift; running mean and variance)", "Sigmoid",
        "Dropout (rate 0.0)", "Dense 64→10 (650 parameters)", "51,018 parameters in all",
      ])
  }

  @Test func aDeepStackIsListedOnceWithItsCount() throws {
    #expect(
      try Self.network("784-64x8-10 batchnorm").summary == [
        "Dense 784→64 (50,240 parameters)",
        "BatchNorm 64 (128 parameters: scale and shift; running mean and variance)", "Sigmoid",
        "Dropout (rate 0.0)", "7 times:", "  Dense 64→64 (4,160 parameters)",
        "  BatchNorm 64 (128 parameters: scale and shift; running mean and variance)", "  Sigmoid",
        "  Dropout (rate 0.0)", "Dense 64→10 (650 parameters)", "81,034 parameters in all",
      ])
    // Two in a row stay as they are.
    #expect(try Self.network("784-64x3-10").summary.count == 3 * 3 + 1 + 1)
  }

  /// Batch statistics in training, running statistics at inference, moved by momentum 0.1.
  @Test func batchNormForwardByHand() {
    let norm = BatchNorm(width: 2, index: 1)
    let x = Matrix([[1, 10], [3, 10], [5, 16]])
    var mode = ForwardMode.training(SeededGenerator(seed: 1))
    let y = norm.forward(x, mode: &mode)
    // Column 0: mean 3, biased variance 8/3; column 1: mean 12, variance 8.
    let expected: [[Double]] = [[-2, -2], [0, -2], [2, 4]].map { r in
      [r[0] / (8.0 / 3 + 1e-5).squareRoot(), r[1] / (8 + 1e-5).squareRoot()]
    }
    for r in 0..<3 {
      for c in 0..<2 { expectClose(Double(y[r, c]), expected[r][c], absolute: 1e-5, "y[\(r), \(c)]") }
    }
    // Running mean 0.1·mean; running variance 0.9 + 0.1 · (unbiased variance 4 and 12).
    expectClose(Double(norm.runningMean[0, 0]), 0.3, absolute: 1e-6, "running mean 0")
    expectClose(Double(norm.runningMean[0, 1]), 1.2, absolute: 1e-6, "running mean 1")
    expectClose(Double(norm.runningVariance[0, 0]), 1.3, absolute: 1e-6, "running variance 0")
    expectClose(Double(norm.runningVariance[0, 1]), 2.1, absolute: 1e-6, "running variance 1")
    var inference = ForwardMode.inference
    let z = norm.forward(Matrix(rows: 1, cols: 2, values: norm.runningMean.values), mode: &inference)
    #expect(z.values == [0, 0], "the running mean maps to the shift, 0")
  }

  static func trainer(_ spec: String, seed: UInt64 = 4) throws -> Trainer {
    let data = Fixtures.blobs(count: 96, features: 12, classes: 3, seed: 9)
    let a = try Architecture.parse(spec, activation: .tanh, task: .classification, inputs: 12, outputs: 3)
    return try Trainer(
      architecture: a, initializer: .xavier, hyper: Fixtures.hyper(lr: 0.1, batch: 16), seed: seed, train: data)
  }

  static func statisticBits(_ n: Network) -> [[UInt32]] { n.statistics.map { bits($0.values) } }

  @Test func checkpointsResetsAndForksCarryTheRunningStatistics() throws {
    let t = try Self.trainer("12-8x3-3 batchnorm")
    for _ in 0..<5 { try t.step() }
    let saved = t.checkpoint()
    let atFive = Self.statisticBits(t.network)
    let fork = t.fork()
    #expect(Self.statisticBits(fork.network) == atFive, "a fork starts with the same statistics")
    for _ in 0..<5 { try t.step() }
    #expect(Self.statisticBits(t.network) != atFive, "training moves them")
    #expect(Self.statisticBits(fork.network) == atFive, "a fork's are its own")
    let after = (parameterBits(t.network), Self.statisticBits(t.network))
    t.restore(saved)
    #expect(Self.statisticBits(t.network) == atFive, "a restore puts them back")
    for _ in 0..<5 { try t.step() }
    #expect(parameterBits(t.network) == after.0 && Self.statisticBits(t.network) == after.1, "replay is exact")
    t.reset()
    let fresh = try Self.trainer("12-8x3-3 batchnorm")
    #expect(parameterBits(t.network) == parameterBits(fresh.network), "reset: scale 1, shift 0")
    #expect(Self.statisticBits(t.network) == Self.statisticBits(fresh.network), "reset: mean 0, variance 1")
  }

  @Test func stepReportsOneNormPerDenseLayer() throws {
    for spec in ["12-8x3-3 batchnorm", "12-8x3-3 residual"] {
      let report = try Self.trainer(spec).step()
      #expect(report.gradientNorms.count == 4 && report.updateNorms.count == 4, "\(spec)")
      #expect(report.gradientNorms.allSatisfy { $0 > 0 && $0.isFinite }, "\(spec)")
    }
  }

  /// The same eight-layer sigmoid network trained alike, plain, residual and batch-normalised:
  /// the plain stack's first layer gets a gradient at least ten times smaller than either cure's
  /// (measured on these blobs: around 10⁻⁵ against 10⁻¹; lesson 9 shows it on the digits).
  @Test func bothCuresLetTheGradientReachTheFirstLayer() throws {
    let data = Fixtures.blobs(count: 320, features: 784, classes: 10, seed: 5)
    var norms: [Blocks: Double] = [:]
    for blocks in Blocks.allCases {
      let a = try Architecture.parse(
        "784-64x8-10 \(blocks.rawValue)", activation: .sigmoid, task: .classification, inputs: 784, outputs: 10)
      let t = try Trainer(
        architecture: a, initializer: .xavier, hyper: Fixtures.hyper(lr: 0.1, batch: 32), seed: 0, train: data)
      var first = 0.0
      for _ in 0..<20 { first = try t.step().gradientNorms[0] }
      norms[blocks] = first
    }
    let plain = try #require(norms[.plain])
    let residual = try #require(norms[.residual])
    let normalised = try #require(norms[.batchnorm])
    print("first-layer gradient norms after 20 steps: plain \(plain), residual \(residual), batchnorm \(normalised)")
    #expect(plain > 0 && 10 * plain <= residual, "plain \(plain), residual \(residual)")
    #expect(10 * plain <= normalised, "plain \(plain), batchnorm \(normalised)")
  }
}
