/// What a network costs, counted from its layer sizes alone: parameters, the multiply-adds of
/// its matrix products, and the optimiser's memory.
///
/// A dense layer of `in` inputs and `out` outputs does `in·out` multiply-adds per example
/// forward (x·W; adding the bias is not a multiply). Backward it does two products of the same
/// size per example: the weight gradient Xᵀ·G and the input gradient G·Wᵀ, except in the first
/// layer, whose input gradient nothing needs (the engine skips it). So, with
/// F = Σ in·out over the layers and F₁ = in·out of the first:
///
///     inference, one example:   F
///     training step, n examples: n · (F + F + (F − F₁)) = n · (3F − F₁)
///
/// Activations, the loss, the bias gradients and the update add a few operations per unit or
/// per parameter; they are not counted.
public struct ComputeCost: Equatable, Sendable {
  /// Layer sizes from input to output, as in `Architecture.sizes`.
  public let sizes: [Int]

  public init(sizes: [Int]) { self.sizes = sizes }
  public init(_ architecture: Architecture) { self.init(sizes: architecture.sizes) }

  /// `in·out` of every dense layer, from the first.
  public var layerProducts: [Int] { zip(sizes, sizes.dropFirst()).map { $0 * $1 } }

  /// Weights and biases.
  public var parameters: Int { zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 } }

  /// Bytes of the parameters in Float32 (4 bytes each).
  public var parameterBytes: Int { parameters * 4 }

  /// F: multiply-adds of one forward pass of one example.
  public var inferenceMultiplyAdds: Int { layerProducts.reduce(0, +) }

  /// Multiply-adds of the backward pass of one example: every layer's weight gradient, and
  /// every layer's input gradient but the first's (2F − F₁).
  public var backwardMultiplyAdds: Int {
    2 * inferenceMultiplyAdds - (layerProducts.first ?? 0)
  }

  /// Multiply-adds of one training step on `batch` examples: n · (3F − F₁).
  public func trainingMultiplyAdds(batch: Int) -> Int {
    batch * (inferenceMultiplyAdds + backwardMultiplyAdds)
  }

  /// Values the optimiser keeps per parameter: none for SGD, a velocity for momentum and
  /// Nesterov, two running averages for Adam.
  public static func stateValuesPerParameter(_ kind: OptimizerKind) -> Int {
    switch kind {
    case .sgd: return 0
    case .momentum, .nesterov: return 1
    case .adam: return 2
    }
  }

  /// Bytes of the optimiser's state in Float32.
  public func optimizerBytes(_ kind: OptimizerKind) -> Int {
    parameters * ComputeCost.stateValuesPerParameter(kind) * 4
  }
}
