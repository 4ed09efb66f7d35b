import EngineKernels

/// What an optimiser remembers between steps: one buffer per parameter (and two for Adam).
/// A value, so that a checkpoint copies it.
public struct OptimizerState: Equatable, Sendable {
  /// Momentum and Nesterov's velocity v; Adam's first moment m.
  var first: [[Float]] = []
  /// Adam's second moment.
  var second: [[Float]] = []
  /// Adam's step counter t (for bias correction).
  var adamSteps: Int = 0
  /// The optimiser that filled these buffers; nil before the first update.
  var kind: OptimizerKind?

  public init() {}
}

/// What one update did to one parameter.
struct ParameterUpdate {
  /// ‖Δθ‖².
  var updateSquaredNorm: Double = 0
  /// False when a weight became NaN or infinite.
  var finite = true
}

/// Applies one optimiser step to parameters, PyTorch's conventions:
/// - SGD: θ ← θ − η·g
/// - momentum: v ← μ·v + g;  θ ← θ − η·v
/// - Nesterov: v ← μ·v + g;  θ ← θ − η·(g + μ·v)
/// - Adam: m ← β₁m + (1−β₁)g;  s ← β₂s + (1−β₂)g²;  θ ← θ − η·m̂/(√ŝ + ε), with
///   m̂ = m/(1−β₁ᵗ) and ŝ = s/(1−β₂ᵗ)
/// where g = c·∂L/∂θ + λ₂θ + λ₁·sign(θ) (decay on weights only) and c ≤ 1 is the clipping scale.
enum Optimizer {
  /// One step's settings, after `prepare`.
  struct Step {
    var kind: OptimizerKind
    var lr, mu, b1, b2, eps: Float
    var l1, l2: Float
    var correction1, correction2: Float
  }

  /// The whole update: `prepare`, then `apply` to every parameter.
  static func update(
    _ parameters: [Parameter], state: inout OptimizerState, hyper: Hyperparameters,
    clipScale: Float
  ) -> [ParameterUpdate] {
    let step = prepare(parameters, state: &state, hyper: hyper)
    var results: [ParameterUpdate] = []
    results.reserveCapacity(parameters.count)
    var rowSquares: [Double] = []
    for (index, p) in parameters.enumerated() {
      // NB: the gradient buffer is scratch from here on: backpropagation refills it next step.
      let (rows, width) = (p.value.rows, p.value.cols)
      if rowSquares.count < rows { rowSquares = [Double](repeating: 0, count: rows) }
      var finite = true
      p.gradient.values.withUnsafeMutableBufferPointer { gb in
        p.value.values.withUnsafeMutableBufferPointer { wb in
          rowSquares.withUnsafeMutableBufferPointer { squares in
            withMoments(&state, index) { first, second in
              guard let g = gb.baseAddress, let w = wb.baseAddress, let sq = squares.baseAddress
              else { return }
              finite = apply(
                step, decays: p.decays, w: w, g: g, first: first, second: second, rows: rows,
                width: width, clipScale: clipScale, rowSquares: sq)
            }
          }
        }
      }
      var total: Double = 0
      for r in 0..<rows { total += rowSquares[r] }
      results.append(ParameterUpdate(updateSquaredNorm: total, finite: finite))
    }
    return results
  }

  /// Readies `state` for a step of `hyper.optimizer` (buffers, Adam's step count) and returns
  /// the step's constants.
  static func prepare(
    _ parameters: [Parameter], state: inout OptimizerState, hyper: Hyperparameters
  ) -> Step {
    let kind = hyper.optimizer
    // Buffers belong to the optimiser that filled them. Momentum and Nesterov share the
    // velocity v; any other switch starts the new optimiser from zero, as a fresh one would
    // (a momentum velocity is no Adam moment, and a velocity left from before an SGD stretch
    // is stale).
    let velocityKinds: [OptimizerKind] = [.momentum, .nesterov]
    if let previous = state.kind, previous != kind,
      !(velocityKinds.contains(previous) && velocityKinds.contains(kind))
    {
      state = OptimizerState()
    }
    state.kind = kind
    if kind != .sgd && state.first.count != parameters.count {
      state.first = parameters.map { [Float](repeating: 0, count: $0.count) }
    }
    if kind == .adam {
      if state.second.count != parameters.count {
        state.second = parameters.map { [Float](repeating: 0, count: $0.count) }
      }
      state.adamSteps += 1
    }
    let t = Float(state.adamSteps)
    return Step(
      kind: kind, lr: hyper.learningRate, mu: hyper.momentum, b1: hyper.beta1, b2: hyper.beta2,
      eps: hyper.epsilon, l1: hyper.l1, l2: hyper.l2,
      correction1: kind == .adam ? 1 - _powf(hyper.beta1, t) : 1,
      correction2: kind == .adam ? 1 - _powf(hyper.beta2, t) : 1)
  }

  /// Calls `body` with parameter `index`'s optimiser buffers (nil when the optimiser has none).
  static func withMoments<R>(
    _ state: inout OptimizerState, _ index: Int,
    _ body: (UnsafeMutablePointer<Float>?, UnsafeMutablePointer<Float>?) -> R
  ) -> R {
    func second(_ first: UnsafeMutablePointer<Float>?) -> R {
      guard index < state.second.count else { return body(first, nil) }
      return state.second[index].withUnsafeMutableBufferPointer { body(first, $0.baseAddress) }
    }
    guard index < state.first.count else { return second(nil) }
    return state.first[index].withUnsafeMutableBufferPointer { second($0.baseAddress) }
  }

  /// Applies `step` to `rows` rows of `width` elements of one parameter: weights `w`, gradient
  /// `g` (used as scratch) and the optimiser's buffers for those elements. Writes each row's
  /// ‖Δθ‖² to `rowSquares` (a parameter's is the sum of its rows' in order, however its rows are
  /// shared out among threads) and returns whether every new weight is finite.
  static func apply(
    _ step: Step, decays: Bool, w: UnsafeMutablePointer<Float>, g: UnsafeMutablePointer<Float>,
    first: UnsafeMutablePointer<Float>?, second: UnsafeMutablePointer<Float>?, rows: Int,
    width n: Int, clipScale: Float, rowSquares: UnsafeMutablePointer<Double>
  ) -> Bool {
    guard rows > 0 && n > 0 else { return true }
    let l2 = decays ? step.l2 : 0
    let l1 = decays ? step.l1 : 0
    let lr = step.lr
    // λ₁·sign(w) has no fused form; it is rare enough to take its own pass.
    var clipScale = clipScale
    if l1 != 0 {
      for i in 0..<(rows * n) { g[i] = clipScale * g[i] + l1 * sign(w[i]) }
      clipScale = 1
    }
    if let spec = spec(step, decays: decays, w: w, velocity: first, width: n, clipScale: clipScale) {
      return UpdateKernels.rows(spec, g: g, rows: rows, width: n, rowSquares: rowSquares)
    }
    guard let m = first, let s = second else { preconditionFailure("Adam needs its moments") }
    return UpdateKernels.adam(
      w: w, m: m, s: s, g: g, rows: rows, width: n, clip: clipScale, l2: l2, b1: step.b1,
      b2: step.b2, stepScale: -lr / step.correction1, invCorrection2: 1 / step.correction2,
      eps: step.eps, rowSquares: rowSquares)
  }

  /// `step` for one parameter's weights `w` (rows `width` apart) and, for momentum and
  /// Nesterov, their velocity, as the velocity or plain pass takes it; nil for Adam.
  /// NB: λ₁ is not in it (`apply` takes its own pass for it first).
  static func spec(
    _ step: Step, decays: Bool, w: UnsafeMutablePointer<Float>,
    velocity: UnsafeMutablePointer<Float>?, width: Int, clipScale: Float
  ) -> mlt_update_spec? {
    let l2 = decays ? step.l2 : 0
    let lr = step.lr
    switch step.kind {
    case .sgd:
      return mlt_update_spec(
        w: w, v: nil, ldw: Int64(width), clip: clipScale, l2: l2, mu: 0, a: 0, b: 0, lr: lr)
    case .momentum, .nesterov:
      guard let velocity else { preconditionFailure("momentum needs its velocity") }
      let nesterov = step.kind == .nesterov
      return mlt_update_spec(
        w: w, v: velocity, ldw: Int64(width), clip: clipScale, l2: l2, mu: step.mu,
        a: nesterov ? -lr : 0, b: nesterov ? -lr * step.mu : -lr, lr: lr)
    case .adam:
      return nil
    }
  }

  @inline(__always) static func sign(_ x: Float) -> Float {
    x > 0 ? 1 : (x < 0 ? -1 : 0)
  }
}
