/// A learnable tensor (weights or bias) and the gradient of the loss with respect to it.
///
/// A reference type so that layers, optimizers and checkpoints can name the same tensor.
public final class Parameter {
  /// A name such as `dense1.weights`, used in reports and model files.
  public let name: String
  public var value: Matrix
  public var gradient: Matrix
  /// Weight decay (L1/L2) applies to weights, not to biases.
  public let decays: Bool

  public init(name: String, value: Matrix, decays: Bool) {
    self.name = name
    self.value = value
    self.gradient = Matrix(rows: value.rows, cols: value.cols)
    self.decays = decays
  }

  public var count: Int { value.count }
}
