import Engine
import Testing

/// Every optimiser's update against values worked out by hand.
///
/// The problem has two parameters: a 1→1 linear model y = w·x + b, one example x = 2, t = 3,
/// batch 1, starting from w = 0.5, b = 0. The loss is L = (y − t)², so
/// ∂L/∂y = 2(y − t), ∂L/∂w = 2(y − t)·x, ∂L/∂b = 2(y − t).
/// At the start y = 1, so g_w = −8 and g_b = −4.
///
/// Tolerance: the engine computes in Float32 with values of order 1 and a handful of operations
/// per step (ε ≈ 1.2e-7 each), so results agree with the exact decimals to ≈ 1e-6; we accept 2e-6.
/// A wrong sign, a missing term or a wrong coefficient changes the values by 1e-2 or more.
@Suite struct OptimizerTests {
  static let tolerance = 2e-6

  /// Runs two steps (the second with `then`'s settings when given) and returns (w, b) after each.
  static func twoSteps(
    _ hyper: Hyperparameters, then second: Hyperparameters? = nil
  ) throws -> [(w: Float, b: Float)] {
    let trainer = try Trainer(
      architecture: Architecture(sizes: [1, 1], task: .regression), initializer: .zeros,
      hyper: hyper, seed: 0, train: Fixtures.regression([[2]], [3]))
    let dense = try #require(trainer.network.denseLayers.first)
    dense.weights.value = Matrix([[0.5]])
    var out: [(w: Float, b: Float)] = []
    for i in 0..<2 {
      if i == 1, let second { try trainer.setHyperparameters(second) }
      try trainer.step()
      out.append((dense.weights.value[0, 0], dense.bias.value[0, 0]))
    }
    return out
  }

  static func expectSteps(
    _ observed: [(w: Float, b: Float)], _ expected: [(w: Double, b: Double)],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for (i, (o, e)) in zip(observed, expected).enumerated() {
      expectClose(
        o.w, e.w, absolute: tolerance, "w after step \(i + 1)", sourceLocation: sourceLocation)
      expectClose(
        o.b, e.b, absolute: tolerance, "b after step \(i + 1)", sourceLocation: sourceLocation)
    }
  }

  @Test func sgd() throws {
    // Step 1: w = 0.5 − 0.05·(−8) = 0.9, b = 0 − 0.05·(−4) = 0.2.
    // Step 2: y = 0.9·2 + 0.2 = 2.0, ∂L/∂y = −2, g = (−4, −2):
    // w = 0.9 + 0.05·4 = 1.1, b = 0.2 + 0.05·2 = 0.3.
    let steps = try Self.twoSteps(Fixtures.hyper(lr: 0.05, batch: 1))
    Self.expectSteps(steps, [(0.9, 0.2), (1.1, 0.3)])
  }

  @Test func momentum() throws {
    // μ = 0.9. Step 1: v = g = (−8, −4); w = 0.5 + 0.05·8 = 0.9, b = 0.05·4 = 0.2.
    // Step 2: g = (−4, −2); v = 0.9·(−8) − 4 = −11.2 and 0.9·(−4) − 2 = −5.6;
    // w = 0.9 + 0.05·11.2 = 1.46, b = 0.2 + 0.05·5.6 = 0.48.
    let steps = try Self.twoSteps(
      Fixtures.hyper(lr: 0.05, batch: 1, optimizer: .momentum) { $0.momentum = 0.9 })
    Self.expectSteps(steps, [(0.9, 0.2), (1.46, 0.48)])
  }

  @Test func nesterov() throws {
    // μ = 0.9. Step 1: v = g = (−8, −4); θ −= η·(g + μ·v):
    // w = 0.5 + 0.05·(8 + 7.2) = 1.26, b = 0.05·(4 + 3.6) = 0.38.
    // Step 2: y = 2.52 + 0.38 = 2.9, ∂L/∂y = −0.2, g = (−0.4, −0.2);
    // v = (−7.2 − 0.4, −3.6 − 0.2) = (−7.6, −3.8);
    // w = 1.26 + 0.05·(0.4 + 6.84) = 1.622, b = 0.38 + 0.05·(0.2 + 3.42) = 0.561.
    let steps = try Self.twoSteps(
      Fixtures.hyper(lr: 0.05, batch: 1, optimizer: .nesterov) { $0.momentum = 0.9 })
    Self.expectSteps(steps, [(1.26, 0.38), (1.622, 0.561)])
  }

  @Test func adam() throws {
    // η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    // Step 1: m = 0.1·g, s = 0.001·g², m̂ = g, ŝ = g²: each parameter moves by η·g/(|g| + ε),
    // so w = 0.5 + 0.1·8/(8 + 1e-8) = 0.599999999875, b = 0.1·4/(4 + 1e-8) = 0.09999999975.
    // Step 2: y = 1.2 + 0.1 = 1.3, ∂L/∂y = −3.4, g = (−6.8, −3.4).
    // w: m = 0.9·(−0.8) + 0.1·(−6.8) = −1.4, s = 0.999·0.064 + 0.001·46.24 = 0.110176;
    //    m̂ = −1.4/0.19 = −7.368421, ŝ = 0.110176/0.001999 = 55.115558, √ŝ = 7.423985;
    //    w = 0.6 + 0.1·7.368421/7.423985 = 0.6992516.
    // b: m = −0.7, s = 0.027544, m̂ = −3.684211, √ŝ = 3.711993, b = 0.1 + 0.0992516 = 0.1992516.
    let steps = try Self.twoSteps(Fixtures.hyper(lr: 0.1, batch: 1, optimizer: .adam))
    Self.expectSteps(steps, [(0.599999999875, 0.09999999975), (0.6992516, 0.1992516)])
  }

  @Test func l2DecayOnWeightsOnly() throws {
    // SGD, η = 0.05, λ₂ = 0.1: g_w gains λ₂·w; the bias does not decay.
    // Step 1: g_w = −8 + 0.05 = −7.95, w = 0.5 + 0.3975 = 0.8975; b = 0.2.
    // Step 2: y = 1.795 + 0.2 = 1.995, ∂L/∂y = −2.01, g_w = −4.02 + 0.08975 = −3.93025,
    // w = 0.8975 + 0.1965125 = 1.0940125; b = 0.2 + 0.05·2.01 = 0.3005.
    let steps = try Self.twoSteps(Fixtures.hyper(lr: 0.05, batch: 1) { $0.l2 = 0.1 })
    Self.expectSteps(steps, [(0.8975, 0.2), (1.0940125, 0.3005)])
  }

  @Test func l1DecayOnWeightsOnly() throws {
    // SGD, η = 0.05, λ₁ = 0.1: g_w gains λ₁·sign(w).
    // Step 1: g_w = −8 + 0.1 = −7.9, w = 0.5 + 0.395 = 0.895; b = 0.2.
    // Step 2: y = 1.79 + 0.2 = 1.99, ∂L/∂y = −2.02, g_w = −4.04 + 0.1 = −3.94,
    // w = 0.895 + 0.197 = 1.092; b = 0.2 + 0.05·2.02 = 0.301.
    let steps = try Self.twoSteps(Fixtures.hyper(lr: 0.05, batch: 1) { $0.l1 = 0.1 })
    Self.expectSteps(steps, [(0.895, 0.2), (1.092, 0.301)])
  }

  @Test func clippingByGlobalNorm() throws {
    // SGD, η = 0.05, clip 1. Step 1: ‖g‖ = √(64 + 16) = √80, so g becomes g/√80 = (−2, −1)/√5;
    // w = 0.5 + 0.05·2/√5 = 0.5447214, b = 0.05/√5 = 0.0223607.
    // Step 2: g is again a multiple of (2, 1) with ‖g‖ > 1 (here x = 2 makes g_w = 2·g_b always),
    // so the same clipped step: w = 0.5894427, b = 0.0447214.
    let hyper = Fixtures.hyper(lr: 0.05, batch: 1) { $0.clipNorm = 1 }
    let steps = try Self.twoSteps(hyper)
    Self.expectSteps(steps, [(0.5447214, 0.0223607), (0.5894427, 0.0447214)])

    // The report gives the norm before clipping and the scale applied.
    let trainer = try Trainer(
      architecture: Architecture(sizes: [1, 1], task: .regression), initializer: .zeros,
      hyper: hyper, seed: 0, train: Fixtures.regression([[2]], [3]))
    try #require(trainer.network.denseLayers.first).weights.value = Matrix([[0.5]])
    let report = try trainer.step()
    expectClose(report.gradientNorm, 80.0.squareRoot(), relative: 1e-6, "gradient norm")
    expectClose(report.clipScale, 1 / 80.0.squareRoot(), relative: 1e-6, "clip scale")
    expectClose(report.updateNorms[0], 0.05, relative: 1e-5, "update norm η·clip")
  }

  /// Momentum and Nesterov share the velocity, so switching between them keeps it.
  @Test func momentumThenNesterovKeepsTheVelocity() throws {
    // Step 1 (momentum, μ = 0.9): v = (−8, −4), w = 0.9, b = 0.2, as above.
    // Step 2 (Nesterov): g = (−4, −2), v = (−11.2, −5.6); θ −= η·(g + μ·v):
    // w = 0.9 + 0.05·(4 + 10.08) = 1.604, b = 0.2 + 0.05·(2 + 5.04) = 0.552.
    let steps = try Self.twoSteps(
      Fixtures.hyper(lr: 0.05, batch: 1, optimizer: .momentum),
      then: Fixtures.hyper(lr: 0.05, batch: 1, optimizer: .nesterov))
    Self.expectSteps(steps, [(0.9, 0.2), (1.604, 0.552)])
  }

  /// Switching optimiser between steps starts the new one from a clean state: Adam after ten
  /// momentum steps takes the same first step as Adam from scratch (size ≈ η per parameter).
  @Test func switchingOptimizerStartsFresh() throws {
    let train = Fixtures.regression([[2]], [3])
    let trainer = try Trainer(
      architecture: Architecture(sizes: [1, 1], task: .regression), initializer: .zeros,
      hyper: Fixtures.hyper(lr: 0.001, batch: 1, optimizer: .momentum), seed: 0, train: train)
    for _ in 0..<10 { try trainer.step() }
    let dense = try #require(trainer.network.denseLayers.first)
    let before = (dense.weights.value[0, 0], dense.bias.value[0, 0])
    try trainer.setHyperparameters(Fixtures.hyper(lr: 0.01, batch: 1, optimizer: .adam))
    try trainer.step()
    // A fresh Adam's first step moves each parameter by η·g/(|g| + ε) = η (the gradient is
    // not 0 here: the model still underestimates t).
    expectClose(
      dense.weights.value[0, 0] - before.0, 0.01, absolute: 1e-6, "Adam's first step on w")
    expectClose(dense.bias.value[0, 0] - before.1, 0.01, absolute: 1e-6, "Adam's first step on b")
  }
}
