import CBLAS

/// The engine's door to the BLAS (OpenBLAS): matrix products and the thread count.
public enum BLAS {
  /// The number of threads OpenBLAS uses for a product.
  public static var threads: Int {
    get { Int(openblas_get_num_threads()) }
    set { openblas_set_num_threads(Int32(max(1, newValue))) }
  }

  /// OpenBLAS's build configuration and the CPU kernel it chose, for benchmark reports.
  public static var configuration: String {
    let config = openblas_get_config().map { String(cString: $0) } ?? "?"
    let core = openblas_get_corename().map { String(cString: $0) } ?? "?"
    return "\(config.trimmingCharacters()) (kernel \(core))"
  }

  /// C ← alpha · op(A) · op(B) + beta · C, where op transposes when asked.
  ///
  /// Shapes are checked: op(A) is m × k, op(B) is k × n and C must already be m × n.
  public static func gemm(
    _ a: Matrix, transposeA: Bool = false,
    _ b: Matrix, transposeB: Bool = false,
    into c: inout Matrix, alpha: Float = 1, beta: Float = 0
  ) {
    let m = transposeA ? a.cols : a.rows
    let k = transposeA ? a.rows : a.cols
    let kb = transposeB ? b.cols : b.rows
    let n = transposeB ? b.rows : b.cols
    precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
    precondition(c.rows == m && c.cols == n, "gemm: result must be \(m)×\(n)")
    if m == 0 || n == 0 { return }
    if k == 0 {
      if beta == 0 { c.fill(0) } else if beta != 1 { for i in 0..<c.count { c.values[i] *= beta } }
      return
    }
    let lda = Int32(a.cols)
    let ldb = Int32(b.cols)
    let ldc = Int32(c.cols)
    a.values.withUnsafeBufferPointer { pa in
      b.values.withUnsafeBufferPointer { pb in
        c.values.withUnsafeMutableBufferPointer { pc in
          cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, pa.baseAddress, lda, pb.baseAddress, ldb,
            beta, pc.baseAddress, ldc)
        }
      }
    }
  }

  /// C ← alpha · op(A) · op(B) + beta · C on raw row-major storage with leading dimensions
  /// (for slices of larger matrices). The caller guarantees the shapes.
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
    beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// Σx² of `count` floats, accumulated in Double (`dsdot`).
  static func squaredNorm(_ x: UnsafePointer<Float>, count: Int) -> Double {
    count == 0 ? 0 : cblas_dsdot(Int32(count), x, 1, x, 1)
  }

  /// The product op(A) · op(B) as a new matrix.
  public static func product(
    _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false
  ) -> Matrix {
    var c = Matrix(
      rows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
    gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
    return c
  }
}

extension String {
  fileprivate func trimmingCharacters() -> String {
    var s = Substring(self)
    while let last = s.last, last.isWhitespace { s.removeLast() }
    while let first = s.first, first.isWhitespace { s.removeFirst() }
    return String(s)
  }
}
