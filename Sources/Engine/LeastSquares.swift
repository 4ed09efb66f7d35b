/// The closed-form linear regression fit: the w and b minimising Σ (x·w + b − y)².
///
/// Solved by a Householder QR factorisation of [X | 1] in Double, in one fixed order of
/// operations (the same numbers on every machine): R·[w; b] = Qᵀy, then back substitution.
/// The reference that gradient descent is compared against.
public enum LeastSquares {
  public struct Fit: Equatable, Sendable {
    /// One weight per feature (features × targets, row-major).
    public var weights: [Double]
    /// One intercept per target.
    public var bias: [Double]
  }

  /// Fits `targets` (n × k) from `features` (n × d) with an intercept.
  /// Returns nil when the system is rank-deficient or too small (n < d + 1).
  public static func fit(features: Matrix, targets: Matrix) -> Fit? {
    let n = features.rows
    let d = features.cols
    let k = targets.cols
    guard targets.rows == n, n >= d + 1, k >= 1 else { return nil }
    let columns = d + 1
    // Column-major copies: the design matrix [X | 1] (n × columns) and the targets (n × k).
    var a = [Double](repeating: 1, count: n * columns)
    for c in 0..<d {
      for r in 0..<n { a[c * n + r] = Double(features[r, c]) }
    }
    var y = [Double](repeating: 0, count: n * k)
    for t in 0..<k {
      for r in 0..<n { y[t * n + r] = Double(targets[r, t]) }
    }
    guard triangularise(&a, &y, rows: n, columns: columns, targets: k) else { return nil }
    // Back substitution: R (upper triangle of a) · solution = the first `columns` rows of Qᵀy.
    var solution = [Double](repeating: 0, count: columns * k)
    for t in 0..<k {
      for j in stride(from: columns - 1, through: 0, by: -1) {
        var s = y[t * n + j]
        for c in (j + 1)..<columns { s -= a[c * n + j] * solution[c * k + t] }
        solution[j * k + t] = s / a[j * n + j]
      }
    }
    let weights = Array(solution[0..<(d * k)])
    let bias = Array(solution[(d * k)...])
    guard weights.allSatisfy(\.isFinite), bias.allSatisfy(\.isFinite) else { return nil }
    return Fit(weights: weights, bias: bias)
  }

  /// Householder reflections that make `a` upper triangular, applied to `y` as well. False when
  /// a column is (numerically) a combination of the ones before it.
  private static func triangularise(
    _ a: inout [Double], _ y: inout [Double], rows n: Int, columns: Int, targets k: Int
  ) -> Bool {
    var largest: Double = 0
    for v in a { largest = max(largest, abs(v)) }
    let tolerance = 1e-12 * largest * Double(n).squareRoot()
    for j in 0..<columns {
      var norm: Double = 0
      for r in j..<n { norm += a[j * n + r] * a[j * n + r] }
      norm = norm.squareRoot()
      guard norm > tolerance else { return false }
      // v = x − α·e₁ with α = −sign(x₀)‖x‖ (no cancellation); H = I − 2vvᵀ/vᵀv.
      let alpha = a[j * n + j] > 0 ? -norm : norm
      var v = [Double](repeating: 0, count: n - j)
      for r in j..<n { v[r - j] = a[j * n + r] }
      v[0] -= alpha
      var vv: Double = 0
      for x in v { vv += x * x }
      func reflect(_ m: inout [Double], column c: Int) {
        var dot: Double = 0
        for r in j..<n { dot += v[r - j] * m[c * n + r] }
        let f = 2 * dot / vv
        for r in j..<n { m[c * n + r] -= f * v[r - j] }
      }
      for c in (j + 1)..<columns { reflect(&a, column: c) }
      for t in 0..<k { reflect(&y, column: t) }
      a[j * n + j] = alpha
      for r in (j + 1)..<n { a[j * n + r] = 0 }
    }
    return true
  }
}
