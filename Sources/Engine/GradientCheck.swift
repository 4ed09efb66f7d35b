/// Compares backpropagation's gradients with central finite differences:
/// ∂L/∂θᵢ ≈ (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h.
///
/// Used by the tests and by the lesson on backpropagation. Every evaluation uses the same
/// `mode`, so in training mode a dropout layer draws the same mask each time.
public enum GradientCheck {
  public struct Entry: Sendable {
    public var parameter: String
    public var index: Int
    public var analytic: Double
    public var numeric: Double
    /// |a − n| / max(|a|, |n|, floor).
    public var relativeError: Double
  }

  public struct Result: Sendable {
    public var entries: [Entry]
    public var worst: Entry? { entries.max { $0.relativeError < $1.relativeError } }
    public var maxRelativeError: Double { worst?.relativeError ?? 0 }
  }

  /// Checks up to `perParameter` entries of every parameter (chosen evenly spread), with step h.
  /// - Parameter floor: the denominator's floor, so tiny gradients compare absolutely.
  public static func run(
    network: Network, input: Matrix, targets: BatchTargets, h: Float = 1e-2,
    perParameter: Int = 20, floor: Double = 1e-3, mode: ForwardMode = .inference
  ) -> Result {
    func lossAt() -> Double {
      var m = mode
      return network.architecture.task.loss.value(network.forward(input, mode: &m), targets)
    }
    let loss = network.architecture.task.loss
    var gradient = Matrix(rows: 0, cols: 0)
    var first = mode
    let output = network.forward(input, mode: &first)
    _ = loss.valueAndGradient(output, targets, gradient: &gradient)
    network.backward(gradient)
    var entries: [Entry] = []
    for p in network.parameters {
      let analyticAll = p.gradient
      let stride = max(1, p.count / perParameter)
      var i = 0
      while i < p.count {
        let original = p.value.values[i]
        p.value.values[i] = original + h
        let plus = lossAt()
        p.value.values[i] = original - h
        let minus = lossAt()
        p.value.values[i] = original
        // The perturbation actually applied, in Float.
        let step = Double(original + h) - Double(original - h)
        let numeric = (plus - minus) / step
        let analytic = Double(analyticAll.values[i])
        let scale = max(abs(analytic), abs(numeric), floor)
        entries.append(
          Entry(
            parameter: p.name, index: i, analytic: analytic, numeric: numeric,
            relativeError: abs(analytic - numeric) / scale))
        i += stride
      }
    }
    return Result(entries: entries)
  }
}
