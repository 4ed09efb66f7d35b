/// How well a network does on a set of examples.
public struct Evaluation: Equatable, Sendable {
  public var examples: Int
  /// Mean loss over the examples.
  public var loss: Double
  /// Fraction of examples whose largest output is the true class (classification).
  public var accuracy: Double?
  /// √(mean squared error) (regression).
  public var rmse: Double?
  /// Coefficient of determination 1 − SS_res / SS_tot (regression).
  public var r2: Double?
}

extension Network {
  /// Evaluates on `examples` in chunks of `chunk` rows, in inference mode.
  public func evaluate(_ examples: Examples, chunk: Int = 1000) -> Evaluation {
    let loss = architecture.task.loss
    var lossSum: Double = 0
    var correct = 0
    var squaredError: Double = 0
    var targetSum: [Double] = []
    var targetSquares: [Double] = []
    var x = Matrix(rows: 0, cols: examples.featureCount)
    var start = 0
    while start < examples.count {
      let end = min(start + chunk, examples.count)
      let indices = start..<end
      examples.gather(indices, into: &x)
      let output = predict(x)
      let targets = examples.targets(indices)
      lossSum += loss.value(output, targets) * Double(indices.count)
      switch targets {
      case .classes(let labels):
        for (r, label) in labels.enumerated() where output.argmax(row: r) == Int(label) {
          correct += 1
        }
      case .values(let t):
        if targetSum.isEmpty {
          targetSum = [Double](repeating: 0, count: t.cols)
          targetSquares = targetSum
        }
        for r in 0..<t.rows {
          for c in 0..<t.cols {
            let y = Double(t[r, c])
            let d = Double(output[r, c]) - y
            squaredError += d * d
            targetSum[c] += y
            targetSquares[c] += y * y
          }
        }
      }
      start = end
    }
    let n = Double(examples.count)
    var result = Evaluation(examples: examples.count, loss: n > 0 ? lossSum / n : 0)
    switch examples.labels {
    case .classes:
      result.accuracy = n > 0 ? Double(correct) / n : 0
    case .values(_, let width):
      result.rmse = n > 0 ? (squaredError / (n * Double(width))).squareRoot() : 0
      // SS_tot = Σ (y − ȳ)² per output column = Σy² − (Σy)²/n.
      var total: Double = 0
      for c in 0..<targetSum.count { total += targetSquares[c] - targetSum[c] * targetSum[c] / n }
      result.r2 = total > 0 ? 1 - squaredError / total : nil
    }
    return result
  }
}
