/// How a network's hidden layers are built: plainly, with skip connections, or with batch
/// normalisation. Two cures for vanishing gradients in deep networks.
public enum Blocks: String, CaseIterable, Sendable, Codable {
  /// Dense → activation → dropout for every hidden layer.
  case plain
  /// Where a hidden layer's input is itself a hidden layer of the same width, the input skips
  /// past the layer and is added to its output: y = x + f(x·W + b) (`ResidualBlock`). The
  /// first hidden layer (from the raw inputs) and the output layer stay plain.
  case residual
  /// Dense → batch normalisation → activation → dropout for every hidden layer (`BatchNorm`):
  /// each pre-activation is normalised over the batch, then scaled and shifted by learned
  /// factors.
  case batchnorm

  /// The name a learner sees.
  public var displayName: String {
    switch self {
    case .plain: return "plain"
    case .residual: return "residual"
    case .batchnorm: return "batch-normalised"
    }
  }
}
