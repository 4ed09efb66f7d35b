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
  static func update(
    _ parameters: [Parameter], state: inout OptimizerState, hyper: Hyperparameters,
    clipScale: Float
  ) -> [ParameterUpdate] {
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
    let lr = hyper.learningRate
    let mu = hyper.momentum
    let b1 = hyper.beta1
    let b2 = hyper.beta2
    let eps = hyper.epsilon
    let t = Float(state.adamSteps)
    let correction1 = kind == .adam ? 1 - _powf(b1, t) : 1
    let correction2 = kind == .adam ? 1 - _powf(b2, t) : 1
    var results: [ParameterUpdate] = []
    results.reserveCapacity(parameters.count)
    for (index, p) in parameters.enumerated() {
      let l2 = p.decays ? hyper.l2 : 0
      let l1 = p.decays ? hyper.l1 : 0
      var updateSq: Double = 0
      var poison: Float = 0
      let n = p.count
      p.gradient.values.withUnsafeBufferPointer { grad in
        p.value.values.withUnsafeMutableBufferPointer { w in
          switch kind {
          case .sgd:
            for i in 0..<n {
              let g = clipScale * grad[i] + l2 * w[i] + l1 * sign(w[i])
              let u = -lr * g
              w[i] += u
              updateSq += Double(u * u)
              poison += w[i] - w[i]
            }
          case .momentum, .nesterov:
            let nesterov = kind == .nesterov
            state.first[index].withUnsafeMutableBufferPointer { v in
              for i in 0..<n {
                let g = clipScale * grad[i] + l2 * w[i] + l1 * sign(w[i])
                v[i] = mu * v[i] + g
                let u = nesterov ? -lr * (g + mu * v[i]) : -lr * v[i]
                w[i] += u
                updateSq += Double(u * u)
                poison += w[i] - w[i]
              }
            }
          case .adam:
            state.first[index].withUnsafeMutableBufferPointer { m in
              state.second[index].withUnsafeMutableBufferPointer { s in
                for i in 0..<n {
                  let g = clipScale * grad[i] + l2 * w[i] + l1 * sign(w[i])
                  m[i] = b1 * m[i] + (1 - b1) * g
                  s[i] = b2 * s[i] + (1 - b2) * g * g
                  let u = -lr * (m[i] / correction1) / ((s[i] / correction2).squareRoot() + eps)
                  w[i] += u
                  updateSq += Double(u * u)
                  poison += w[i] - w[i]
                }
              }
            }
          }
        }
      }
      results.append(
        ParameterUpdate(
          updateSquaredNorm: updateSq, finite: poison == 0))
    }
    return results
  }

  @inline(__always) static func sign(_ x: Float) -> Float {
    x > 0 ? 1 : (x < 0 ? -1 : 0)
  }
}
