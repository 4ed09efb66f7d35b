import Engine

/// What a session is set to: the data, the model's shape and the training settings.
public struct SessionSettings: Equatable, Sendable {
  public var dataName: String?
  public var dataOptions: [String: String] = [:]
  /// `linear` or sizes such as `784-128-64-10`.
  public var modelSpec = "linear"
  public var activation: Activation = .relu
  /// nil means the usual choice for the activation.
  public var initializer: Initializer?
  public var hyper: Hyperparameters
  public var seed: UInt64 = 0
  /// The pace of live training; nil picks one for the data (`Pace.automatic`).
  public var pace: Pace?

  public init() {
    var hyper = Hyperparameters()
    hyper.learningRate = 0.01
    hyper.batchSize = 32
    hyper.optimizer = .sgd
    self.hyper = hyper
  }

  public var effectiveInitializer: Initializer {
    initializer ?? Initializer.recommended(for: activation)
  }
}
