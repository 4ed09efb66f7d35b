import Engine

/// The length of the training loss's gradient at the current weights, without changing them.
///
/// ‖∇L‖ = √(Σ over every weight and bias of (∂L/∂θ)²), where L is the mean loss over the
/// first `limit` training examples (all of them in every built-in set but the full image sets),
/// computed in chunks on a copy of the network with dropout off.
enum GradientNorm {
  static let limit = 10_000
  static let chunk = 1_000

  static func measure(_ trainer: Trainer) -> Double {
    var squares: Double = 0
    for s in gradient(trainer).values { for g in s { squares += g * g } }
    return squares.squareRoot()
  }

  /// ∂L/∂θ for every parameter, by name, at the current weights.
  static func gradient(_ trainer: Trainer) -> [String: [Double]] {
    let probe = trainer.network.copy()
    let parameters = probe.parameters
    var sums = parameters.map { [Double](repeating: 0, count: $0.count) }
    let total = min(limit, trainer.train.count)
    guard total > 0 else { return [:] }
    var start = 0
    var outputGradient = Matrix(rows: 0, cols: 0)
    while start < total {
      let end = min(start + chunk, total)
      let x = trainer.train.features(start..<end)
      let targets = trainer.train.targets(start..<end)
      var mode = ForwardMode.inference
      let output = probe.forward(x, mode: &mode)
      _ = probe.architecture.task.loss.valueAndGradient(output, targets, gradient: &outputGradient)
      probe.backward(outputGradient)
      // Each chunk's gradient is a mean over its rows: weight it by its share of the total.
      let share = Double(end - start) / Double(total)
      for (i, p) in parameters.enumerated() {
        for (j, g) in p.gradient.values.enumerated() { sums[i][j] += share * Double(g) }
      }
      start = end
    }
    return Dictionary(uniqueKeysWithValues: zip(parameters.map(\.name), sums))
  }
}
