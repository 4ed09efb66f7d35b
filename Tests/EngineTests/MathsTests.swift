@testable import Engine
import EngineKernels
import Foundation
import Testing

/// The engine's own elementary functions against the C library's, and their special values.
@Suite struct MathsTests {
  /// Units in the last place between two floats.
  static func ulps(_ a: Float, _ b: Float) -> Int {
    if a == b { return 0 }
    return abs(Int(Int32(bitPattern: a.bitPattern)) - Int(Int32(bitPattern: b.bitPattern)))
  }

  static func relative(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / max(abs(a), abs(b))
  }

  /// Float functions within one unit in the last place of the double-precision result rounded
  /// to float, over their working range.
  @Test func floatFunctionsAgreeWithTheCLibrary() {
    var g = SeededGenerator(seed: 2)
    var worst = (exp: 0, log: 0, tanh: 0)
    for _ in 0..<20000 {
      let x = g.uniform(-87, 88)
      worst.exp = max(worst.exp, Self.ulps(Maths.exp(x), Float(Foundation.exp(Double(x)))))
      let y = Float(Foundation.exp(Double(g.uniform(-80, 80))))
      worst.log = max(worst.log, Self.ulps(Maths.log(y), Float(Foundation.log(Double(y)))))
      let z = g.uniform(-10, 10)
      worst.tanh = max(worst.tanh, Self.ulps(Maths.tanh(z), Float(Foundation.tanh(Double(z)))))
    }
    #expect(worst.exp <= 1, "exp: \(worst.exp) ulps")
    #expect(worst.log <= 1, "log: \(worst.log) ulps")
    #expect(worst.tanh <= 1, "tanh: \(worst.tanh) ulps")
  }

  @Test func doubleFunctionsAgreeWithTheCLibrary() {
    var g = SeededGenerator(seed: 3)
    var worst = (exp: 0.0, log: 0.0, sin: 0.0, cos: 0.0, pow: 0.0)
    for _ in 0..<20000 {
      let x = Double(g.uniform(-700, 700)) + Double(g.uniform(0, 1)) * 1e-3
      worst.exp = max(worst.exp, Self.relative(Maths.exp(x), Foundation.exp(x)))
      let y = Foundation.exp(Double(g.uniform(-700, 700)))
      worst.log = max(worst.log, abs(Maths.log(y) - Foundation.log(y)) / max(1, abs(Foundation.log(y))))
      let a = Double(g.uniform(-40, 40))
      worst.sin = max(worst.sin, abs(Maths.sin(a) - Foundation.sin(a)))
      worst.cos = max(worst.cos, abs(Maths.cos(a) - Foundation.cos(a)))
      let b = Double(g.uniform(0.5, 0.9999))
      let t = Double(g.next() % 100_000)
      worst.pow = max(worst.pow, Self.relative(Maths.pow(b, t), Foundation.pow(b, t)))
    }
    #expect(worst.exp < 1e-15, "exp: relative \(worst.exp)")
    #expect(worst.log < 1e-15, "log: \(worst.log)")
    #expect(worst.sin < 1e-15 && worst.cos < 1e-15, "sin \(worst.sin), cos \(worst.cos)")
    #expect(worst.pow < 1e-11, "pow: relative \(worst.pow)")
  }

  @Test func specialValues() {
    #expect(Maths.exp(Float(0)) == 1)
    #expect(Maths.exp(Float(100)) == .infinity)
    #expect(Maths.exp(Float(-200)) == 0)
    #expect(Maths.exp(Float.nan).isNaN)
    #expect(Maths.log(Float(1)) == 0)
    #expect(Maths.log(Float(0)) == -.infinity)
    #expect(Maths.log(Float(-1)).isNaN)
    #expect(Maths.log(Float.infinity) == .infinity)
    #expect(Maths.tanh(Float(20)) == 1 && Maths.tanh(Float(-20)) == -1)
    #expect(Maths.tanh(Float(1e-6)) == 1e-6)
    #expect(Maths.exp(0.0) == 1 && Maths.exp(1000.0) == .infinity && Maths.exp(-1000.0) == 0)
    #expect(Maths.log(1.0) == 0 && Maths.log(0.0) == -.infinity && Maths.log(-2.0).isNaN)
    #expect(abs(Maths.log(Double.leastNonzeroMagnitude) - Foundation.log(Double.leastNonzeroMagnitude)) < 1e-12)
    #expect(Maths.sin(0.0) == 0 && Maths.cos(0.0) == 1)
    #expect(Maths.sin(Double.infinity).isNaN && Maths.cos(Double.nan).isNaN)
    #expect(Maths.pow(0.9, 0) == 1)
  }

  /// Subnormal inputs count as zero, as they do for the rest of the engine's arithmetic.
  @Test func subnormalInputsCountAsZero() {
    let tiny = Float.leastNonzeroMagnitude * 4
    #expect(Maths.exp(tiny) == 1)
    #expect(Maths.log(tiny) == -.infinity)
    #expect(Maths.tanh(tiny) == 0)
  }
}

/// Subnormal numbers are flushed while the engine computes, and only then.
@Suite struct FloatModeTests {
  @Test func productsFlushSubnormalsAndPutTheModeBack() {
    let before = mlt_flushing_subnormals()
    let subnormal = Float.leastNormalMagnitude / 1024
    // A subnormal input counts as zero (DAZ), and a product below the normal range is zero (FTZ).
    let c = MatrixProduct.product(Matrix([[subnormal, 1e-20]]), Matrix([[1], [1e-20]]))
    #expect(c[0, 0] == 0)
    #expect(mlt_flushing_subnormals() == before, "the caller's mode is put back")
    #expect(subnormal * 1 != 0, "outside the engine subnormals are what IEEE says")
  }

  /// Momentum's velocity of a weight that no longer sees a gradient decays to zero instead of
  /// lingering among the subnormals (where each operation would cost a microcode assist).
  @Test func velocitiesDecayToZero() {
    var w: [Float] = [1, 1]
    var v: [Float] = [1e-30, 1e-30]
    var g: [Float] = [0, 0]
    var squares: [Double] = [0]
    FloatMode.flushingSubnormals {
      for _ in 0..<40 {
        _ = UpdateKernelTests.velocity(
          w: &w, v: &v, g: &g, rows: 1, width: 2, clip: 1, l2: 0, mu: 0.5, a: 0, b: -0.1,
          rowSquares: &squares)
      }
    }
    #expect(v == [0, 0], "0.5⁴⁰·1e-30 ≈ 9e-43 is subnormal: flushed to 0")
  }

  /// The pool's threads compute with subnormals flushed too.
  @Test func poolThreadsFlush() throws {
    let pool = try #require(WorkerPool(size: 3))
    var flushing = [Int32](repeating: 0, count: 3)
    flushing.withUnsafeMutableBufferPointer { f in
      FloatMode.flushingSubnormals { pool.run { i in f[i] = mlt_flushing_subnormals() } }
    }
    #expect(flushing == [1, 1, 1])
  }
}

@Suite struct ComputeThreadsTests {
  @Test func aStepUsesNoMoreThreadsThanItsBatchPaysFor() {
    guard ComputeThreads.chosen == nil else { return }  // a count set from outside decides
    let cores = ComputeThreads.cores
    #expect(ComputeThreads.threads(forBatch: 4, parameters: 109_386) == 1)
    #expect(ComputeThreads.threads(forBatch: 8, parameters: 109_386) == min(cores, 2))
    #expect(ComputeThreads.threads(forBatch: 32, parameters: 109_386) == min(cores, 8))
    #expect(ComputeThreads.threads(forBatch: 32, parameters: 20_000) == min(cores, 2), "work per thread")
    #expect(ComputeThreads.threads(forBatch: 512, parameters: 109_386) == min(cores, 128))
    #expect(ComputeThreads.threads(forBatch: 512, parameters: 100) == 1, "too little work to share")
  }

  @Test func environmentValuesAreChecked() {
    #expect(ComputeThreads.problem(withEnvironment: nil) == nil)
    #expect(ComputeThreads.problem(withEnvironment: "3") == nil)
    #expect(
      ComputeThreads.problem(withEnvironment: "0")
        == "MLTUTOR_THREADS=0 is not a thread count (use a whole number from 1 to 256)")
    #expect(ComputeThreads.problem(withEnvironment: "many") != nil)
    #expect(KernelPath.problem(withEnvironment: nil) == nil)
    #expect(KernelPath.problem(withEnvironment: "portable") == nil)
    #expect(
      KernelPath.problem(withEnvironment: "sse9")
        == "MLTUTOR_KERNELS=sse9 is not a kernel path (use one of portable, avx2, avx512)")
    for path in KernelPath.allCases where !path.isAvailable {
      #expect(KernelPath.problem(withEnvironment: path.rawValue)?.contains("this CPU cannot run") == true)
    }
  }
}
