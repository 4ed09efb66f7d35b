/// What kind of answer a network gives.
public enum Task: String, Sendable, Codable {
  /// Pick one of several classes (softmax cross-entropy on logits).
  case classification
  /// Estimate a quantity (mean squared error on raw outputs).
  case regression

  public var loss: Loss {
    self == .classification ? .softmaxCrossEntropy : .meanSquaredError
  }
}

/// The shape of a network: layer sizes, the hidden activation and the task.
///
/// `sizes` lists the width of every layer from input to output: [784, 128, 64, 10] is
/// Dense 784→128, activation, Dense 128→64, activation, Dense 64→10. Between hidden layers
/// a dropout layer sits after each activation (identity while its rate is 0).
public struct Architecture: Equatable, Sendable, Codable {
  public var sizes: [Int]
  public var activation: Activation
  public var task: Task

  /// The largest layer width the engine accepts.
  public static let maximumWidth = 1_000_000
  /// The largest parameter count the engine accepts (400 MB of Float32 weights).
  public static let maximumParameters = 100_000_000

  public init(sizes: [Int], activation: Activation = .relu, task: Task) {
    self.sizes = sizes
    self.activation = activation
    self.task = task
  }

  public var inputs: Int { sizes.first ?? 0 }
  public var outputs: Int { sizes.last ?? 0 }

  /// Weights and biases in all layers.
  public var parameterCount: Int {
    zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
  }

  /// Checks the shape before anything is allocated.
  public func validate() throws(EngineError) {
    guard sizes.count >= 2 else {
      throw .invalidArchitecture("a network needs at least an input and an output size")
    }
    for size in sizes {
      guard size >= 1 else { throw .invalidArchitecture("layer size \(size) must be at least 1") }
      guard size <= Architecture.maximumWidth else {
        throw .invalidArchitecture(
          "layer size \(size.formatted) is larger than the limit of \(Architecture.maximumWidth.formatted)")
      }
    }
    // Count in Double so absurd sizes cannot overflow.
    let count = zip(sizes, sizes.dropFirst()).reduce(0.0) { $0 + Double($1.0) * Double($1.1 + 1) }
    guard count <= Double(Architecture.maximumParameters) else {
      throw .invalidArchitecture(
        "\(Int(count).formatted) parameters is more than the limit of \(Architecture.maximumParameters.formatted)")
    }
    if task == .classification && outputs < 2 {
      throw .invalidArchitecture("a classifier needs at least 2 outputs, one per class")
    }
  }

  /// Layer sizes written the way a learner types them: "784-128-64-10".
  public var sizesText: String { sizes.map(String.init).joined(separator: "-") }
}
