import EngineKernels

/// Fused optimiser passes over rows of a parameter: each element of g, v and w is read once and
/// v, w written once (EngineKernels: vectorised, built for AVX-512, AVX2 and baseline x86-64, the
/// same bits on each). Without clipping and decay (c = 1, λ₂ = 0) g is taken as it is, and the
/// velocity pass with a = 0 takes u = b·v: the formulas' values, in fewer operations (only the
/// sign of a zero velocity can differ, where g is −0), chosen by the settings, not the machine. Each writes every row's ‖Δθ‖² to `rowSquares` and returns whether every new
/// weight is finite.
enum UpdateKernels {
  /// `spec`'s pass over `rows` rows of its weights, `width` wide, with gradient g: with
  /// g ← c·g + λ₂·w, the velocity pass (v ← μ·v + g;  u = a·g + b·v;  w ← w + u: momentum is
  /// a = 0, b = −η, Nesterov a = −η, b = −η·μ) when it has a velocity, else w ← w − η·g.
  static func rows(
    _ spec: mlt_update_spec, g: UnsafeMutablePointer<Float>, rows: Int, width: Int,
    rowSquares: UnsafeMutablePointer<Double>
  ) -> Bool {
    withUnsafePointer(to: spec) {
      mlt_update_rows($0, 0, Int64(rows), Int64(width), g, Int64(width), rowSquares) != 0
    }
  }

  /// Adam: with g ← c·g + λ₂·w:  m ← β₁m + (1−β₁)g;  s ← β₂s + (1−β₂)g²;
  /// u = stepScale·m / (√(s·invCorrection2) + ε);  w ← w + u.
  static func adam(
    w: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>, s: UnsafeMutablePointer<Float>,
    g: UnsafeMutablePointer<Float>, rows: Int, width: Int, clip: Float, l2: Float, b1: Float,
    b2: Float, stepScale: Float, invCorrection2: Float, eps: Float,
    rowSquares: UnsafeMutablePointer<Double>
  ) -> Bool {
    mlt_update_adam(
      w, m, s, g, Int64(rows), Int64(width), clip, l2, b1, b2, stepScale, invCorrection2, eps,
      rowSquares) != 0
  }
}
