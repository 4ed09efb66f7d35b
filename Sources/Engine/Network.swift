/// A sequential network: layers applied one after the other.
public final class Network {
  public let architecture: Architecture
  public private(set) var layers: [Layer]

  /// Builds the layers of `architecture` and initialises their weights from `generator`.
  public init(
    _ architecture: Architecture, initializer: Initializer, dropout: Float = 0,
    generator: inout SeededGenerator
  ) throws(EngineError) {
    try architecture.validate()
    self.architecture = architecture
    var layers: [Layer] = []
    let sizes = architecture.sizes
    for i in 0..<(sizes.count - 1) {
      let dense = Dense(inputs: sizes[i], outputs: sizes[i + 1], index: i + 1)
      initializer.fill(&dense.weights.value, using: &generator)
      layers.append(dense)
      if i < sizes.count - 2 {
        layers.append(ActivationLayer(architecture.activation))
        layers.append(Dropout(rate: dropout))
      }
    }
    self.layers = layers
  }

  private init(architecture: Architecture, layers: [Layer]) {
    self.architecture = architecture
    self.layers = layers
  }

  /// An independent deep copy.
  public func copy() -> Network {
    Network(architecture: architecture, layers: layers.map { $0.copy() })
  }

  public var parameters: [Parameter] { layers.flatMap { $0.parameters } }
  public var denseLayers: [Dense] { layers.compactMap { $0 as? Dense } }
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

  /// Sets the rate of every dropout layer.
  public func setDropout(_ rate: Float) {
    for case let d as Dropout in layers { d.rate = rate }
  }

  /// The output for a batch (one example per row).
  public func forward(_ input: Matrix, mode: inout ForwardMode) -> Matrix {
    FloatMode.flushingSubnormals {
      var x = input
      for layer in layers { x = layer.forward(x, mode: &mode) }
      return x
    }
  }

  /// Backpropagates ∂L/∂output through every layer, filling every parameter's gradient.
  public func backward(_ outputGradient: Matrix) {
    FloatMode.flushingSubnormals {
      var g = outputGradient
      for (i, layer) in layers.enumerated().reversed() {
        g = layer.backward(g, needsInputGradient: i > 0)
      }
    }
  }

  /// Drops every layer's reference to its last input. Each layer's output buffer is then held
  /// by that layer alone, so the next pass writes it in place instead of copying it first (a
  /// copy of each large buffer per step: at batch 128 of 784 features, hundreds of KB each
  /// time, fresh pages from the kernel).
  public func releaseInputs() {
    for layer in layers { layer.releaseInput() }
  }

  /// Inference on a batch: raw outputs (logits for a classifier).
  public func predict(_ input: Matrix) -> Matrix {
    var mode = ForwardMode.inference
    return forward(input, mode: &mode)
  }

  /// One line per layer, then the total: what `show model` prints.
  public var summary: [String] {
    layers.map { $0.description } + ["\(parameterCount.formatted) parameters in all"]
  }
}

extension Network: CustomStringConvertible {
  public var description: String {
    // A single dense layer has no hidden activation: it is a linear model.
    let kind = architecture.sizes.count == 2 ? "linear" : architecture.activation.rawValue
    return "\(architecture.sizesText) \(kind) (\(parameterCount.formatted) parameters)"
  }
}
