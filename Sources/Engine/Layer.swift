/// One stage of a sequential network: a forward pass and the matching backward pass.
///
/// `forward` keeps what `backward` needs (its input or output); `backward` receives
/// ∂L/∂output, stores ∂L/∂parameters in the parameters' `gradient`, and returns ∂L/∂input.
public protocol Layer: AnyObject, CustomStringConvertible {
  /// The learnable tensors of this layer (empty for activations).
  var parameters: [Parameter] { get }
  /// Output width for a given input width.
  func outputSize(forInput size: Int) -> Int
  /// The layer's output for a batch (one example per row).
  func forward(_ input: Matrix, mode: inout ForwardMode) -> Matrix
  /// ∂L/∂input from ∂L/∂output; when `needsInputGradient` is false the result may be empty.
  func backward(_ outputGradient: Matrix, needsInputGradient: Bool) -> Matrix
  /// An independent deep copy (for forking a run).
  func copy() -> Layer
  /// Lets go of the batch kept from the last forward pass for the backward one, so that the
  /// buffer it shares with the layer below (or the gathered batch) can be written in place.
  func releaseInput()
}

extension Layer {
  public func releaseInput() {}
}

/// Whether a forward pass is training (dropout active, drawing from the generator) or inference.
public enum ForwardMode {
  case inference
  case training(SeededGenerator)

  public var isTraining: Bool {
    if case .training = self { return true }
    return false
  }
}
