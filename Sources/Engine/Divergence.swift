/// Why training stopped: a loss, gradient or weight became NaN or infinite.
public struct Divergence: Equatable, Sendable, Error {
  public enum Quantity: Equatable, Sendable {
    case loss
    case gradient(parameter: String)
    case weights(parameter: String)
  }

  /// The step at which it happened (1-based).
  public let step: Int
  public let quantity: Quantity
  /// The offending value (NaN or ±infinity).
  public let value: Double
  public let learningRate: Float
  /// The loss of the previous step, when there was one.
  public let previousLoss: Double?

  /// A learner-readable account: what happened, where, and the likely cause.
  public var explanation: String {
    let what: String
    switch quantity {
    case .loss: what = "the loss"
    case .gradient(let name): what = "the gradient of \(name)"
    case .weights(let name): what = "the weights \(name)"
    }
    let valueText = value.isNaN ? "NaN (not a number)" : (value > 0 ? "infinite" : "−infinite")
    var text = "diverged at step \(step): \(what) became \(valueText)."
    if step == 1 && quantity == .loss && previousLoss == nil {
      // Before the first update the learning rate has done nothing yet.
      return text
        + " The loss was already too large before any update, so the learning rate is not the"
        + " cause: the data's values or the initial weights are too large for 32-bit floats."
        + " Standardise the features or scale the data down."
    }
    if let previous = previousLoss, previous.isFinite {
      text += " The loss was \(shortNumber(previous)) one step earlier."
    }
    text +=
      " With learning rate \(shortNumber(Double(learningRate))) each update overshot the minimum"
      + " and made the error larger instead of smaller, until the numbers overflowed."
      + " Likely cause: a learning rate too large for this data. Try one 10× smaller,"
      + " standardise the features, or clip the gradients."
    return text
  }
}

/// A compact number for messages: 0.05, 1.2e+06, 100.
func shortNumber(_ x: Double) -> String {
  if x == x.rounded() && abs(x) < 1e6 { return String(Int(x)) }
  let magnitude = abs(x)
  if magnitude >= 1e-3 && magnitude < 1e6 {
    var s = String(format4(x))
    while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
    return s
  }
  return "\(Float(x))"
}

private func format4(_ x: Double) -> String {
  let scaled = (x * 10_000).rounded() / 10_000
  return "\(scaled)"
}
