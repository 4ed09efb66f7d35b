/// Batch normalisation of each feature (column) over the batch's rows, then a learned scale
/// and shift: y = γ · x̂ + β with x̂ = (x − μ) / √(σ² + ε).
///
/// Training: μ and σ² are the batch's mean and (biased) variance of each feature, and the
/// running statistics move towards them: μᵣ ← (1 − m)·μᵣ + m·μ, σ²ᵣ ← (1 − m)·σ²ᵣ + m·σ²·n/(n − 1)
/// (the unbiased variance, as PyTorch's `BatchNorm1d` keeps it), with m = 0.1 and ε = 1e-5.
/// Inference uses the running statistics, so an example's output does not depend on the others.
///
/// Backward, with G = ∂L/∂Y over n rows: ∂L/∂γ = Σ_rows G ⊙ x̂, ∂L/∂β = Σ_rows G and, in
/// training, ∂L/∂X = γ/(n·√(σ² + ε)) · (n·G − ∂L/∂β − x̂ ⊙ ∂L/∂γ) (μ and σ² depend on every row);
/// at inference ∂L/∂X = γ/√(σ²ᵣ + ε) · G.
///
/// Every sum over rows runs in row order in Double, whatever the thread count or kernel path.
public final class BatchNorm: Layer {
  public static let momentum: Float = 0.1
  public static let epsilon: Float = 1e-5

  public let width: Int
  /// γ, one per feature, starting at 1.
  public let scale: Parameter
  /// β, one per feature, starting at 0.
  public let shift: Parameter
  /// μᵣ and σ²ᵣ (1 × width each): state, not parameters; they start at 0 and 1.
  public var runningMean: Matrix
  public var runningVariance: Matrix
  private var normalized = Matrix(rows: 0, cols: 0)
  /// 1 / √(σ² + ε) per feature, as used by the last forward pass.
  private var inverseDeviation: [Float] = []
  private var output = Matrix(rows: 0, cols: 0)
  private var inputGradient = Matrix(rows: 0, cols: 0)
  private var trained = false

  /// A layer whose parameters are named `norm<index>.scale` and `norm<index>.shift`.
  public convenience init(width: Int, index: Int) {
    self.init(width: width, prefix: "norm\(index)")
  }

  private init(width: Int, prefix: String) {
    self.width = width
    scale = Parameter(name: "\(prefix).scale", value: Matrix(rows: 1, cols: width), decays: false)
    shift = Parameter(name: "\(prefix).shift", value: Matrix(rows: 1, cols: width), decays: false)
    runningMean = Matrix(rows: 1, cols: width)
    runningVariance = Matrix(rows: 1, cols: width)
    resetToStart()
  }

  /// γ = 1, β = 0, μᵣ = 0, σ²ᵣ = 1: the identity at inference.
  public func resetToStart() {
    scale.value.fill(1)
    shift.value.fill(0)
    runningMean.fill(0)
    runningVariance.fill(1)
  }

  /// The prefix of the parameters' names: `norm<index>`.
  public var name: String { String(scale.name.dropLast(".scale".count)) }

  public var parameters: [Parameter] { [scale, shift] }
  public func outputSize(forInput size: Int) -> Int { size }

  public func forward(_ x: Matrix, mode: inout ForwardMode) -> Matrix {
    precondition(x.cols == width, "batch normalisation expects \(width) features, got \(x.cols)")
    let (n, w) = (x.rows, width)
    trained = mode.isTraining
    if trained {
      let (mean, variance) = BatchNorm.statistics(x)
      inverseDeviation = variance.map { Float(1 / ($0 + Double(BatchNorm.epsilon)).squareRoot()) }
      let m = BatchNorm.momentum
      let correction = n > 1 ? Double(n) / Double(n - 1) : 1
      for c in 0..<w {
        runningMean.values[c] = (1 - m) * runningMean.values[c] + m * Float(mean[c])
        runningVariance.values[c] = (1 - m) * runningVariance.values[c] + m * Float(variance[c] * correction)
      }
      normalize(x, mean: mean.map { Float($0) })
    } else {
      inverseDeviation = runningVariance.values.map { 1 / ($0 + BatchNorm.epsilon).squareRoot() }
      normalize(x, mean: runningMean.values)
    }
    if output.cols != w { output = Matrix(rows: n, cols: w) }
    output.resize(rows: n)
    let (gamma, beta) = (scale.value.values, shift.value.values)
    normalized.values.withUnsafeBufferPointer { xh in
      output.values.withUnsafeMutableBufferPointer { y in
        for r in 0..<n {
          for c in 0..<w { y[r * w + c] = gamma[c] * xh[r * w + c] + beta[c] }
        }
      }
    }
    return output
  }

  /// Each feature's mean and biased variance over the rows, summed in row order.
  static func statistics(_ x: Matrix) -> (mean: [Double], variance: [Double]) {
    let (n, w) = (x.rows, x.cols)
    var mean = [Double](repeating: 0, count: w)
    var variance = [Double](repeating: 0, count: w)
    guard n > 0 else { return (mean, variance) }
    x.values.withUnsafeBufferPointer { v in
      for r in 0..<n {
        for c in 0..<w { mean[c] += Double(v[r * w + c]) }
      }
      for c in 0..<w { mean[c] /= Double(n) }
      for r in 0..<n {
        for c in 0..<w {
          let d = Double(v[r * w + c]) - mean[c]
          variance[c] += d * d
        }
      }
    }
    for c in 0..<w { variance[c] /= Double(n) }
    return (mean, variance)
  }

  /// x̂ = (x − mean) · inverseDeviation, feature by feature.
  private func normalize(_ x: Matrix, mean: [Float]) {
    let (n, w) = (x.rows, width)
    if normalized.cols != w { normalized = Matrix(rows: n, cols: w) }
    normalized.resize(rows: n)
    let inv = inverseDeviation
    x.values.withUnsafeBufferPointer { xs in
      normalized.values.withUnsafeMutableBufferPointer { xh in
        for r in 0..<n {
          for c in 0..<w { xh[r * w + c] = (xs[r * w + c] - mean[c]) * inv[c] }
        }
      }
    }
  }

  public func backward(_ g: Matrix, needsInputGradient: Bool) -> Matrix {
    let (n, w) = (g.rows, width)
    var dScale = [Double](repeating: 0, count: w)
    var dShift = [Double](repeating: 0, count: w)
    g.values.withUnsafeBufferPointer { gs in
      normalized.values.withUnsafeBufferPointer { xh in
        for r in 0..<n {
          for c in 0..<w {
            let gi = Double(gs[r * w + c])
            dScale[c] += gi * Double(xh[r * w + c])
            dShift[c] += gi
          }
        }
      }
    }
    for c in 0..<w {
      scale.gradient.values[c] = Float(dScale[c])
      shift.gradient.values[c] = Float(dShift[c])
    }
    guard needsInputGradient else { return Matrix(rows: 0, cols: 0) }
    if inputGradient.cols != w { inputGradient = Matrix(rows: n, cols: w) }
    inputGradient.resize(rows: n)
    let (gamma, inv, trained) = (scale.value.values, inverseDeviation, trained)
    let sumG = dShift.map { Float($0) }
    let sumGX = dScale.map { Float($0) }
    g.values.withUnsafeBufferPointer { gs in
      normalized.values.withUnsafeBufferPointer { xh in
        inputGradient.values.withUnsafeMutableBufferPointer { dx in
          for r in 0..<n {
            for c in 0..<w {
              let i = r * w + c
              dx[i] =
                trained
                ? gamma[c] * inv[c] / Float(n) * (Float(n) * gs[i] - sumG[c] - xh[i] * sumGX[c])
                : gamma[c] * inv[c] * gs[i]
            }
          }
        }
      }
    }
    return inputGradient
  }

  public func copy() -> Layer {
    let twin = BatchNorm(width: width, prefix: name)
    twin.scale.value = scale.value
    twin.shift.value = shift.value
    twin.runningMean = runningMean
    twin.runningVariance = runningVariance
    return twin
  }

  public var description: String {
    "BatchNorm \(width) (\((2 * width).formatted) parameters: scale and shift; running mean and variance)"
  }
}
