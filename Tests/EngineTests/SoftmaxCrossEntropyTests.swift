import Engine
import Testing

/// Softmax cross-entropy with huge logits: finite, and equal to the analytic value.
///
/// A naive softmax computes e¹⁰⁰⁰, which overflows Float32 (max ≈ 3.4e38 ≈ e^88.7) to infinity
/// and gives NaN. With log-sum-exp, log Σ e^z = m + log Σ e^(z − m) with m = max z.
/// Tolerance: the engine forms (m − z_label) + log Σ e^(z − m) in Float32; m − z_label is exact
/// here and the logarithm is good to a few ε ≈ 1.2e-7 relative, so we accept a relative error of
/// 1e-6. (Forming m + log(…) first and subtracting z_label afterwards would lose digits: Float32
/// values near 1000 are 6.1e-5 apart.) Gradients are probabilities in [0, 1] computed to
/// ≈ 1e-7; we accept 1e-6 absolute.
@Suite struct SoftmaxCrossEntropyTests {
  static let loss = Loss.softmaxCrossEntropy

  @Test func logitsOfPlusMinus1000() {
    // Row 1: label 0 has logit 1000: L = log(e⁰ + e⁻²⁰⁰⁰) = 0 (e⁻²⁰⁰⁰ underflows harmlessly).
    // Row 2: label 0 has logit −1000: L = log(e⁻¹⁰⁰⁰ + e¹⁰⁰⁰) − (−1000) = 1000 + 1000 = 2000.
    // The mean is 1000. ∂L/∂z = (softmax − onehot)/n: row 1 (1 − 1, 0)/2, row 2 (0 − 1, 1)/2.
    let z = Matrix([[1000, -1000], [-1000, 1000]])
    var gradient = Matrix(rows: 0, cols: 0)
    let value = Self.loss.valueAndGradient(z, .classes([0, 0]), gradient: &gradient)
    #expect(value.isFinite && gradient.isFinite)
    expectClose(value, 1000, relative: 1e-6, "loss")
    expectClose(
      Self.loss.value(z, .classes([0, 0])), 1000, relative: 1e-6, "loss without gradient")
    expectAllClose(gradient.values.map(Double.init), [0, 0, -0.5, 0.5], absolute: 1e-6, "∂L/∂z")
  }

  @Test func nearlyTiedHugeLogits() {
    // z = (1000, 999, −1000), label 1: L = log(1 + e⁻¹ + e⁻²⁰⁰⁰) + 1 = log(1.3678794) + 1
    // = 1.3132617. softmax = (1, e⁻¹, 0)/1.3678794 = (0.7310586, 0.2689414, 0), and ∂L/∂z
    // subtracts 1 at the label: (0.7310586, −0.7310586, 0).
    let z = Matrix([[1000, 999, -1000]])
    var gradient = Matrix(rows: 0, cols: 0)
    let value = Self.loss.valueAndGradient(z, .classes([1]), gradient: &gradient)
    expectClose(value, 1.31326169, relative: 1e-6, "loss")
    expectAllClose(
      gradient.values.map(Double.init), [0.7310586, -0.7310586, 0], absolute: 1e-6, "∂L/∂z")
    let p = SoftmaxCrossEntropy.probabilities(z)
    #expect(p.isFinite)
    expectAllClose(p.values.map(Double.init), [0.7310586, 0.2689414, 0], absolute: 1e-6, "softmax")
  }

  /// Rows of 1 to 40 logits, with zeros, subnormals, huge values, infinities and NaN among them:
  /// the loss and every gradient element are the bits of the definition taken one element at a
  /// time with `Maths.exp` and `Maths.log` (the exponentials are computed several at once).
  @Test func rowsAreTheDefinitionElementByElement() {
    var g = SeededGenerator(seed: 31)
    // 71,362 times the smallest subnormal: the float nearest 1e-40 (a literal would warn).
    let subnormal = Float.leastNonzeroMagnitude * 71_362
    let specials: [Float] = [
      0, -0, subnormal, -subnormal, 1e-30, 88, 89, 89.5, -103, -104, -105, 1000, -1000, .infinity,
      -.infinity, .nan, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    ]
    for trial in 0..<400 {
      let k = 1 + Int(g.next() % 40)
      let spread = [Float(1), 10, 60, 120][trial % 4]
      var z = (0..<k).map { _ in g.uniform(-spread, spread) }
      if trial % 3 == 0 { z[Int(g.next() % UInt64(k))] = specials[Int(g.next() % UInt64(specials.count))] }
      let label = Int32(g.next() % UInt64(k))
      var gradient = Matrix(rows: 0, cols: 0)
      let value = Self.loss.valueAndGradient(Matrix(rows: 1, cols: k, values: z), .classes([label]), gradient: &gradient)
      let alone = Self.loss.value(Matrix(rows: 1, cols: k, values: z), .classes([label]))
      let (expectedValue, expectedGradient) = Self.definedRow(z, label: Int(label))
      #expect(value.bitPattern == expectedValue.bitPattern, "trial \(trial): \(z) label \(label)")
      #expect(alone.bitPattern == expectedValue.bitPattern, "trial \(trial), without the gradient")
      #expect(gradient.values.map(\.bitPattern) == expectedGradient.map(\.bitPattern), "trial \(trial)")
    }
  }

  /// The loss of one row and its gradient (scale 1: a batch of one), element by element.
  static func definedRow(_ z: [Float], label: Int) -> (Double, [Float]) {
    var m = -Float.infinity
    for v in z where v > m { m = v }
    var e = z.map { Maths.exp($0 - m) }
    var sum: Float = 0
    for v in e { sum += v }
    let inv = 1 / sum
    e = e.map { $0 * inv * 1 }
    e[label] -= 1
    return (Double(m - z[label]) + Double(Maths.log(sum)), e)
  }

  @Test func uniformLogits() {
    // Equal logits: softmax = 1/k, L = log k whatever the label: log 4 = 1.3862944.
    let z = Matrix(rows: 2, cols: 4, repeating: -1000)
    expectClose(Self.loss.value(z, .classes([3, 0])), 1.38629436, relative: 1e-6, "loss")
  }

  @Test func meanSquaredErrorByHand() {
    // Outputs (1, 2; 3, 4), targets (0, 2; 5, 1): squared errors 1, 0, 4, 9; mean 14/4 = 3.5.
    // ∂L/∂y = 2(y − t)/4 = (0.5, 0; −1, 1.5).
    var gradient = Matrix(rows: 0, cols: 0)
    let value = Loss.meanSquaredError.valueAndGradient(
      Matrix([[1, 2], [3, 4]]), .values(Matrix([[0, 2], [5, 1]])), gradient: &gradient)
    expectClose(value, 3.5, absolute: 1e-12, "loss")
    expectAllClose(gradient.values.map(Double.init), [0.5, 0, -1, 1.5], absolute: 1e-12, "∂L/∂y")
  }
}
