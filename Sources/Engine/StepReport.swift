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
  /// The threads the step's batch was split across (1 when it was not split).
  public var threads: Int = 1
  /// Per dense layer: ‖∂L/∂W, ∂L/∂b‖ from backpropagation (before clipping and decay); empty
  /// when the trainer was told not to measure them (`Trainer.measuresGradientNorms`).
  public var gradientNorms: [Double]
  /// Per dense layer: ‖Δθ‖ of the update applied.
  public var updateNorms: [Double]
  /// The factor gradients were scaled by for clipping (1 when not clipped).
  public var clipScale: Float
  /// For models of at most `ParameterChange.smallModelLimit` parameters, every parameter's
  /// value before, its gradient, and its value after: the numbers a learner can follow by hand.
  public var parameterChanges: [ParameterChange] = []

  /// The gradient norm of all layers together.
  public var gradientNorm: Double {
    gradientNorms.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }
}

/// One parameter tensor across a step of a small model.
public struct ParameterChange: Sendable, Equatable {
  /// Models with at most this many parameters report their changes.
  public static let smallModelLimit = 32

  public var name: String
  public var before: [Float]
  /// ∂L/∂θ from backpropagation (before clipping and decay).
  public var gradient: [Float]
  public var after: [Float]
}
