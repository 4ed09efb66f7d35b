import Engine
import Testing

/// Each layer's ∂L/∂x and each loss's ∂L/∂output against central finite differences, layer by
/// layer through the public `Layer` API.
///
/// For a layer y = f(x) we take L(x) = Σ cᵢⱼ·yᵢⱼ with fixed weights c, so backward(c) must equal
/// ∂L/∂x. Every layer here is element-wise or linear, so perturbing one xᵢ changes L by a term
/// of size |c·f(x)| ≲ 2 computed in Float32 (error ≈ 2u·2 ≈ 2.4e-7, with u = 2⁻²⁴); the rest
/// of the sum is identical on both sides and cancels exactly. The central difference therefore
/// has roundoff ≈ 2.4e-7/h and truncation ≈ h²/6·|c·f'''|:
/// - linear pieces (dense, ReLU and leaky ReLU away from the kink, dropout with a fixed mask):
///   no truncation at all, so h = 0.05 (inputs are kept ≥ 0.1 from the kink) and roundoff
///   ≈ 5e-6 — we accept 1e-4;
/// - sigmoid and tanh (|f'''| ≤ 2): h = 1e-2 gives roundoff 2.4e-5 and truncation ≲ 3e-5 —
///   we accept 2e-4.
/// Errors are absolute; every gradient compared is of order 0.1–1, so a wrong formula (a missing
/// factor, a derivative taken at the wrong point) is off by far more.
@Suite struct LayerGradientTests {
  /// 3 × 4 inputs at least 0.1 away from 0.
  static let x = Matrix([
    [0.7, -1.2, 0.35, -0.15], [-0.45, 0.9, 1.6, -0.8], [0.25, -0.3, -2.1, 0.55],
  ])
  /// The weights c of L = Σ c ⊙ y.
  static let c = Matrix([
    [0.5, -1.0, 0.8, 0.3], [-0.6, 0.2, 1.1, -0.9], [1.3, 0.4, -0.7, 0.6],
  ])

  static func loss(_ y: Matrix, _ weights: Matrix) -> Double {
    zip(y.values, weights.values).reduce(0) { $0 + Double($1.0) * Double($1.1) }
  }

  /// Compares backward(c) with central differences of L at every entry of `x`.
  static func checkInputGradient(
    _ layer: Layer, x: Matrix, c: Matrix, h: Float, tolerance: Double,
    mode: ForwardMode = .inference, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var m = mode
    _ = layer.forward(x, mode: &m)
    let analytic = layer.backward(c, needsInputGradient: true)
    #expect(
      analytic.rows == x.rows && analytic.cols == x.cols, "∂L/∂x has the input's shape",
      sourceLocation: sourceLocation)
    var numeric: [Double] = []
    var probe = x
    for i in 0..<x.count {
      let original = x.values[i]
      probe.values[i] = original + h
      var plusMode = mode
      let plus = loss(layer.forward(probe, mode: &plusMode), c)
      probe.values[i] = original - h
      var minusMode = mode
      let minus = loss(layer.forward(probe, mode: &minusMode), c)
      probe.values[i] = original
      numeric.append((plus - minus) / (Double(original + h) - Double(original - h)))
    }
    expectAllClose(
      analytic.values.map(Double.init), numeric, absolute: tolerance, "\(layer) ∂L/∂x",
      sourceLocation: sourceLocation)
  }

  @Test func denseInputGradient() {
    let dense = Dense(inputs: 4, outputs: 3)
    dense.weights.value = Matrix([
      [0.2, -0.5, 0.9], [1.1, 0.3, -0.4], [-0.7, 0.6, 0.1], [0.05, -0.8, 0.45],
    ])
    dense.bias.value = Matrix([[0.3, -0.1, 0.2]])
    let c = Matrix([[0.5, -1.0, 0.8], [-0.6, 0.2, 1.1], [1.3, 0.4, -0.7]])
    Self.checkInputGradient(dense, x: Self.x, c: c, h: 0.05, tolerance: 1e-4)
    // And ∂L/∂x = c·Wᵀ exactly; first row: 0.5·0.2 − 1.0·(−0.5) + 0.8·0.9 = 1.32,
    // 0.5·1.1 − 0.3 − 0.8·0.4 = −0.07, −0.35 − 0.6 + 0.08 = −0.87, 0.025 + 0.8 + 0.36 = 1.185.
    var mode = ForwardMode.inference
    _ = dense.forward(Self.x, mode: &mode)
    let dx = dense.backward(c, needsInputGradient: true)
    expectAllClose(
      dx.row(0).map(Double.init), [1.32, -0.07, -0.87, 1.185], absolute: 1e-6, "first row of c·Wᵀ")
  }

  @Test(arguments: [Activation.relu, .leakyRelu])
  func piecewiseLinearInputGradient(_ activation: Activation) {
    Self.checkInputGradient(
      ActivationLayer(activation), x: Self.x, c: Self.c, h: 0.05, tolerance: 1e-4)
  }

  @Test(arguments: [Activation.sigmoid, .tanh])
  func smoothInputGradient(_ activation: Activation) {
    Self.checkInputGradient(
      ActivationLayer(activation), x: Self.x, c: Self.c, h: 1e-2, tolerance: 2e-4)
  }

  /// Leaky ReLU's slope on the negative side is 0.01, not 0: ∂L/∂x = 0.01·c there.
  @Test func leakyReluNegativeSlope() {
    let layer = ActivationLayer(.leakyRelu)
    var mode = ForwardMode.inference
    _ = layer.forward(Matrix([[-2, 3]]), mode: &mode)
    let dx = layer.backward(Matrix([[5, 7]]), needsInputGradient: true)
    expectAllClose(dx.values.map(Double.init), [0.05, 7], absolute: 1e-7, "leaky ReLU ∂L/∂x")
  }

  /// Dropout in training mode: each evaluation starts from the same generator, so the same
  /// mask; ∂L/∂x is c ⊙ mask with mask entries 0 or 1/(1 − rate).
  @Test func dropoutInputGradient() {
    let layer = Dropout(rate: 0.5)
    let mode = ForwardMode.training(SeededGenerator(seed: 21))
    Self.checkInputGradient(layer, x: Self.x, c: Self.c, h: 0.05, tolerance: 1e-4, mode: mode)
    var m = mode
    let y = layer.forward(Self.x, mode: &m)
    let ratios = zip(y.values, Self.x.values).map { $0 / $1 }
    #expect(
      ratios.allSatisfy { $0 == 0 || $0 == 2 }, "every entry is dropped or doubled: \(ratios)")
    #expect(ratios.contains(0) && ratios.contains(2), "the mask drops some entries and keeps some")
  }

  /// ∂L/∂output of both losses, against central differences of `Loss.value`.
  @Test(arguments: [Loss.meanSquaredError, .softmaxCrossEntropy])
  func lossGradient(_ loss: Loss) {
    // MSE is quadratic, so only roundoff (≈ ε·|L|/h ≈ 1e-5 with h = 1e-2) remains; softmax
    // cross-entropy adds truncation h²/6·|L'''| ≲ 1e-5 (|L'''| ≤ 1/n per logit). Gradients are
    // of order 0.05–0.5 here; we accept an absolute error of 1e-4.
    let output = Matrix([[0.3, -1.2, 2.0], [1.5, 0.1, -0.4], [-0.8, 0.9, 0.2]])
    let targets: BatchTargets =
      loss == .meanSquaredError
      ? .values(Matrix([[0.5, -1.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, -0.5]]))
      : .classes([2, 0, 1])
    var gradient = Matrix(rows: 0, cols: 0)
    let value = loss.valueAndGradient(output, targets, gradient: &gradient)
    expectClose(
      value, loss.value(output, targets), relative: 1e-6, "loss with and without gradient")
    let h: Float = 1e-2
    var probe = output
    var numeric: [Double] = []
    for i in 0..<output.count {
      probe.values[i] = output.values[i] + h
      let plus = loss.value(probe, targets)
      probe.values[i] = output.values[i] - h
      let minus = loss.value(probe, targets)
      probe.values[i] = output.values[i]
      numeric.append((plus - minus) / (Double(output.values[i] + h) - Double(output.values[i] - h)))
    }
    expectAllClose(
      gradient.values.map(Double.init), numeric, absolute: 1e-4, "\(loss.displayName) ∂L/∂output")
  }
}
