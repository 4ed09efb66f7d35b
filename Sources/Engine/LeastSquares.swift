import CBLAS

/// The closed-form linear regression fit: the w and b minimising Σ (x·w + b − y)².
///
/// Solved with LAPACK's `dgels` (QR factorisation, in Double), which is the reference the
/// lessons compare gradient descent against.
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
    // Column-major design matrix [X | 1] (n × (d + 1)).
    let columns = d + 1
    var a = [Double](repeating: 0, count: n * columns)
    for r in 0..<n {
      for c in 0..<d { a[c * n + r] = Double(features[r, c]) }
      a[d * n + r] = 1
    }
    var b = [Double](repeating: 0, count: n * k)
    for r in 0..<n {
      for c in 0..<k { b[c * n + r] = Double(targets[r, c]) }
    }
    var m32 = Int32(n)
    var n32 = Int32(columns)
    var nrhs = Int32(k)
    var lda = Int32(n)
    var ldb = Int32(n)
    var info: Int32 = 0
    var trans = Int8(UInt8(ascii: "N"))
    // Ask for the optimal work size first.
    var query: Double = 0
    var lwork: Int32 = -1
    dgels_(&trans, &m32, &n32, &nrhs, &a, &lda, &b, &ldb, &query, &lwork, &info)
    guard info == 0 else { return nil }
    lwork = Int32(max(1, query))
    var work = [Double](repeating: 0, count: Int(lwork))
    dgels_(&trans, &m32, &n32, &nrhs, &a, &lda, &b, &ldb, &work, &lwork, &info)
    guard info == 0 else { return nil }
    var weights = [Double](repeating: 0, count: d * k)
    var bias = [Double](repeating: 0, count: k)
    for t in 0..<k {
      for c in 0..<d { weights[c * k + t] = b[t * n + c] }
      bias[t] = b[t * n + d]
    }
    guard weights.allSatisfy(\.isFinite), bias.allSatisfy(\.isFinite) else { return nil }
    return Fit(weights: weights, bias: bias)
  }
}
