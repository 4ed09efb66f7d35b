/// A dense layer and its activation with a skip connection around them:
/// y = x + f(x·W + b), for a layer whose input and output have the same width.
///
/// The input reaches the output unchanged beside the layer, so backward, with G = ∂L/∂Y and
/// A = f(x·W + b): ∂L/∂X = G + (G ⊙ f′)·Wᵀ. The first term carries the gradient past the
/// layer whatever f′ and W do to the second: a deep stack of these does not let it vanish.
/// ∂L/∂W and ∂L/∂b are the inner dense layer's, from G ⊙ f′.
public final class ResidualBlock: Layer {
  public let dense: Dense
  public let activation: ActivationLayer
  private var output = Matrix(rows: 0, cols: 0)
  private var inputGradient = Matrix(rows: 0, cols: 0)

  public init(_ dense: Dense, _ activation: Activation) {
    precondition(dense.inputs == dense.outputs, "a residual block keeps its width")
    self.dense = dense
    self.activation = ActivationLayer(activation)
  }

  public var parameters: [Parameter] { dense.parameters }
  public func outputSize(forInput size: Int) -> Int { size }

  public func forward(_ x: Matrix, mode: inout ForwardMode) -> Matrix {
    let a = activation.forward(dense.forward(x, mode: &mode), mode: &mode)
    if output.cols != x.cols { output = Matrix(rows: x.rows, cols: x.cols) }
    output.resize(rows: x.rows)
    ResidualBlock.add(x, a, into: &output)
    return output
  }

  public func backward(_ g: Matrix, needsInputGradient: Bool) -> Matrix {
    let inner = activation.backward(g, needsInputGradient: true)
    let throughLayer = dense.backward(inner, needsInputGradient: needsInputGradient)
    guard needsInputGradient else { return Matrix(rows: 0, cols: 0) }
    if inputGradient.cols != g.cols { inputGradient = Matrix(rows: g.rows, cols: g.cols) }
    inputGradient.resize(rows: g.rows)
    ResidualBlock.add(g, throughLayer, into: &inputGradient)
    return inputGradient
  }

  /// out = a + b, element by element.
  private static func add(_ a: Matrix, _ b: Matrix, into out: inout Matrix) {
    a.values.withUnsafeBufferPointer { a in
      b.values.withUnsafeBufferPointer { b in
        out.values.withUnsafeMutableBufferPointer { o in
          for i in 0..<o.count { o[i] = a[i] + b[i] }
        }
      }
    }
  }

  public func releaseInput() { dense.releaseInput() }

  public func copy() -> Layer { ResidualBlock(dense.twin(), activation.activation) }

  public var description: String {
    "Residual \(dense.inputs)→\(dense.outputs): x + \(activation.activation.displayName)(x·W + b) "
      + "(\(dense.parameterCount.formatted) parameters)"
  }
}
