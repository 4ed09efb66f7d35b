/// Fused optimiser passes: each element of g, v and w is read once and v, w written once,
/// eight lanes at a time (plain multiplies and adds, which vectorise on any x86-64).
enum UpdateKernels {
  typealias Lanes = SIMD8<Float>

  /// What a pass measured: Σu² over the update, and whether every new weight is finite.
  struct Result {
    var updateSquaredNorm: Double
    var finite: Bool
  }

  @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>, _ i: Int) -> Lanes {
    UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self)
  }

  @inline(__always) static func store(_ x: Lanes, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
    UnsafeMutableRawPointer(p + i).storeBytes(of: x, as: Lanes.self)
  }

  /// With g ← c·g + λ₂·w:  v ← μ·v + g;  u = a·g + b·v;  w ← w + u.
  /// Momentum is a = 0, b = −η; Nesterov is a = −η, b = −η·μ.
  static func velocity(
    w: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
    g: UnsafeMutablePointer<Float>, count n: Int,
    clip: Float, l2: Float, mu: Float, a: Float, b: Float
  ) -> Result {
    var accU = Lanes(repeating: 0)
    var poison = Lanes(repeating: 0)
    var i = 0
    while i + 8 <= n {
      let wi = load(w, i)
      let gi = clip * load(g, i) + l2 * wi
      let vi = mu * load(v, i) + gi
      let u = a * gi + b * vi
      let wn = wi + u
      store(vi, v, i)
      store(wn, w, i)
      accU += u * u
      poison += wn - wn
      i += 8
    }
    var tailU: Float = 0
    var tailPoison: Float = 0
    while i < n {
      let gi = clip * g[i] + l2 * w[i]
      v[i] = mu * v[i] + gi
      let u = a * gi + b * v[i]
      w[i] += u
      tailU += u * u
      tailPoison += w[i] - w[i]
      i += 1
    }
    return Result(
      updateSquaredNorm: Double(accU.sum()) + Double(tailU),
      finite: poison.sum() + tailPoison == 0)
  }

  /// With g ← c·g + λ₂·w:  w ← w − η·g.
  static func plain(
    w: UnsafeMutablePointer<Float>, g: UnsafeMutablePointer<Float>, count n: Int,
    clip: Float, l2: Float, lr: Float
  ) -> Result {
    var accU = Lanes(repeating: 0)
    var poison = Lanes(repeating: 0)
    var i = 0
    while i + 8 <= n {
      let wi = load(w, i)
      let u = -lr * (clip * load(g, i) + l2 * wi)
      let wn = wi + u
      store(wn, w, i)
      accU += u * u
      poison += wn - wn
      i += 8
    }
    var tailU: Float = 0
    var tailPoison: Float = 0
    while i < n {
      let u = -lr * (clip * g[i] + l2 * w[i])
      w[i] += u
      tailU += u * u
      tailPoison += w[i] - w[i]
      i += 1
    }
    return Result(
      updateSquaredNorm: Double(accU.sum()) + Double(tailU),
      finite: poison.sum() + tailPoison == 0)
  }
}
