@testable import Engine
import Foundation
import Testing

/// A weight gradient applied as it is computed (`MatrixProduct.gemmUpdating`) gives the bits of
/// the product followed by the optimiser's pass over its rows, on every kernel path.
///
/// NB: switches the process's kernel path, as `KernelPathTests` does.
@Suite(.serialized) struct FusedUpdateTests {
  /// m × n gradients over k rows, on both sides of the size that decides between blocks of rows
  /// (all of B in the L1 cache: k·n ≤ 6,144) and the plain product with its pass: the first
  /// layer's at batch 32 and 128, narrow and odd widths, a tile's and a block's edges.
  static let shapes = [
    (784, 128, 32), (784, 128, 128), (13, 10, 7), (37, 37, 5), (9, 3, 1), (17, 129, 9),
    (50, 100, 128), (64, 10, 32),
  ]
  /// Optimiser, L2 and clipping scale: each form of the velocity and plain passes.
  static let forms: [(OptimizerKind, Float, Float)] = [
    (.momentum, 0, 1), (.nesterov, 0, 1), (.momentum, 1e-3, 0.7), (.sgd, 0, 1), (.sgd, 1e-2, 0.5),
    (.nesterov, 1e-3, 0.5),
  ]

  struct Result: Equatable {
    var w: [UInt32], v: [UInt32], squares: [UInt64], finite: Bool
  }

  /// One step on weights w and velocity v (m × n) with the gradient Aᵀ·B, fused or not.
  static func step(
    fused: Bool, _ kind: OptimizerKind, l2: Float, clip: Float, m: Int, n: Int, k: Int,
    a: [Float], b: [Float], w: [Float], v: [Float]
  ) -> Result {
    let step = Optimizer.Step(
      kind: kind, lr: 0.05, mu: 0.9, b1: 0.9, b2: 0.999, eps: 1e-8, l1: 0, l2: l2, correction1: 1,
      correction2: 1)
    var (w, v) = (w, v)
    var c = [Float](repeating: 0, count: m * n)
    var squares = [Double](repeating: 0, count: m)
    var finite = false
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        w.withUnsafeMutableBufferPointer { w in
          v.withUnsafeMutableBufferPointer { v in
            c.withUnsafeMutableBufferPointer { c in
              squares.withUnsafeMutableBufferPointer { squares in
                let (pa, pb, pc, sq) = (a.baseAddress!, b.baseAddress!, c.baseAddress!, squares.baseAddress!)
                let velocity = kind == .sgd ? nil : v.baseAddress!
                if fused {
                  let spec = Optimizer.spec(
                    step, decays: true, w: w.baseAddress!, velocity: velocity, width: n, clipScale: clip)!
                  finite = MatrixProduct.gemmUpdating(
                    m: m, n: n, k: k, pa, lda: m, pb, ldb: n, scratch: pc, ldc: n, update: spec,
                    rowSquares: sq)
                } else {
                  MatrixProduct.gemm(
                    transposeA: true, transposeB: false, m: m, n: n, k: k, pa, lda: m, pb, ldb: n, pc,
                    ldc: n, accumulate: false)
                  finite = Optimizer.apply(
                    step, decays: true, w: w.baseAddress!, g: pc, first: velocity, second: nil,
                    rows: m, width: n, clipScale: clip, rowSquares: sq)
                }
              }
            }
          }
        }
      }
    }
    return Result(
      w: w.map(\.bitPattern), v: v.map(\.bitPattern), squares: squares.map(\.bitPattern),
      finite: finite)
  }

  /// Inputs with blank features (a quarter of them zero in every row, so the product leaves
  /// terms out) and scattered zeros, velocities with zeros of both signs.
  static func operands(_ m: Int, _ n: Int, _ k: Int, _ g: inout SeededGenerator)
    -> (a: [Float], b: [Float], w: [Float], v: [Float])
  {
    let a = (0..<(k * m)).map { i -> Float in
      let x = g.uniform(-1, 1)
      return i % m < m / 4 || abs(x) < 0.1 ? 0 : x
    }
    let b = (0..<(k * n)).map { _ in g.uniform(-0.01, 0.01) }
    let w = (0..<(m * n)).map { _ in g.uniform(-1, 1) }
    let v = (0..<(m * n)).map { i -> Float in i % 7 == 0 ? (i % 2 == 0 ? 0 : -0.0) : g.uniform(-1e-3, 1e-3) }
    return (a, b, w, v)
  }

  @Test func aFusedStepIsTheProductThenThePass() throws {
    var g = SeededGenerator(seed: 17)
    for (m, n, k) in Self.shapes {
      let (a, b, w, v) = Self.operands(m, n, k, &g)
      for (kind, l2, clip) in Self.forms {
        for path in KernelPathTests.paths {
          let (separate, fused) = try KernelPathTests.on(path) {
            (
              Self.step(fused: false, kind, l2: l2, clip: clip, m: m, n: n, k: k, a: a, b: b, w: w, v: v),
              Self.step(fused: true, kind, l2: l2, clip: clip, m: m, n: n, k: k, a: a, b: b, w: w, v: v)
            )
          }
          #expect(fused.finite && separate.finite)
          #expect(fused == separate, "\(m)×\(n)×\(k) \(kind) l2 \(l2) clip \(clip) on \(path)")
        }
      }
    }
  }

  /// A weight that is infinite before the step stays so, and both forms say so.
  @Test func aWeightThatIsNotFiniteIsReported() throws {
    var g = SeededGenerator(seed: 18)
    for (m, n, k) in [(40, 20, 8), (50, 100, 128)] {
      var (a, b, w, v) = Self.operands(m, n, k, &g)
      w[m * n / 2 + 3] = .infinity
      for path in KernelPathTests.paths {
        let (separate, fused) = try KernelPathTests.on(path) {
          (
            Self.step(fused: false, .momentum, l2: 0, clip: 1, m: m, n: n, k: k, a: a, b: b, w: w, v: v),
            Self.step(fused: true, .momentum, l2: 0, clip: 1, m: m, n: n, k: k, a: a, b: b, w: w, v: v)
          )
        }
        #expect(!fused.finite && fused == separate, "\(m)×\(n)×\(k) on \(path)")
      }
    }
  }

  /// The largest magnitude is exact, and anything not finite reads as +∞.
  @Test func maxMagnitude() {
    let values: [Float] = [0.5, -3, 2, -0.0, .leastNonzeroMagnitude]
    #expect(MatrixProduct.maxMagnitude(values, count: values.count) == 3)
    #expect(MatrixProduct.maxMagnitude(values, count: 0) == 0)
    for bad in [Float.nan, -.infinity, .infinity] {
      let x = values + [bad] + values
      #expect(MatrixProduct.maxMagnitude(x, count: x.count) == .infinity)
    }
  }
}
