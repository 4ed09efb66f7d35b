@testable import Engine
import Foundation
import Testing

/// Every kernel path this machine has, and every thread count, computes the same bits.
///
/// NB: these tests switch the process's kernel path, so they run one at a time; other suites
/// running meanwhile compute the same bits on any path, which is the point.
@Suite(.serialized) struct KernelPathTests {
  static let paths = KernelPath.available

  /// Runs `body` on `path`, then goes back to the path that was in use.
  static func on<R>(_ path: KernelPath, _ body: () throws -> R) throws -> R {
    let previous = KernelPath.current
    try KernelPath.use(path)
    defer { try? KernelPath.use(previous) }
    return try body()
  }

  @Test func thePortablePathIsAlwaysThere() {
    #expect(KernelPath.portable.isAvailable)
    #expect(Self.paths.contains(.portable))
  }

  /// Random shapes, strides and start values, both transposes: every path against the
  /// definition (start, then `fmaf` over k in ascending order), bit for bit.
  @Test func productsAreTheDefinitionOnEveryPath() throws {
    var g = SeededGenerator(seed: 21)
    for trial in 0..<200 {
      let m = 1 + Int(g.next() % 40)
      let n = 1 + Int(g.next() % 70)
      let k = Int(g.next() % 60)
      let (ta, tb, accumulate) = (g.next() % 2 == 1, g.next() % 2 == 1, g.next() % 2 == 1)
      let a = Matrix(rows: ta ? k : m, cols: ta ? m : k, values: (0..<(m * k)).map { _ in g.uniform(-2, 2) })
      let b = Matrix(rows: tb ? n : k, cols: tb ? k : n, values: (0..<(k * n)).map { _ in g.uniform(-2, 2) })
      let start = Matrix(rows: m, cols: n, values: (0..<(m * n)).map { _ in g.uniform(-1, 1) })
      var expected = start
      for i in 0..<m {
        for j in 0..<n {
          var c: Float = accumulate ? start[i, j] : 0
          for p in 0..<k { c = fmaf(ta ? a[p, i] : a[i, p], tb ? b[j, p] : b[p, j], c) }
          expected[i, j] = c
        }
      }
      for path in Self.paths {
        var c = start
        try Self.on(path) {
          MatrixProduct.gemm(a, transposeA: ta, b, transposeB: tb, into: &c, accumulate: accumulate)
        }
        #expect(
          c.values.map(\.bitPattern) == expected.values.map(\.bitPattern),
          "trial \(trial), \(path): \(m)×\(n)×\(k) ta \(ta) tb \(tb) accumulate \(accumulate)")
      }
    }
  }

  /// A product that also sums each row's squares: the same C as without, and each row's Σc²
  /// the same bits as the definition (`definedSumOfSquares`), on every path, for row counts on
  /// either side of the blocks it works in.
  @Test func rowSquaresComeWithTheProductOnEveryPath() throws {
    var g = SeededGenerator(seed: 22)
    for trial in 0..<60 {
      let m = 1 + Int(g.next() % 40)
      let n = 1 + Int(g.next() % 70)
      let k = Int(g.next() % 50)
      let (ta, tb) = (g.next() % 2 == 1, g.next() % 2 == 1)
      let a = (0..<(m * k)).map { _ in g.uniform(-2, 2) }
      let b = (0..<(k * n)).map { _ in g.uniform(-2, 2) }
      for path in Self.paths {
        var plain = [Float](repeating: 0, count: m * n)
        var fused = [Float](repeating: 0, count: m * n)
        var squares = [Double](repeating: .nan, count: m)
        try Self.on(path) {
          MatrixProduct.gemm(
            transposeA: ta, transposeB: tb, m: m, n: n, k: k, a, lda: ta ? m : k, b, ldb: tb ? k : n,
            &plain, ldc: n, accumulate: false)
          MatrixProduct.gemm(
            transposeA: ta, transposeB: tb, m: m, n: n, k: k, a, lda: ta ? m : k, b, ldb: tb ? k : n,
            &fused, ldc: n, accumulate: false, rowSquares: &squares)
        }
        let expected = (0..<m).map { r in Self.definedSumOfSquares(plain[(r * n)..<(r * n + n)]) }
        #expect(
          fused.map(\.bitPattern) == plain.map(\.bitPattern)
            && squares.map(\.bitPattern) == expected.map(\.bitPattern),
          "trial \(trial), \(path): \(m)×\(n)×\(k) ta \(ta) tb \(tb)")
        let whole = plain.withUnsafeBufferPointer {
          MatrixProduct.sumOfSquares(rows: m, width: n, $0.baseAddress!)
        }
        #expect(whole.bitPattern == expected.reduce(0, +).bitPattern, "trial \(trial), \(path)")
      }
    }
  }

  /// A product that checks its result: the same C as without, and true exactly when every
  /// element of C is finite: here a row overflows (3e38·b + 3e38·b with b ≥ 0.6), or is NaN, or is
  /// infinite from an infinite operand, at rows on either side of the blocks it checks in.
  @Test func finiteCheckComesWithTheProductOnEveryPath() throws {
    var g = SeededGenerator(seed: 23)
    for trial in 0..<60 {
      let m = 1 + Int(g.next() % 40)
      let n = 1 + Int(g.next() % 40)
      let k = 1 + Int(g.next() % 30)
      var a = (0..<(m * k)).map { _ in g.uniform(-2, 2) }
      let b = (0..<(k * n)).map { _ in g.uniform(0.6, 1) }
      let spoil = trial % 4  // 0: none, 1: overflow, 2: NaN, 3: infinity
      let row = Int(g.next() % UInt64(m))
      if spoil > 0 {
        for p in 0..<k { a[row * k + p] = 0 }
        a[row * k] = [0, 3e38, .nan, .infinity][spoil]
        if spoil == 1 { a[row * k + k - 1] = 3e38 }
      }
      for path in Self.paths {
        var plain = [Float](repeating: 0, count: m * n)
        var checked = [Float](repeating: 0, count: m * n)
        var finite = false
        try Self.on(path) {
          MatrixProduct.gemm(
            transposeA: false, transposeB: false, m: m, n: n, k: k, a, lda: k, b, ldb: n,
            &plain, ldc: n, accumulate: false)
          finite = MatrixProduct.gemmCheckingFinite(
            transposeA: false, transposeB: false, m: m, n: n, k: k, a, lda: k, b, ldb: n,
            &checked, ldc: n)
        }
        let label = "trial \(trial), \(path): \(m)×\(n)×\(k), spoilt row \(row) by \(spoil)"
        #expect(checked.map(\.bitPattern) == plain.map(\.bitPattern), "\(label)")
        #expect(finite == plain.allSatisfy(\.isFinite), "\(label)")
        #expect(finite == (spoil == 0 || (spoil == 1 && k == 1)), "\(label)")
      }
    }
  }

  /// A product that claims another matrix's cache lines (the weights a gradient belongs to):
  /// the same C, the same row squares and finite verdict as without, and not a bit of the
  /// claimed storage changed, NaN payloads, −0 and subnormals included, on every path, for
  /// blocks on either side of the tiles and with rows longer than the block.
  @Test func claimingLinesChangesNoBitOnEveryPath() throws {
    var g = SeededGenerator(seed: 24)
    let specials: [Float] = [
      Float(bitPattern: 0x7FC1_2345), Float(bitPattern: 0x7F81_2345), -0.0,
      Float(bitPattern: 1), .infinity, -.greatestFiniteMagnitude,
    ]
    for trial in 0..<40 {
      let m = 1 + Int(g.next() % 40)
      let n = 1 + Int(g.next() % 70)
      let k = 1 + Int(g.next() % 40)
      let ldc = n + Int(g.next() % 5)
      let a = (0..<(m * k)).map { _ in g.uniform(-2, 2) }
      let b = (0..<(k * n)).map { _ in g.uniform(-2, 2) }
      let claimed = (0..<(m * ldc + 3)).map { i in
        i % 7 == 0 ? specials[i / 7 % specials.count] : g.uniform(-1, 1)
      }
      for path in Self.paths {
        var plain = [Float](repeating: 0, count: m * ldc)
        var squared = plain
        var checked = plain
        var (plainSquares, squares) = ([Double](repeating: 0, count: m), [Double](repeating: 0, count: m))
        var target = claimed
        var finite = false
        try Self.on(path) {
          MatrixProduct.gemm(
            transposeA: true, transposeB: false, m: m, n: n, k: k, a, lda: m, b, ldb: n,
            &plain, ldc: ldc, accumulate: false, rowSquares: &plainSquares)
          target.withUnsafeMutableBufferPointer { claim in
            MatrixProduct.gemm(
              transposeA: true, transposeB: false, m: m, n: n, k: k, a, lda: m, b, ldb: n,
              &squared, ldc: ldc, accumulate: false, rowSquares: &squares,
              claiming: claim.baseAddress! + 1)
            finite = MatrixProduct.gemmCheckingFinite(
              transposeA: true, transposeB: false, m: m, n: n, k: k, a, lda: m, b, ldb: n,
              &checked, ldc: ldc, claiming: claim.baseAddress! + 1)
          }
        }
        let label = "trial \(trial), \(path): \(m)×\(n)×\(k), ldc \(ldc)"
        #expect(target.map(\.bitPattern) == claimed.map(\.bitPattern), "\(label)")
        #expect(squared.map(\.bitPattern) == plain.map(\.bitPattern), "\(label)")
        #expect(squares.map(\.bitPattern) == plainSquares.map(\.bitPattern), "\(label)")
        #expect(checked.map(\.bitPattern) == plain.map(\.bitPattern) && finite, "\(label)")
      }
    }
  }

  /// Σx² as the engine defines it: element i squared in Double into running sum i mod 8, the
  /// elements after the last whole block of eight into sums 0, 1, …, the eight added in order.
  static func definedSumOfSquares(_ x: ArraySlice<Float>) -> Double {
    var lanes = [Double](repeating: 0, count: 8)
    let values = Array(x)
    let whole = values.count / 8 * 8
    for (i, v) in values.enumerated() {
      let lane = i < whole ? i % 8 : i - whole
      lanes[lane] = lanes[lane] + Double(v) * Double(v)
    }
    var total: Double = 0
    for lane in lanes { total += lane }
    return total
  }

  /// Infinities and NaN go through every path as through the definition (lanes never mix).
  @Test func nonFiniteValuesStayInTheirElements() throws {
    let a = Matrix([[1, .infinity, 2], [0, 1, .nan], [1, 2, 3]])
    let b = Matrix([[1, 0], [0, 1], [1, 1]])
    for path in Self.paths {
      let c = try Self.on(path) { MatrixProduct.product(a, b) }
      #expect(c[0, 0].isNaN, "∞·0 is NaN (\(path))")
      #expect(c[0, 1] == .infinity, "\(path)")
      #expect(c[1, 0].isNaN && c[1, 1].isNaN, "\(path)")
      #expect(c[2, 0] == 4 && c[2, 1] == 5, "\(path)")
    }
  }

  /// 200 steps of a 784-128-64-10 classifier (momentum, dropout, batch 32) on every path and at
  /// 1, 2, 3 and 5 threads: the same batch losses, evaluation and weights, bit for bit.
  @Test func aDigitClassifierTrainsTheSameEverywhere() throws {
    let data = Fixtures.blobs(count: 640, features: 784, classes: 10, seed: 5)
    let runs = try Self.everywhere { _, threads in
      try Self.train(
        Architecture(sizes: [784, 128, 64, 10], activation: .relu, task: .classification),
        data: data, steps: 200, threads: threads, batch: 32
      ) { $0.optimizer = .momentum; $0.dropout = 0.1; $0.learningRate = 0.05 }
    }
    Self.expectAllEqual(runs)
  }

  /// The same run without gradient norms, as `mltutor train` trains (each block of weight
  /// gradients goes straight into the update): the same bits everywhere, and as with norms.
  @Test func aDigitClassifierWithoutNormsTrainsTheSameEverywhere() throws {
    let data = Fixtures.blobs(count: 640, features: 784, classes: 10, seed: 5)
    let settings: (inout Hyperparameters) -> Void = {
      $0.optimizer = .momentum
      $0.dropout = 0.1
      $0.learningRate = 0.05
    }
    let architecture = Architecture(sizes: [784, 128, 64, 10], activation: .relu, task: .classification)
    let runs = try Self.everywhere { _, threads in
      try Self.train(
        architecture, data: data, steps: 200, threads: threads, batch: 32, norms: false,
        configure: settings)
    }
    Self.expectAllEqual(runs)
    let measured = try Self.train(
      architecture, data: data, steps: 200, threads: 1, batch: 32, configure: settings)
    #expect(runs.first?.losses == measured.losses, "batch losses")
    #expect(runs.first?.weights == measured.weights, "weights")
  }

  /// 200 steps of the apartments' tanh model (1-8-1 regression, plain SGD, batch 16).
  @Test func aTanhRegressionTrainsTheSameEverywhere() throws {
    var g = SeededGenerator(seed: 8)
    let xs = (0..<120).map { _ in g.uniform(-2, 2) }
    let data = Fixtures.regression(xs.map { [$0] }, xs.map { 3 * $0 * $0 - $0 + g.uniform(-0.2, 0.2) })
    let runs = try Self.everywhere { _, threads in
      try Self.train(
        Architecture(sizes: [1, 8, 1], activation: .tanh, task: .regression),
        data: data, steps: 200, threads: threads, batch: 16
      ) { $0.learningRate = 0.05 }
    }
    Self.expectAllEqual(runs)
  }

  /// Adam with L1, L2 and clipping on a sigmoid classifier.
  @Test func adamWithDecayAndClippingTrainsTheSameEverywhere() throws {
    let data = Fixtures.blobs(count: 300, features: 40, classes: 4, seed: 6)
    let runs = try Self.everywhere { _, threads in
      try Self.train(
        Architecture(sizes: [40, 64, 32, 4], activation: .sigmoid, task: .classification),
        data: data, steps: 120, threads: threads, batch: 30
      ) {
        $0.optimizer = .adam
        $0.learningRate = 0.01
        $0.l1 = 1e-4
        $0.l2 = 1e-3
        $0.clipNorm = 0.5
      }
    }
    Self.expectAllEqual(runs)
  }

  /// Residual blocks (sigmoid, momentum, dropout) and batch normalisation (tanh, Adam): batch
  /// statistics are sums over rows in one order, so the losses, weights, running statistics and
  /// evaluations agree bit for bit too.
  @Test(arguments: [Blocks.residual, .batchnorm])
  func blocksTrainTheSameEverywhere(_ blocks: Blocks) throws {
    let data = Fixtures.blobs(count: 320, features: 64, classes: 10, seed: 7)
    let runs = try Self.everywhere { _, threads in
      try Self.train(
        Architecture(sizes: [64, 48, 48, 48, 10], activation: blocks == .residual ? .sigmoid : .tanh,
          task: .classification, blocks: blocks),
        data: data, steps: 60, threads: threads, batch: 32
      ) {
        $0.optimizer = blocks == .residual ? .momentum : .adam
        $0.dropout = blocks == .residual ? 0.1 : 0
        $0.learningRate = blocks == .residual ? 0.1 : 0.01
      }
    }
    #expect(runs.first?.statistics.isEmpty == (blocks == .residual))
    Self.expectAllEqual(runs)
  }

  /// The gradient checks pass on every path, with the same figures.
  @Test func gradientChecksPassOnEveryPath() throws {
    var results: [[Double]] = []
    for path in Self.paths {
      let result = try Self.on(path) { () throws -> GradientCheck.Result in
        let net = try GradientCheckTests.network([3, 5, 4], .tanh, task: .classification, seed: 5)
        return GradientCheck.run(
          network: net, input: GradientCheckTests.input, targets: .classes([0, 3, 1, 2, 3]),
          h: GradientCheckTests.h, floor: GradientCheckTests.floor)
      }
      GradientCheckTests.expectPasses(result, "\(path)", expectedEntries: 15 + 5 + 20 + 4)
      results.append(result.entries.map(\.analytic) + result.entries.map(\.numeric))
    }
    #expect(Set(results.map { $0.map(\.bitPattern) }).count == 1, "the same figures on every path")
  }

  struct Outcome: Equatable {
    var losses: [UInt32]
    var weights: [[UInt32]]
    var evaluation: Evaluation
    var gradientNorms: [UInt64]
    var label: String
    var statistics: [[UInt32]] = []

    static func == (a: Outcome, b: Outcome) -> Bool {
      a.losses == b.losses && a.weights == b.weights && a.evaluation == b.evaluation
        && a.gradientNorms == b.gradientNorms && a.statistics == b.statistics
    }
  }

  /// `run(path, threads)` for every path and 1, 2, 3 and 5 threads.
  static func everywhere(_ run: (KernelPath, Int) throws -> Outcome) throws -> [Outcome] {
    var outcomes: [Outcome] = []
    for path in paths {
      for threads in [1, 2, 3, 5] {
        var outcome = try on(path) { try run(path, threads) }
        outcome.label = "\(path) at \(threads) threads"
        outcomes.append(outcome)
      }
    }
    return outcomes
  }

  static func train(
    _ architecture: Architecture, data: Examples, steps: Int, threads: Int, batch: Int,
    norms: Bool = true, configure: (inout Hyperparameters) -> Void
  ) throws -> Outcome {
    var hyper = Fixtures.hyper(lr: 0.05, batch: batch)
    configure(&hyper)
    let trainer = try Trainer(
      architecture: architecture, initializer: .he, hyper: hyper, seed: 11, train: data)
    let pool = threads > 1 ? WorkerPool(size: threads) : nil
    trainer.threadPool = { pool }
    trainer.threadsForBatch = { _, _ in threads }
    trainer.measuresGradientNorms = norms
    var gradientNorms: [Double] = []
    for _ in 0..<steps { gradientNorms = try trainer.step().gradientNorms }
    return Outcome(
      losses: bits(trainer.history.stepLosses), weights: parameterBits(trainer.network),
      evaluation: trainer.network.evaluate(data), gradientNorms: gradientNorms.map(\.bitPattern), label: "",
      statistics: trainer.network.statistics.map { bits($0.values) })
  }

  /// All runs agree bit for bit.
  static func expectAllEqual(_ outcomes: [Outcome], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(outcomes.count == 4 * paths.count, sourceLocation: sourceLocation)
    guard let first = outcomes.first else { return }
    for other in outcomes.dropFirst() {
      #expect(other == first, "\(other.label) differs from \(first.label)", sourceLocation: sourceLocation)
    }
  }
}
