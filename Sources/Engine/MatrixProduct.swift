import EngineKernels

/// The engine's matrix products (EngineKernels' `mlt_gemm`): each element of the result is its
/// start value plus the sum over k in ascending order, one fused multiply-add at a time, so they
/// give the same bits on every kernel path and for any split of the rows across threads. With
/// `transposeA` (a weight gradient) a zero result is +0, and terms whose A values are all zero
/// over a tile of rows may be left out (the same bits, fewer operations: see `Gemm.h`).
public enum MatrixProduct {
  /// C ← op(A) · op(B), or C + op(A) · op(B) when `accumulate`, where op transposes when asked.
  ///
  /// Shapes are checked: op(A) is m × k, op(B) is k × n and C must already be m × n.
  public static func gemm(
    _ a: Matrix, transposeA: Bool = false,
    _ b: Matrix, transposeB: Bool = false,
    into c: inout Matrix, accumulate: Bool = false
  ) {
    let m = transposeA ? a.cols : a.rows
    let k = transposeA ? a.rows : a.cols
    let kb = transposeB ? b.cols : b.rows
    let n = transposeB ? b.rows : b.cols
    precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
    precondition(c.rows == m && c.cols == n, "gemm: result must be \(m)×\(n)")
    let (lda, ldb, ldc) = (a.cols, b.cols, c.cols)
    a.values.withUnsafeBufferPointer { pa in
      b.values.withUnsafeBufferPointer { pb in
        c.values.withUnsafeMutableBufferPointer { pc in
          guard let pc = pc.baseAddress else { return }
          mlt_gemm(
            transposeA ? 1 : 0, transposeB ? 1 : 0, Int64(m), Int64(n), Int64(k),
            pa.baseAddress, Int64(lda), pb.baseAddress, Int64(ldb), pc, Int64(ldc),
            accumulate ? 1 : 0)
        }
      }
    }
  }

  /// The same on raw row-major storage with leading dimensions (slices of larger matrices).
  /// The caller guarantees the shapes. With `rowSquares`, each row of C's Σc²
  /// (`sumOfSquares(_:count:)` of the row) goes to `rowSquares[0..<m]` as well. With `claiming`
  /// (storage laid out as C, which this thread writes next: the weights C is the gradient of),
  /// its cache lines are made this core's while C is computed, their values untouched
  /// (`mlt_gemm_row_squares`).
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
    _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool,
    rowSquares: UnsafeMutablePointer<Double>? = nil, claiming: UnsafeMutablePointer<Float>? = nil
  ) {
    mlt_gemm_row_squares(
      transposeA ? 1 : 0, transposeB ? 1 : 0, Int64(m), Int64(n), Int64(k), a, Int64(lda), b,
      Int64(ldb), c, Int64(ldc), accumulate ? 1 : 0, rowSquares, claiming)
  }

  /// The same, checking that every element of C is finite (block by block while still in the
  /// cache, `mlt_gemm_finite`): true when all are.
  static func gemmCheckingFinite(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
    _ c: UnsafeMutablePointer<Float>, ldc: Int, claiming: UnsafeMutablePointer<Float>? = nil
  ) -> Bool {
    mlt_gemm_finite(
      transposeA ? 1 : 0, transposeB ? 1 : 0, Int64(m), Int64(n), Int64(k), a, Int64(lda), b,
      Int64(ldb), c, Int64(ldc), 0, claiming) != 0
  }

  /// A weight gradient Aᵀ · B (A stored k × m) applied at once as `update` describes, block of
  /// rows by block of rows while they are in the cache (`mlt_gemm_update`): the same bits as
  /// the product followed by `UpdateKernels.rows`. `scratch`, laid out as C, may be written.
  /// Each row's Σu² goes to `rowSquares[0..<m]`; returns whether every new weight is finite.
  /// The caller must know beforehand that every element of the product is finite.
  static func gemmUpdating(
    m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>,
    ldb: Int, scratch c: UnsafeMutablePointer<Float>, ldc: Int, update: mlt_update_spec,
    rowSquares: UnsafeMutablePointer<Double>
  ) -> Bool {
    withUnsafePointer(to: update) {
      mlt_gemm_update(
        Int64(m), Int64(n), Int64(k), a, Int64(lda), b, Int64(ldb), c, Int64(ldc), $0, rowSquares)
        != 0
    }
  }

  /// The largest magnitude among `count` floats (0 for none), or +∞ when one is not finite.
  static func maxMagnitude(_ x: UnsafePointer<Float>, count: Int) -> Float {
    mlt_max_magnitude(x, Int64(count))
  }

  /// The product op(A) · op(B) as a new matrix.
  public static func product(
    _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false
  ) -> Matrix {
    var c = Matrix(rows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
    FloatMode.flushingSubnormals { gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c) }
    return c
  }

  /// Σx² of `count` floats in double, in the engine's fixed order (`mlt_sum_of_squares`).
  static func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Double {
    mlt_sum_of_squares(x, Int64(count))
  }

  /// Σ over rows, in order, of each row's Σx²: the one way the engine sums a matrix's squares,
  /// so that a sum split by rows across threads adds up the same.
  static func sumOfSquares(rows: Int, width: Int, _ x: UnsafePointer<Float>) -> Double {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: max(rows, 1)) { rowSums in
      rowSumsOfSquares(rows: rows, width: width, x, into: rowSums.baseAddress!)
      var total: Double = 0
      for r in 0..<rows { total += rowSums[r] }
      return total
    }
  }

  /// Each row's Σx² (`sumOfSquares(_:count:)` of the row) into `out[0..<rows]`.
  static func rowSumsOfSquares(
    rows: Int, width: Int, _ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Double>
  ) {
    mlt_row_sums_of_squares(x, Int64(rows), Int64(width), Int64(width), out)
  }
}
