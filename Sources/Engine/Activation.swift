import EngineKernels

/// The element-wise non-linearities a network can use between its dense layers.
public enum Activation: String, CaseIterable, Sendable, Codable {
  case relu
  case leakyRelu = "leaky-relu"
  case sigmoid
  case tanh

  /// The slope of leaky ReLU for negative inputs.
  public static let leakySlope: Float = 0.01

  /// f(x).
  @inline(__always) public func apply(_ x: Float) -> Float {
    switch self {
    case .relu: return x > 0 ? x : 0
    case .leakyRelu: return x > 0 ? x : Activation.leakySlope * x
    case .sigmoid: return 1 / (1 + _expf(-x))
    case .tanh: return _tanhf(x)
    }
  }

  /// f'(x) written in terms of y = f(x), which is what the layer keeps.
  @inline(__always) public func derivative(output y: Float) -> Float {
    switch self {
    case .relu: return y > 0 ? 1 : 0
    case .leakyRelu: return y > 0 ? 1 : Activation.leakySlope
    case .sigmoid: return y * (1 - y)
    case .tanh: return 1 - y * y
    }
  }

  /// The name a learner sees.
  public var displayName: String {
    switch self {
    case .relu: return "ReLU"
    case .leakyRelu: return "Leaky ReLU"
    case .sigmoid: return "Sigmoid"
    case .tanh: return "Tanh"
    }
  }
}

/// A layer applying an `Activation` to every entry: y = f(x); backward ∂L/∂x = ∂L/∂y ⊙ f'(x).
public final class ActivationLayer: Layer {
  public let activation: Activation
  private var output = Matrix(rows: 0, cols: 0)
  private var inputGradient = Matrix(rows: 0, cols: 0)

  public init(_ activation: Activation) {
    self.activation = activation
  }

  public var parameters: [Parameter] { [] }
  public func outputSize(forInput size: Int) -> Int { size }

  public func forward(_ x: Matrix, mode: inout ForwardMode) -> Matrix {
    if output.cols != x.cols { output = Matrix(rows: x.rows, cols: x.cols) }
    output.resize(rows: x.rows)
    let f = activation
    x.values.withUnsafeBufferPointer { src in
      output.values.withUnsafeMutableBufferPointer { dst in
        guard let s = src.baseAddress, let d = dst.baseAddress else { return }
        ActivationLayer.apply(f, s, into: d, count: src.count)
      }
    }
    return output
  }

  /// dst = f(src), element by element (`dst` may be `src`).
  static func apply(
    _ f: Activation, _ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int
  ) {
    switch f {
    case .relu:
      for i in 0..<count { dst[i] = src[i] > 0 ? src[i] : 0 }
    default:
      for i in 0..<count { dst[i] = f.apply(src[i]) }
    }
  }

  /// dx = g ⊙ f'(x), from the outputs y = f(x) (`dx` may be `g`).
  static func backward(
    _ f: Activation, gradient g: UnsafePointer<Float>, output y: UnsafePointer<Float>,
    into dx: UnsafeMutablePointer<Float>, count: Int
  ) {
    switch f {
    case .relu:
      mlt_relu_backward(dx, g, y, Int64(count))
    default:
      for i in 0..<count { dx[i] = g[i] * f.derivative(output: y[i]) }
    }
  }

  public func backward(_ g: Matrix, needsInputGradient: Bool) -> Matrix {
    guard needsInputGradient else { return Matrix(rows: 0, cols: 0) }
    if inputGradient.cols != g.cols { inputGradient = Matrix(rows: g.rows, cols: g.cols) }
    inputGradient.resize(rows: g.rows)
    let f = activation
    g.values.withUnsafeBufferPointer { gp in
      output.values.withUnsafeBufferPointer { y in
        inputGradient.values.withUnsafeMutableBufferPointer { dx in
          guard let d = dx.baseAddress, let g = gp.baseAddress, let o = y.baseAddress else { return }
          ActivationLayer.backward(f, gradient: g, output: o, into: d, count: gp.count)
        }
      }
    }
    return inputGradient
  }

  public func copy() -> Layer { ActivationLayer(activation) }

  public var description: String { activation.displayName }
}
