import Testing

@testable import Engine
import EngineKernels

/// The vectorised update passes give, bit for bit, what one element at a time gives: the same
/// weights, velocities and row sums of squares (eight running sums, in lane order), for widths
/// that end inside a 16-wide block, an 8-wide block and the scalar tail.
@Suite struct UpdateKernelTests {
  /// Element by element, as the definition in `UpdateKernels` reads.
  static func reference(
    w: inout [Float], v: inout [Float]?, g: [Float], rows: Int, width: Int, clip: Float, l2: Float,
    mu: Float, a: Float, b: Float, lr: Float
  ) -> (squares: [Double], finite: Bool) {
    var squares: [Double] = []
    var finite = true
    for r in 0..<rows {
      var lanes = [Float](repeating: 0, count: 8), poison = [Float](repeating: 0, count: 8)
      var tail: Float = 0, tailPoison: Float = 0
      let whole = width / 8 * 8
      for c in 0..<width {
        let i = r * width + c
        // Without clipping and decay g is taken as it is, and with a = 0, u = b·v.
        let raw = clip == 1 && l2 == 0
        let gi = raw ? g[i] : clip * g[i] + l2 * w[i]
        let u: Float
        if v != nil {
          let vi = mu * v![i] + gi
          v![i] = vi
          u = raw && a == 0 ? b * vi : a * gi + b * vi
        } else {
          u = -lr * gi
        }
        let wn = w[i] + u
        w[i] = wn
        if c < whole {
          lanes[c % 8] += u * u
          poison[c % 8] += wn - wn
        } else {
          tail += u * u
          tailPoison += wn - wn
        }
      }
      var sum: Float = -0.0
      for k in 0..<8 { sum += lanes[k] }
      squares.append(Double(sum) + Double(tail))
      var poisoned: Float = -0.0
      for k in 0..<8 { poisoned += poison[k] }
      if poisoned + tailPoison != 0 { finite = false }
    }
    return (squares, finite)
  }

  static func values(_ n: Int, seed: UInt64) -> [Float] {
    var generator = SeededGenerator(seed: seed)
    return (0..<n).map { i in
      let x = Float(Double(generator.next() % 2_000_001) / 1_000_000 - 1)
      return i % 11 == 3 ? x * 1e-20 : i % 13 == 5 ? -0.0 : x
    }
  }

  /// Clipping, decay and Nesterov's gradient term; Nesterov alone; momentum alone.
  static let velocitySettings: [(clip: Float, l2: Float, a: Float)] = [
    (0.75, 1e-3, -0.01), (1, 0, -0.01), (1, 0, 0),
  ]

  @Test(arguments: [1, 7, 8, 9, 15, 16, 17, 24, 31, 33, 40, 64, 129], [0, 1, 2])
  func velocityMatchesOneElementAtATime(width: Int, setting: Int) {
    let (clip, l2, a) = Self.velocitySettings[setting]
    let rows = 3
    let g = Self.values(rows * width, seed: UInt64(width))
    var w = Self.values(rows * width, seed: UInt64(width) + 100)
    var v: [Float]? = Self.values(rows * width, seed: UInt64(width) + 200)
    var wk = w, vk = v!, gk = g
    var squares = [Double](repeating: 0, count: rows)
    let finite = Self.velocity(
      w: &wk, v: &vk, g: &gk, rows: rows, width: width, clip: clip, l2: l2, mu: 0.9, a: a,
      b: -0.05, rowSquares: &squares)
    let expected = Self.reference(
      w: &w, v: &v, g: g, rows: rows, width: width, clip: clip, l2: l2, mu: 0.9, a: a,
      b: -0.05, lr: 0)
    #expect(wk.map(\.bitPattern) == w.map(\.bitPattern))
    #expect(vk.map(\.bitPattern) == v!.map(\.bitPattern))
    #expect(squares.map(\.bitPattern) == expected.squares.map(\.bitPattern))
    #expect(finite == expected.finite && finite)
  }

  @Test(arguments: [1, 8, 13, 16, 23, 48, 129], [Float(0.01), 0])
  func plainMatchesOneElementAtATime(width: Int, l2: Float) {
    let rows = 2
    let g = Self.values(rows * width, seed: UInt64(width) + 300)
    var w = Self.values(rows * width, seed: UInt64(width) + 400)
    var none: [Float]? = nil
    var wk = w, gk = g
    var squares = [Double](repeating: 0, count: rows)
    let finite = wk.withUnsafeMutableBufferPointer { pw in
      UpdateKernels.rows(
        mlt_update_spec(
          w: pw.baseAddress!, v: nil, ldw: Int64(width), clip: 1, l2: l2, mu: 0, a: 0, b: 0, lr: 0.1),
        g: &gk, rows: rows, width: width, rowSquares: &squares)
    }
    let expected = Self.reference(
      w: &w, v: &none, g: g, rows: rows, width: width, clip: 1, l2: l2, mu: 0, a: 0, b: 0,
      lr: 0.1)
    #expect(wk.map(\.bitPattern) == w.map(\.bitPattern))
    #expect(squares.map(\.bitPattern) == expected.squares.map(\.bitPattern))
    #expect(finite == expected.finite && finite)
  }

  /// An infinite gradient anywhere in a row, in a block or in the tail, is reported.
  @Test(arguments: [3, 12, 20])
  func aNonFiniteWeightIsReported(position: Int) {
    let width = 21
    var w = [Float](repeating: 0.5, count: width), v = [Float](repeating: 0, count: width)
    var g = [Float](repeating: 0.1, count: width)
    g[position] = .infinity
    var squares = [0.0]
    #expect(
      !Self.velocity(
        w: &w, v: &v, g: &g, rows: 1, width: width, clip: 1, l2: 0, mu: 0.9, a: 0, b: -0.1,
        rowSquares: &squares))
  }

  /// The velocity pass, through the entry the engine uses (`UpdateKernels.rows`).
  static func velocity(
    w: inout [Float], v: inout [Float], g: inout [Float], rows: Int, width: Int, clip: Float,
    l2: Float, mu: Float, a: Float, b: Float, rowSquares: inout [Double]
  ) -> Bool {
    w.withUnsafeMutableBufferPointer { pw in
      v.withUnsafeMutableBufferPointer { pv in
        UpdateKernels.rows(
          mlt_update_spec(
            w: pw.baseAddress!, v: pv.baseAddress!, ldw: Int64(width), clip: clip, l2: l2, mu: mu,
            a: a, b: b, lr: 0),
          g: &g, rows: rows, width: width, rowSquares: &rowSquares)
      }
    }
  }
}
