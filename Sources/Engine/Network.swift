/// A sequential network: layers applied one after the other.
public final class Network {
  public let architecture: Architecture
  public let layers: [Layer]
  /// Every layer's parameters, in layer order (listed once: a training step asks for them often).
  public let parameters: [Parameter]
  /// Every dense layer, those inside residual blocks included, from input to output.
  public let denseLayers: [Dense]
  public let batchNorms: [BatchNorm]
  /// For each of `parameters`, the dense layer (from 0) it belongs to: a batch normalisation's
  /// scale and shift belong to the dense layer it follows.
  public let parameterLayers: [Int]

  /// Builds the layers of `architecture` and initialises their weights from `generator`.
  public convenience init(
    _ architecture: Architecture, initializer: Initializer, dropout: Float = 0,
    generator: inout SeededGenerator
  ) throws(EngineError) {
    try architecture.validate()
    var layers: [Layer] = []
    let sizes = architecture.sizes
    for i in 0..<(sizes.count - 1) {
      let dense = Dense(inputs: sizes[i], outputs: sizes[i + 1], index: i + 1)
      initializer.fill(&dense.weights.value, using: &generator)
      if architecture.isResidual(i) {
        layers += [ResidualBlock(dense, architecture.activation), Dropout(rate: dropout)]
        continue
      }
      layers.append(dense)
      if i < sizes.count - 2 {
        if architecture.blocks == .batchnorm { layers.append(BatchNorm(width: sizes[i + 1], index: i + 1)) }
        layers.append(ActivationLayer(architecture.activation))
        layers.append(Dropout(rate: dropout))
      }
    }
    self.init(architecture: architecture, layers: layers)
  }

  private init(architecture: Architecture, layers: [Layer]) {
    self.architecture = architecture
    self.layers = layers
    parameters = layers.flatMap { $0.parameters }
    denseLayers = layers.compactMap { ($0 as? Dense) ?? ($0 as? ResidualBlock)?.dense }
    batchNorms = layers.compactMap { $0 as? BatchNorm }
    var d = -1
    var owners: [Int] = []
    for layer in layers {
      if layer is Dense || layer is ResidualBlock { d += 1 }
      owners += Array(repeating: max(d, 0), count: layer.parameters.count)
    }
    parameterLayers = owners
  }

  /// An independent deep copy.
  public func copy() -> Network {
    Network(architecture: architecture, layers: layers.map { $0.copy() })
  }

  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

  /// The state that is not a parameter: each batch normalisation's running mean and variance,
  /// in layer order (empty without batch normalisation).
  public var statistics: [Matrix] {
    get { batchNorms.flatMap { [$0.runningMean, $0.runningVariance] } }
    set {
      for (i, norm) in batchNorms.enumerated() where 2 * i + 1 < newValue.count {
        norm.runningMean = newValue[2 * i]
        norm.runningVariance = newValue[2 * i + 1]
      }
    }
  }

  /// Batch normalisations back to γ = 1, β = 0 and fresh running statistics.
  public func resetNormalisation() {
    for norm in batchNorms { norm.resetToStart() }
  }

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

  /// One line per layer, then the total: what `show model` prints. Three or more identical
  /// layers in a row (a dense layer or residual block with what follows it up to the next)
  /// are listed once, under "N times:".
  public var summary: [String] {
    var units: [[String]] = []
    for layer in layers {
      if layer is Dense || layer is ResidualBlock || units.isEmpty {
        units.append([layer.description])
      } else {
        units[units.count - 1].append(layer.description)
      }
    }
    var lines: [String] = []
    var i = 0
    while i < units.count {
      var j = i + 1
      while j < units.count && units[j] == units[i] { j += 1 }
      if j - i >= 3 {
        lines.append("\(j - i) times:")
        lines += units[i].map { "  " + $0 }
      } else {
        for unit in units[i..<j] { lines += unit }
      }
      i = j
    }
    return lines + ["\(parameterCount.formatted) parameters in all"]
  }
}

extension Network: CustomStringConvertible {
  public var description: String {
    // A single dense layer has no hidden activation: it is a linear model.
    var kind = architecture.sizes.count == 2 ? "linear" : architecture.activation.rawValue
    if architecture.blocks != .plain { kind += " " + architecture.blocks.rawValue }
    return "\(architecture.sizesText) \(kind) (\(parameterCount.formatted) parameters)"
  }
}
