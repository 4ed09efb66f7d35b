import EngineKernels

/// The two losses of the engine. Both are means over the batch, so the learning rate does not
/// have to change with the batch size.
public enum Loss: String, Sendable, Codable {
  /// L = 1/(n·k) Σ (y − t)²; ∂L/∂y = 2(y − t)/(n·k). For regression.
  case meanSquaredError = "mse"
  /// L = 1/n Σ_i (log Σ_j e^{z_ij} − z_i,t_i), softmax fused in; ∂L/∂z = (softmax(z) − onehot(t))/n.
  /// For classification; computed with the log-sum-exp trick so huge logits cannot overflow.
  case softmaxCrossEntropy = "softmax-cross-entropy"

  public var displayName: String {
    switch self {
    case .meanSquaredError: return "mean squared error"
    case .softmaxCrossEntropy: return "softmax cross-entropy"
    }
  }

  /// The loss of a batch of outputs.
  public func value(_ output: Matrix, _ targets: BatchTargets) -> Double {
    var scratch = Matrix(rows: 0, cols: 0)
    return evaluate(output, targets, gradient: &scratch, wantsGradient: false)
  }

  /// The loss of a batch and, in `gradient`, ∂L/∂output (resized as needed).
  public func valueAndGradient(
    _ output: Matrix, _ targets: BatchTargets, gradient: inout Matrix
  ) -> Double {
    evaluate(output, targets, gradient: &gradient, wantsGradient: true)
  }

  private func evaluate(
    _ output: Matrix, _ targets: BatchTargets, gradient: inout Matrix, wantsGradient: Bool
  ) -> Double {
    if wantsGradient {
      if gradient.cols != output.cols { gradient = Matrix(rows: output.rows, cols: output.cols) }
      gradient.resize(rows: output.rows)
    }
    switch (self, targets) {
    case (.meanSquaredError, .values(let t)):
      return MeanSquaredError.evaluate(output, t, gradient: &gradient, wantsGradient: wantsGradient)
    case (.softmaxCrossEntropy, .classes(let labels)):
      return SoftmaxCrossEntropy.evaluate(
        output, labels, gradient: &gradient, wantsGradient: wantsGradient)
    case (.meanSquaredError, .classes(let labels)):
      // Regression onto one-hot class vectors.
      var t = Matrix(rows: labels.count, cols: output.cols)
      for (r, label) in labels.enumerated() { t[r, Int(label)] = 1 }
      return MeanSquaredError.evaluate(output, t, gradient: &gradient, wantsGradient: wantsGradient)
    case (.softmaxCrossEntropy, .values):
      preconditionFailure("softmax cross-entropy needs class labels")
    }
  }
}

enum MeanSquaredError {
  static func evaluate(
    _ y: Matrix, _ t: Matrix, gradient: inout Matrix, wantsGradient: Bool
  ) -> Double {
    precondition(y.rows == t.rows && y.cols == t.cols, "targets must match the output's shape")
    let count = y.count
    guard count > 0 else { return 0 }
    let scale = 2 / Float(count)
    var sum: Double = 0
    y.values.withUnsafeBufferPointer { yp in
      t.values.withUnsafeBufferPointer { tp in
        if wantsGradient {
          gradient.values.withUnsafeMutableBufferPointer { gp in
            for i in 0..<count {
              let d = yp[i] - tp[i]
              sum += Double(d) * Double(d)
              gp[i] = scale * d
            }
          }
        } else {
          for i in 0..<count {
            let d = Double(yp[i]) - Double(tp[i])
            sum += d * d
          }
        }
      }
    }
    return sum / Double(count)
  }
}

/// Softmax and its cross-entropy, stable for any finite logits.
public enum SoftmaxCrossEntropy {
  static func evaluate(
    _ z: Matrix, _ labels: [Int32], gradient: inout Matrix, wantsGradient: Bool
  ) -> Double {
    precondition(z.rows == labels.count, "one label per row")
    let n = z.rows
    let k = z.cols
    guard n > 0 else { return 0 }
    var total: Double = 0
    let invN = 1 / Float(n)
    z.values.withUnsafeBufferPointer { zp in
      guard let zp = zp.baseAddress else { return }
      if wantsGradient {
        gradient.values.withUnsafeMutableBufferPointer { gp in
          guard let gp = gp.baseAddress else { return }
          for r in 0..<n {
            total += row(zp + r * k, classes: k, label: labels[r], gradient: gp + r * k, scale: invN)
          }
        }
      } else {
        for r in 0..<n { total += row(zp + r * k, classes: k, label: labels[r], gradient: nil, scale: 0) }
      }
    }
    return total / Double(n)
  }

  /// The loss of one row of `classes` logits and, when `gradient` is given, its ∂L/∂z times
  /// `scale` (1/n for a mean over n rows).
  @inline(__always)
  static func row(
    _ z: UnsafePointer<Float>, classes k: Int, label: Int32,
    gradient: UnsafeMutablePointer<Float>?, scale: Float
  ) -> Double {
    precondition(label >= 0 && Int(label) < k, "label \(label) is not a class of this output")
    // With m the largest logit: (m − z_label) + log Σ e^(z − m), and ∂L/∂z = softmax(z) − onehot,
    // the exponentials several at a time (`mlt_softmax_cross_entropy_row`).
    return mlt_softmax_cross_entropy_row(z, Int64(k), Int64(label), gradient, scale)
  }

  /// Row-wise softmax probabilities of logits, computed as exp(z − max) / Σ exp(z − max).
  public static func probabilities(_ z: Matrix) -> Matrix {
    var p = Matrix(rows: z.rows, cols: z.cols)
    for r in 0..<z.rows {
      let base = r * z.cols
      var m = -Float.infinity
      for c in 0..<z.cols where z.values[base + c] > m { m = z.values[base + c] }
      var sum: Float = 0
      for c in 0..<z.cols {
        let e = _expf(z.values[base + c] - m)
        p.values[base + c] = e
        sum += e
      }
      for c in 0..<z.cols { p.values[base + c] /= sum }
    }
    return p
  }
}
