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
  /// Evaluates on `examples` in chunks of `chunk` rows, in inference mode. A classifier's chunks
  /// are shared out among the engine's threads (each on its own copy of the network) and
  /// tallied in order, so the figures do not depend on the thread count.
  /// By default a chunk is 1,000 rows, fewer for a wide model (`MemoryEstimate.evaluationChunk`).
  public func evaluate(_ examples: Examples, chunk: Int? = nil) -> Evaluation {
    let chunk = chunk ?? MemoryEstimate.evaluationChunk(architecture)
    return FloatMode.flushingSubnormals { evaluateFlushed(examples, chunk: chunk) }
  }

  private func evaluateFlushed(_ examples: Examples, chunk: Int) -> Evaluation {
    let chunks = stride(from: 0, to: examples.count, by: chunk).map {
      $0..<min($0 + chunk, examples.count)
    }
    var tallies = [Tally](repeating: Tally(), count: chunks.count)
    if case .classes = examples.labels, chunks.count > 1, let pool = ComputeThreads.pool {
      let networks = [self] + (1..<pool.size).map { _ in copy() }
      tallies.withUnsafeMutableBufferPointer { out in
        pool.run { t in
          var input = Matrix(rows: 0, cols: 0)
          for c in stride(from: t, to: chunks.count, by: pool.size) {
            networks[t].tally(examples, chunks[c], into: &out[c], input: &input)
          }
        }
      }
    } else {
      // NB: one running tally, as regression sums its squared errors across chunks.
      var running = Tally()
      var input = Matrix(rows: 0, cols: 0)
      for indices in chunks { tally(examples, indices, into: &running, input: &input) }
      tallies = [running]
    }
    var lossSum: Double = 0
    var correct = 0
    var squaredError: Double = 0
    var targetSum: [Double] = []
    var targetSquares: [Double] = []
    for t in tallies {
      lossSum += t.lossSum
      correct += t.correct
      squaredError += t.squaredError
      targetSum = t.targetSum
      targetSquares = t.targetSquares
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

/// What evaluating some chunks adds up.
private struct Tally {
  var lossSum: Double = 0
  var correct = 0
  var squaredError: Double = 0
  var targetSum: [Double] = []
  var targetSquares: [Double] = []
}

extension Network {
  /// Adds the chunk of examples at `indices` to `tally`; `input` is the buffer the chunk's
  /// features are gathered into, kept from one chunk to the next.
  fileprivate func tally(
    _ examples: Examples, _ indices: Range<Int>, into tally: inout Tally, input: inout Matrix
  ) {
    let loss = architecture.task.loss
    releaseInputs()
    examples.gather(indices, into: &input)
    let output = predict(input)
    let targets = examples.targets(indices)
    tally.lossSum += loss.value(output, targets) * Double(indices.count)
    switch targets {
    case .classes(let labels):
      for (r, label) in labels.enumerated() where output.argmax(row: r) == Int(label) {
        tally.correct += 1
      }
    case .values(let t):
      if tally.targetSum.isEmpty {
        tally.targetSum = [Double](repeating: 0, count: t.cols)
        tally.targetSquares = tally.targetSum
      }
      for r in 0..<t.rows {
        for c in 0..<t.cols {
          let y = Double(t[r, c])
          let d = Double(output[r, c]) - y
          tally.squaredError += d * d
          tally.targetSum[c] += y
          tally.targetSquares[c] += y * y
        }
      }
    }
  }
}
