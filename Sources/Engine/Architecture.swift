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

/// The shape of a network: layer sizes, the hidden activation, the task and how hidden layers
/// are built (`blocks`).
///
/// `sizes` lists the width of every layer from input to output: [784, 128, 64, 10] is
/// Dense 784→128, activation, Dense 128→64, activation, Dense 64→10. Between hidden layers
/// a dropout layer sits after each activation (identity while its rate is 0).
public struct Architecture: Equatable, Sendable {
  public var sizes: [Int]
  public var activation: Activation
  public var task: Task
  public var blocks: Blocks

  /// The largest layer width the engine accepts.
  public static let maximumWidth = 1_000_000
  /// The largest parameter count the engine accepts (400 MB of Float32 weights).
  public static let maximumParameters = 100_000_000
  /// The most dense layers the engine accepts (`1x100-1x100-…` could otherwise ask for
  /// tens of thousands).
  public static let maximumLayers = 1_000

  public init(sizes: [Int], activation: Activation = .relu, task: Task, blocks: Blocks = .plain) {
    self.sizes = sizes
    self.activation = activation
    self.task = task
    self.blocks = blocks
  }

  public var inputs: Int { sizes.first ?? 0 }
  public var outputs: Int { sizes.last ?? 0 }

  /// Weights and biases in all layers, and the scale and shift of each batch normalisation
  /// (its running statistics are not parameters: training does not descend on them).
  public var parameterCount: Int {
    zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 } + normalisedWidths.reduce(0) { $0 + 2 * $1 }
  }

  /// The widths of the hidden layers that batch normalisation follows (none unless `batchnorm`).
  public var normalisedWidths: [Int] {
    blocks == .batchnorm ? Array(sizes.dropFirst().dropLast()) : []
  }

  /// Whether dense layer `i` (from 0, sizes[i] → sizes[i + 1]) is a residual block: in a
  /// `residual` network, a layer from a hidden layer to a hidden layer of the same width.
  public func isResidual(_ i: Int) -> Bool {
    blocks == .residual && i >= 1 && i + 2 < sizes.count && sizes[i] == sizes[i + 1]
  }

  /// Checks the shape before anything is allocated.
  public func validate() throws(EngineError) {
    guard sizes.count >= 2 else {
      throw .invalidArchitecture("a network needs at least an input and an output size")
    }
    guard sizes.count - 1 <= Architecture.maximumLayers else {
      throw .invalidArchitecture(
        "\((sizes.count - 1).formatted) layers is more than the limit of \(Architecture.maximumLayers.formatted)")
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
    switch blocks {
    case .plain: break
    case .residual:
      guard sizes.indices.contains(where: { isResidual($0) }) else {
        throw .invalidArchitecture(
          "residual blocks join two hidden layers of the same width: give the model some, such as 784-64x8-10")
      }
    case .batchnorm:
      guard sizes.count > 2 else {
        throw .invalidArchitecture(
          "batch normalisation acts on hidden layers: give the model one, such as 784-64-10")
      }
    }
  }

  /// Layer sizes written the way a learner types them: "784-128-64-10".
  public var sizesText: String { sizes.map(String.init).joined(separator: "-") }

  /// The sizes and, unless plain, the blocks: "784-64-64-10 residual".
  public var specText: String { blocks == .plain ? sizesText : "\(sizesText) \(blocks.rawValue)" }
}

extension Architecture: Codable {
  private enum CodingKeys: String, CodingKey { case sizes, activation, task, blocks }

  /// `blocks` is written only when it is not plain, so a plain network's header is the same as
  /// in version 1 of the model file; a header without it is plain.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    sizes = try c.decode([Int].self, forKey: .sizes)
    activation = try c.decode(Activation.self, forKey: .activation)
    task = try c.decode(Task.self, forKey: .task)
    blocks = try c.decodeIfPresent(Blocks.self, forKey: .blocks) ?? .plain
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(sizes, forKey: .sizes)
    try c.encode(activation, forKey: .activation)
    try c.encode(task, forKey: .task)
    if blocks != .plain { try c.encode(blocks, forKey: .blocks) }
  }
}
