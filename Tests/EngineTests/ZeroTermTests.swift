@testable import Engine
import EngineKernels
import Foundation
import Testing

/// A weight gradient Aᵀ·B leaves out the terms whose A values are all zero over a tile of rows
/// (an image's blank pixels), where a kernel can: every path still gives the definition's bits,
/// with a zero sum stored as +0, and a term with ∞ or NaN in B is never left out.
@Suite(.serialized) struct ZeroTermTests {
  /// The sums by their definition: start (or 0), then `fmaf` over every p in ascending order,
  /// with subnormals flushed, as the engine's threads compute; a zero may be −0.
  static func sums(_ a: Matrix, _ b: Matrix, start: Matrix?) -> Matrix {
    let (m, n, k) = (a.cols, b.cols, a.rows)
    var c = Matrix(rows: m, cols: n, values: Array(repeating: 0, count: m * n))
    FloatMode.flushingSubnormals {
      for i in 0..<m {
        for j in 0..<n {
          var sum: Float = start?[i, j] ?? 0
          for p in 0..<k { sum = fmaf(a[p, i], b[p, j], sum) }
          c[i, j] = sum
        }
      }
    }
    return c
  }

  static func same(_ x: Float, _ y: Float) -> Bool { x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) }

  /// A stored k × m with blocks of 8 or 6 rows of op(A) all zero for about half the terms (as an
  /// image's blank pixels), −0s among them; B with values whose products with A flush to ±0
  /// (so that a sum can be −0 before it is stored), and now and then ∞ or NaN in a row of B
  /// whose A values are zero for some tiles.
  static func operands(_ g: inout SeededGenerator, m: Int, n: Int, k: Int) -> (Matrix, Matrix) {
    var a = Matrix(rows: k, cols: m, values: Array(repeating: 0, count: k * m))
    let width = g.next() % 2 == 0 ? 8 : 6  // the AVX-512 and AVX2 kernels' tiles
    for p in 0..<k {
      for block in stride(from: 0, to: m, by: width) where g.next() % 2 == 0 {
        for i in block..<min(block + width, m) {
          let r = g.next() % 8
          a[p, i] = r == 0 ? -0.0 : r < 3 ? 0 : r == 3 ? 1e-20 : g.uniform(0, 1)
        }
      }
    }
    var b = Matrix(rows: k, cols: n, values: Array(repeating: 0, count: k * n))
    for p in 0..<k {
      for j in 0..<n {
        let r = g.next() % 16
        b[p, j] = r < 4 ? -1e-19 * g.uniform(0.5, 1) : r < 6 ? 1e-19 : g.uniform(-2, 2)
      }
      if g.next() % 10 == 0 { b[p, Int(g.next() % UInt64(n))] = g.next() % 2 == 0 ? .infinity : .nan }
    }
    return (a, b)
  }

  @Test func leavingOutZeroTermsChangesNoBitOnEveryPath() throws {
    var g = SeededGenerator(seed: 8)
    var zeros = 0
    var negativeZeros = 0
    var notANumber = 0
    for trial in 0..<120 {
      let m = 1 + Int(g.next() % 70)
      // Every fourth product too large for its B to be taken whole (`B_IN_L1_FLOATS`): the
      // tiles run panel by panel rather than row block by row block.
      let large = trial % 4 == 3
      let n = large ? 100 + Int(g.next() % 60) : 1 + Int(g.next() % 70)
      let k = large ? 62 + Int(g.next() % 20) : Int(g.next() % 48)
      let accumulate = g.next() % 2 == 0
      let (a, b) = Self.operands(&g, m: m, n: n, k: k)
      let start = Matrix(
        rows: m, cols: n, values: (0..<(m * n)).map { _ in g.next() % 4 == 0 ? -0.0 : g.uniform(-1e-30, 1e-30) })
      let raw = Self.sums(a, b, start: accumulate ? start : nil)
      // The definition stores a zero as +0.
      let expected = Matrix(rows: m, cols: n, values: raw.values.map { $0 == 0 ? 0 : $0 })
      zeros += expected.values.count { $0 == 0 }
      negativeZeros += raw.values.count { $0 == 0 && $0.sign == .minus }
      notANumber += expected.values.count(where: \.isNaN)
      for path in KernelPathTests.paths {
        var c = start
        try KernelPathTests.on(path) {
          FloatMode.flushingSubnormals {
            MatrixProduct.gemm(a, transposeA: true, b, into: &c, accumulate: accumulate)
          }
        }
        let wrong = c.values.indices.first { !Self.same(c.values[$0], expected.values[$0]) }
        #expect(
          wrong == nil,
          "trial \(trial), \(path): \(m)×\(n)×\(k) accumulate \(accumulate), element \(wrong ?? 0): \(wrong.map { c.values[$0] } ?? 0) for \(wrong.map { expected.values[$0] } ?? 0)")
        // A weight gradient of training, whose rows' squares are summed block by block.
        var d = start
        var squares = [Double](repeating: -1, count: m)
        try KernelPathTests.on(path) {
          FloatMode.flushingSubnormals {
            (a.values + [0]).withUnsafeBufferPointer { pa in  // + [0]: never empty, as for k = 0
              (b.values + [0]).withUnsafeBufferPointer { pb in
                d.values.withUnsafeMutableBufferPointer { pd in
                  MatrixProduct.gemm(
                    transposeA: true, transposeB: false, m: m, n: n, k: k, pa.baseAddress!, lda: m,
                    pb.baseAddress!, ldb: n, pd.baseAddress!, ldc: n, accumulate: accumulate,
                    rowSquares: &squares)
                }
              }
            }
          }
        }
        let wrongSum = d.values.indices.first { !Self.same(d.values[$0], expected.values[$0]) }
        #expect(wrongSum == nil, "trial \(trial), \(path), with row squares: element \(wrongSum ?? 0)")
        let rowSquares = expected.values.withUnsafeBufferPointer { e in
          (0..<m).map { MatrixProduct.sumOfSquares(e.baseAddress! + $0 * n, count: n) }
        }
        #expect(
          zip(squares, rowSquares).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) },
          "trial \(trial), \(path): row squares")
      }
    }
    // The operands reach the cases the rule is for.
    #expect(zeros > 100 && negativeZeros > 20 && notANumber > 100, "\(zeros), \(negativeZeros), \(notANumber)")
  }

  /// The terms a tile of `height` rows from `first` adds, by the rule: those whose A values over
  /// the tile are not all ±0, and those whose row of B holds ∞ or NaN.
  static func keptTerms(_ a: Matrix, _ b: Matrix, first: Int, height: Int) -> [Int32] {
    (0..<a.rows).filter { p in
      (first..<min(first + height, a.cols)).contains { a[p, $0].bitPattern & 0x7FFF_FFFF != 0 }
        || (0..<b.cols).contains { !b[p, $0].isFinite }
    }.map(Int32.init)
  }

  /// Each path that leaves terms out keeps exactly those the rule keeps: no more (which would
  /// cost time and change no bit, so that the test above cannot see it) and no fewer.
  @Test func eachPathsListsKeepExactlyTheTermsTheRuleKeeps() {
    var g = SeededGenerator(seed: 9)
    var listed = [KernelPath: Int]()
    for _ in 0..<80 {
      let (m, n, k) = (1 + Int(g.next() % 70), 1 + Int(g.next() % 40), 9 + Int(g.next() % 40))
      let (a, b) = Self.operands(&g, m: m, n: n, k: k)
      for path in KernelPathTests.paths {
        var lists = [Int32](repeating: -1, count: m * k)
        var counts = [Int64](repeating: -1, count: m)
        let height = Int(mlt_gemm_term_lists(
          path.cPath, Int64(m), Int64(n), Int64(k), a.values, Int64(m), b.values, Int64(n), &lists, &counts))
        guard height > 0 else { continue }
        listed[path, default: 0] += 1
        for (t, first) in stride(from: 0, to: m, by: height).enumerated() {
          let found = Array(lists[(t * k)..<(t * k + Int(counts[t]))])
          let expected = Self.keptTerms(a, b, first: first, height: height)
          #expect(found == expected, "\(path), \(m)×\(n)×\(k), tile \(t): \(found) for \(expected)")
        }
      }
    }
    // Every path with lists used them for most products (each tile's A is zero for about half
    // the terms), so the lists were checked.
    for path in KernelPathTests.paths where path != .portable {
      #expect(listed[path, default: 0] > 40, "\(path): \(listed[path, default: 0]) products with lists")
    }
  }
}
