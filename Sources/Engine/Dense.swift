/// A fully connected (linear) layer: y = x · W + b.
///
/// W has shape inputs × outputs and b is a 1 × outputs row, so a batch X (n × inputs)
/// maps to X·W + b (n × outputs). Backward, with G = ∂L/∂Y:
/// ∂L/∂W = Xᵀ·G, ∂L/∂b = Σ_rows G, ∂L/∂X = G·Wᵀ.
public final class Dense: Layer {
  public let inputs: Int
  public let outputs: Int
  public let weights: Parameter
  public let bias: Parameter
  private var input = Matrix(rows: 0, cols: 0)
  private var output = Matrix(rows: 0, cols: 0)
  private var inputGradient = Matrix(rows: 0, cols: 0)

  /// A layer whose parameters are named `dense<index>.weights` and `dense<index>.bias`.
  public convenience init(inputs: Int, outputs: Int, index: Int = 1) {
    self.init(inputs: inputs, outputs: outputs, prefix: "dense\(index)")
  }

  private init(inputs: Int, outputs: Int, prefix: String) {
    self.inputs = inputs
    self.outputs = outputs
    weights = Parameter(
      name: "\(prefix).weights", value: Matrix(rows: inputs, cols: outputs), decays: true)
    bias = Parameter(name: "\(prefix).bias", value: Matrix(rows: 1, cols: outputs), decays: false)
  }

  public var parameters: [Parameter] { [weights, bias] }
  public var parameterCount: Int { inputs * outputs + outputs }

  public func outputSize(forInput size: Int) -> Int { outputs }

  public func forward(_ x: Matrix, mode: inout ForwardMode) -> Matrix {
    precondition(x.cols == inputs, "dense layer expects \(inputs) inputs, got \(x.cols)")
    input = x
    if output.cols != outputs { output = Matrix(rows: x.rows, cols: outputs) }
    output.resize(rows: x.rows)
    let n = x.rows
    let (i, o) = (inputs, outputs)
    x.values.withUnsafeBufferPointer { xp in
      weights.value.values.withUnsafeBufferPointer { w in
        bias.value.values.withUnsafeBufferPointer { b in
          output.values.withUnsafeMutableBufferPointer { out in
            guard let xp = xp.baseAddress, let w = w.baseAddress, let b = b.baseAddress,
              let out = out.baseAddress
            else { return }
            Dense.affine(rows: n, inputs: i, outputs: o, x: xp, weights: w, bias: b, into: out)
          }
        }
      }
    }
    return output
  }

  /// out = X·W + b for `rows` rows of X (inputs wide) into `out` (outputs wide).
  static func affine(
    rows: Int, inputs: Int, outputs: Int, x: UnsafePointer<Float>, weights: UnsafePointer<Float>,
    bias: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>
  ) {
    // Start from the bias in every row, then add X·W.
    for r in 0..<rows {
      (out + r * outputs).update(from: bias, count: outputs)
    }
    MatrixProduct.gemm(
      transposeA: false, transposeB: false, m: rows, n: outputs, k: inputs,
      x, lda: inputs, weights, ldb: outputs, out, ldc: outputs, accumulate: true)
  }

  public func backward(_ g: Matrix, needsInputGradient: Bool) -> Matrix {
    MatrixProduct.gemm(input, transposeA: true, g, into: &weights.gradient)
    let n = g.rows
    bias.gradient.values.withUnsafeMutableBufferPointer { db in
      for c in 0..<outputs { db[c] = 0 }
      g.values.withUnsafeBufferPointer { gp in
        for r in 0..<n {
          let base = r * outputs
          for c in 0..<outputs { db[c] += gp[base + c] }
        }
      }
    }
    guard needsInputGradient else { return Matrix(rows: 0, cols: 0) }
    if inputGradient.cols != inputs { inputGradient = Matrix(rows: n, cols: inputs) }
    inputGradient.resize(rows: n)
    MatrixProduct.gemm(g, weights.value, transposeB: true, into: &inputGradient)
    return inputGradient
  }

  public func releaseInput() { input = Matrix(rows: 0, cols: 0) }

  public func copy() -> Layer { twin() }

  /// An independent copy under the same names, with the same values.
  func twin() -> Dense {
    let prefix = String(weights.name.dropLast(".weights".count))
    let twin = Dense(inputs: inputs, outputs: outputs, prefix: prefix)
    twin.weights.value = weights.value
    twin.bias.value = bias.value
    return twin
  }

  public var description: String {
    "Dense \(inputs)→\(outputs) (\(parameterCount.formatted) parameters)"
  }
}

