import Engine
import Testing

/// Training reaches what theory says it should.
@Suite struct ConvergenceTests {
  /// Full-batch gradient descent on standardised features converges to the least-squares
  /// solution of `LeastSquares.fit` (LAPACK, in Double).
  @Test func gradientDescentFindsTheLeastSquaresSolution() throws {
    // 200 examples, 3 correlated features, y = 1.5·x₀ − 2·x₁ + 0.5·x₂ + 4 + noise.
    var g = SeededGenerator(seed: 42)
    let n = 200
    var raw: [[Double]] = []
    var targets: [Float] = []
    for _ in 0..<n {
      let a = g.normal()
      let row = [a * 3 + 10, a + g.normal() * 2 - 5, g.normal() * 0.5 + 1]
      raw.append(row)
      targets.append(Float(1.5 * row[0] - 2 * row[1] + 0.5 * row[2] + 4 + g.normal()))
    }
    // Standardise each feature to mean 0 and standard deviation 1.
    var standardised = raw
    for c in 0..<3 {
      let mean = raw.reduce(0) { $0 + $1[c] } / Double(n)
      let sd = (raw.reduce(0) { $0 + ($1[c] - mean) * ($1[c] - mean) } / Double(n)).squareRoot()
      for r in 0..<n { standardised[r][c] = (raw[r][c] - mean) / sd }
    }
    let rows = standardised.map { $0.map(Float.init) }
    let examples = Fixtures.regression(rows, targets)
    let fit = try #require(
      LeastSquares.fit(features: Matrix(rows), targets: Matrix(rows: n, cols: 1, values: targets)))

    let trainer = try Trainer(
      architecture: Architecture(sizes: [3, 1], task: .regression), initializer: .zeros,
      hyper: Fixtures.hyper(lr: 0.1, batch: n), seed: 1, train: examples)
    // The loss's Hessian is 2·XᵀX/n, whose eigenvalues lie near 2 (0.3–4 with these
    // correlations); η = 0.1 shrinks the error by ≥ 3 % a step, so 1,000 steps are ample.
    for _ in 0..<1000 { try trainer.step() }
    let dense = try #require(trainer.network.denseLayers.first)
    let learned = dense.weights.value.values.map(Double.init) + [Double(dense.bias.value[0, 0])]
    let exact = fit.weights + fit.bias
    let difference = zip(learned, exact).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
      .squareRoot()
    let size = exact.reduce(0) { $0 + $1 * $1 }.squareRoot()
    #expect(
      difference / size <= 1e-3,
      "relative difference \(difference / size): descent \(learned), least squares \(exact)")
  }

  /// The closed form itself on a case solvable by hand: y = 2x + 1 exactly.
  @Test func leastSquaresOnAnExactLine() throws {
    let fit = try #require(
      LeastSquares.fit(
        features: Matrix([[0], [1], [2], [3]]), targets: Matrix([[1], [3], [5], [7]])))
    expectAllClose(fit.weights, [2], absolute: 1e-12, "slope")
    expectAllClose(fit.bias, [1], absolute: 1e-12, "intercept")
    // Too few examples for 2 unknowns: no fit rather than a wrong one.
    #expect(LeastSquares.fit(features: Matrix([[1]]), targets: Matrix([[2]])) == nil)
    // A feature that repeats another (or a constant one, which repeats the intercept) leaves
    // the fit undetermined: no fit either.
    #expect(
      LeastSquares.fit(features: Matrix([[1, 2], [2, 4], [3, 6]]), targets: Matrix([[1], [2], [3]])) == nil)
    #expect(LeastSquares.fit(features: Matrix([[5], [5], [5]]), targets: Matrix([[1], [2], [3]])) == nil)
  }

  /// Two features and two targets against the normal equations solved by hand.
  @Test func leastSquaresWithTwoFeaturesAndTwoTargets() throws {
    // y₁ = 1 + 2a − b and y₂ = −3 + 0.5a + 4b exactly, on five points.
    let points: [[Float]] = [[0, 0], [1, 0], [0, 1], [2, 3], [-1, 2]]
    let targets = points.map { [1 + 2 * $0[0] - $0[1], -3 + 0.5 * $0[0] + 4 * $0[1]] }
    let fit = try #require(LeastSquares.fit(features: Matrix(points), targets: Matrix(targets)))
    expectAllClose(fit.weights, [2, 0.5, -1, 4], absolute: 1e-12, "weights (features × targets)")
    expectAllClose(fit.bias, [1, -3], absolute: 1e-12, "intercepts")
  }

  /// An MLP 2-8-2 learns XOR; a linear model 2-2 cannot separate it (at most 3 of 4 points).
  @Test(arguments: [1, 2, 3] as [UInt64])
  func xor(seed: UInt64) throws {
    let mlp = try Trainer(
      architecture: Architecture(sizes: [2, 8, 2], activation: .tanh, task: .classification),
      initializer: .xavier, hyper: Fixtures.hyper(lr: 0.05, batch: 4, optimizer: .adam),
      seed: seed, train: Fixtures.xor)
    for _ in 0..<500 { try mlp.step() }
    let mlpAccuracy = try #require(mlp.network.evaluate(Fixtures.xor).accuracy)
    #expect(mlpAccuracy == 1, "2-8-2 on XOR with seed \(seed): accuracy \(mlpAccuracy)")

    let linear = try Trainer(
      architecture: Architecture(sizes: [2, 2], task: .classification), initializer: .xavier,
      hyper: Fixtures.hyper(lr: 0.05, batch: 4, optimizer: .adam), seed: seed, train: Fixtures.xor)
    var best = 0.0
    for _ in 0..<500 {
      try linear.step()
      best = max(best, try #require(linear.network.evaluate(Fixtures.xor).accuracy))
    }
    #expect(best <= 0.75, "2-2 on XOR with seed \(seed): accuracy reached \(best)")
  }
}
