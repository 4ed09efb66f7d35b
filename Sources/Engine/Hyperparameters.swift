/// The optimisers the engine offers.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
  case sgd
  case momentum
  case nesterov
  case adam
}

/// Every setting of training that can change between two steps without a reset.
public struct Hyperparameters: Equatable, Sendable, Codable {
  public var learningRate: Float = 0.05
  public var batchSize: Int = 32
  public var optimizer: OptimizerKind = .sgd
  /// μ for momentum and Nesterov.
  public var momentum: Float = 0.9
  /// Adam's decay rates and its ε.
  public var beta1: Float = 0.9
  public var beta2: Float = 0.999
  public var epsilon: Float = 1e-8
  /// L1 penalty λ₁·Σ|w| (weights only).
  public var l1: Float = 0
  /// L2 penalty (λ₂/2)·Σw² (weights only), so its gradient is λ₂·w.
  public var l2: Float = 0
  /// The dropout rate after each hidden activation.
  public var dropout: Float = 0
  /// Largest global gradient norm; 0 turns clipping off.
  public var clipNorm: Float = 0

  public init() {}

  /// The largest batch the engine accepts.
  public static let maximumBatchSize = 1_000_000

  /// Checks every value; the message names the setting and the allowed range.
  public func validate() throws(EngineError) {
    guard learningRate.isFinite && learningRate > 0 else {
      throw .invalidSetting("lr must be a number greater than 0 (got \(learningRate))")
    }
    guard batchSize >= 1 && batchSize <= Hyperparameters.maximumBatchSize else {
      throw .invalidSetting(
        "batch must be between 1 and \(Hyperparameters.maximumBatchSize.formatted) (got \(batchSize))")
    }
    guard momentum.isFinite && momentum >= 0 && momentum < 1 else {
      throw .invalidSetting("momentum must be at least 0 and below 1 (got \(momentum))")
    }
    guard beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 else {
      throw .invalidSetting("Adam's beta1 and beta2 must be at least 0 and below 1")
    }
    guard epsilon.isFinite && epsilon > 0 else {
      throw .invalidSetting("epsilon must be greater than 0 (got \(epsilon))")
    }
    guard l1.isFinite && l1 >= 0 else { throw .invalidSetting("l1 must be 0 or more (got \(l1))") }
    guard l2.isFinite && l2 >= 0 else { throw .invalidSetting("l2 must be 0 or more (got \(l2))") }
    guard dropout.isFinite && dropout >= 0 && dropout < 1 else {
      throw .invalidSetting("dropout must be at least 0 and below 1 (got \(dropout))")
    }
    guard clipNorm.isFinite && clipNorm >= 0 else {
      throw .invalidSetting("clip must be 0 (off) or more (got \(clipNorm))")
    }
  }
}
