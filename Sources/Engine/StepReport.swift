/// The anatomy of one training step, as the trainer returns it.
public struct StepReport: Sendable {
  /// Steps done before this one (the first step is step 1 after it, reported as 1).
  public var step: Int
  /// The epoch this step belongs to (1-based).
  public var epoch: Int
  /// True when this step finished its epoch.
  public var endedEpoch: Bool
  /// The examples of the batch, as indices into the training set.
  public var batch: [Int]
  /// The batch loss computed in the forward pass, before the update.
  public var lossBefore: Double
  /// The same batch's loss after the update (inference mode), when asked for.
  public var lossAfter: Double?
  /// The learning rate used.
  public var learningRate: Float
  /// Per dense layer: ‖∂L/∂W, ∂L/∂b‖ from backpropagation (before clipping and decay).
  public var gradientNorms: [Double]
  /// Per dense layer: ‖Δθ‖ of the update applied.
  public var updateNorms: [Double]
  /// The factor gradients were scaled by for clipping (1 when not clipped).
  public var clipScale: Float

  /// The gradient norm of all layers together.
  public var gradientNorm: Double {
    gradientNorms.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }
}
