/// The three phases of `ParallelStep`, each run by every thread at once on its share: rows
/// through the forward and backward passes, blocks of rows of the weight gradients, and the
/// update of the rows it computed the gradients of.
extension ParallelStep {
  /// What the phases share: raw storage and the batch's shape.
  struct Slices {
    var values: [UnsafeMutablePointer<Float>]
    var gradients: [UnsafeMutablePointer<Float>]
    var firsts: [UnsafeMutablePointer<Float>?]
    var seconds: [UnsafeMutablePointer<Float>?]
    var decays: [Bool]
    var rows: UnsafePointer<Int64>
    var labels: UnsafePointer<Int32>
    var losses: UnsafeMutablePointer<Double>
    /// Per parameter, where its rows' squared gradient norms and squared update norms go.
    var gradientSquares: [UnsafeMutablePointer<Double>]
    var updateSquares: [UnsafeMutablePointer<Double>]
    /// Per thread and parameter: whether the rows it updated stayed finite.
    var finite: UnsafeMutablePointer<Bool>
    /// Whether the weights' gradient norms are measured; without them, per thread and
    /// parameter, whether its rows of the weights' gradient are finite.
    var norms: Bool
    var gradientsFinite: UnsafeMutablePointer<Bool>
    /// Whether the step may apply the weights' update as their gradients are computed (see
    /// `fuses`); then, per thread and layer, the largest magnitude of the thread's rows of the
    /// layer's input and of its output gradient, and per thread whether it did.
    var fusable: Bool
    var magnitudes: UnsafeMutablePointer<Float>
    var fused: UnsafeMutablePointer<Bool>
    var batch: Int
    var threads: Int
    var rates: [Float]

    /// The start of thread t's share of n items.
    func start(_ t: Int, of n: Int) -> Int { n * t / threads }

    /// The thread that computes and updates layer l's bias whole.
    func biasThread(_ l: Int) -> Int { l % threads }
  }

  /// Phase 1 for thread t's rows, and their largest magnitudes when the step is `fusable`.
  func forwardAndBackward(_ s: Slices, thread t: Int, of examples: Examples) {
    let r0 = s.start(t, of: s.batch)
    let count = s.start(t + 1, of: s.batch) - r0
    if s.fusable { (s.magnitudes + 2 * t * dense.count).update(repeating: 0, count: 2 * dense.count) }
    guard count > 0 else { return }
    let last = dense.count - 1
    examples.gather(rows: s.rows + r0, count: count, into: inputs[0] + r0 * dense[0].inputs)
    for (l, layer) in dense.enumerated() {
      let (i, o) = (layer.inputs, layer.outputs)
      let y = outputs[l] + r0 * o
      Dense.affine(
        rows: count, inputs: i, outputs: o, x: inputs[l] + r0 * i, weights: s.values[2 * l],
        bias: s.values[2 * l + 1], into: y)
      guard l < last else { break }
      ActivationLayer.apply(activation, y, into: y, count: count * o)
      if s.rates[l] > 0 {
        multiply(y, masks[l] + r0 * o, into: masked[l] + r0 * o, count: count * o)
      }
    }
    let k = dense[last].outputs
    let scale = 1 / Float(s.batch)
    for r in r0..<(r0 + count) {
      s.losses[r] = SoftmaxCrossEntropy.row(
        outputs[last] + r * k, classes: k, label: s.labels[r],
        gradient: outputGradients[last] + r * k, scale: scale)
    }
    for l in stride(from: last, to: 0, by: -1) {
      let (i, o) = (dense[l].inputs, dense[l].outputs)
      guard let dx = inputGradients[l] else { continue }
      let dxRows = dx + r0 * i
      MatrixProduct.gemm(
        transposeA: false, transposeB: true, m: count, n: i, k: o,
        outputGradients[l] + r0 * o, lda: o, s.values[2 * l], ldb: o, dxRows, ldc: i,
        accumulate: false)
      if s.rates[l - 1] > 0 { multiply(dxRows, masks[l - 1] + r0 * i, into: dxRows, count: count * i) }
      ActivationLayer.backward(
        activation, gradient: dxRows, output: outputs[l - 1] + r0 * i,
        into: outputGradients[l - 1] + r0 * i, count: count * i)
    }
    guard s.fusable else { return }
    for (l, layer) in dense.enumerated() {
      let (i, o) = (layer.inputs, layer.outputs)
      let at = s.magnitudes + 2 * (t * dense.count + l)
      at[0] = MatrixProduct.maxMagnitude(inputs[l] + r0 * i, count: count * i)
      at[1] = MatrixProduct.maxMagnitude(outputGradients[l] + r0 * o, count: count * o)
    }
  }

  /// Whether the weights' update can be applied as their gradients are computed, in phase 2: when
  /// `fusable`, the batch's loss is finite and no weight or bias gradient can overflow, since
  /// each is a sum of n products |x·g| ≤ max|x|·max|g| (and n values |g| for a bias). Then the
  /// verdict of phase 3 passes for sure. The same answer on every thread, for any split.
  func fuses(_ s: Slices) -> Bool {
    guard s.fusable else { return false }
    var loss: Double = 0
    for r in 0..<s.batch { loss += s.losses[r] }
    guard Float(loss / Double(s.batch)).isFinite else { return false }
    return dense.indices.allSatisfy { l in
      var (x, g): (Float, Float) = (0, 0)
      for t in 0..<s.threads {
        let at = s.magnitudes + 2 * (t * dense.count + l)
        (x, g) = (max(x, at[0]), max(g, at[1]))
      }
      return Self.gradientsStayFinite(batch: s.batch, x: x, g: g)
    }
  }

  /// Whether no weight or bias gradient of a layer can overflow on a batch of n rows when its
  /// inputs are at most x and its output gradients at most g in magnitude: each weight's is a
  /// sum of n terms of at most x·g, each bias's of n terms of at most g.
  static func gradientsStayFinite(batch n: Int, x: Float, g: Float) -> Bool {
    // NB: a quarter of the largest float leaves room for each sum's rounding (under a factor
    // 1 + n·2⁻²⁴). A product with ∞ or NaN fails the comparison.
    let limit = Double(Float.greatestFiniteMagnitude) / 4
    return Double(n) * Double(x) * Double(g) < limit && Double(n) * Double(g) < limit
  }

  /// Phase 2 for thread t: its block of rows of every layer's ∂L/∂W, and the biases it owns.
  /// When the step `fuses`, each block of rows of ∂L/∂W goes straight into the update of those
  /// weights (`MatrixProduct.gemmUpdating`), and the gradient is not stored.
  func weightGradients(_ s: Slices, thread t: Int, step: Optimizer.Step) {
    let n = s.batch
    let fused = fuses(s)
    s.fused[t] = fused
    for (l, layer) in dense.enumerated() {
      let (i, o) = (layer.inputs, layer.outputs)
      let a = s.start(t, of: i)
      let b = s.start(t + 1, of: i)
      let dW = s.gradients[2 * l] + a * o
      let claim = s.threads > 1 ? s.values[2 * l] + a * o : nil
      let p = 2 * l
      if fused {
        guard let spec = Optimizer.spec(
          step, decays: s.decays[p], w: s.values[p] + a * o,
          velocity: p < s.firsts.count ? s.firsts[p].map { $0 + a * o } : nil, width: o,
          clipScale: 1)
        else { preconditionFailure("a step that fuses has a velocity or plain pass") }
        s.finite[t * s.values.count + p] = MatrixProduct.gemmUpdating(
          m: b - a, n: o, k: n, inputs[l] + a, lda: i, outputGradients[l], ldb: o, scratch: dW,
          ldc: o, update: spec, rowSquares: s.updateSquares[p] + a)
      } else if s.norms {
        MatrixProduct.gemm(
          transposeA: true, transposeB: false, m: b - a, n: o, k: n,
          inputs[l] + a, lda: i, outputGradients[l], ldb: o, dW, ldc: o, accumulate: false,
          rowSquares: s.gradientSquares[2 * l] + a, claiming: claim)
      } else {
        s.gradientsFinite[t * s.values.count + 2 * l] = MatrixProduct.gemmCheckingFinite(
          transposeA: true, transposeB: false, m: b - a, n: o, k: n,
          inputs[l] + a, lda: i, outputGradients[l], ldb: o, dW, ldc: o, claiming: claim)
      }
      guard s.biasThread(l) == t else { continue }
      let db = s.gradients[2 * l + 1]
      let g = outputGradients[l]
      for c in 0..<o { db[c] = 0 }
      for r in 0..<n {
        for c in 0..<o { db[c] += g[r * o + c] }
      }
      s.gradientSquares[2 * l + 1][0] = MatrixProduct.sumOfSquares(db, count: o)
    }
  }

  /// Phase 3 for thread t: the verdict on the whole step, then the update of its rows.
  func update(_ s: Slices, thread t: Int, step: Optimizer.Step, clipNorm: Float) {
    var (loss, squaredNorms) = totals(s.losses, s.batch, gradientRowSquares, weights: s.norms)
    if !s.norms { fillUnmeasured(&squaredNorms, s.gradientsFinite, threads: s.threads) }
    guard Trainer.canUpdate(loss: loss, squaredNorms: squaredNorms) else {
      precondition(!s.fused[t], "a step that updated its weights in phase 2 passes the verdict")
      return
    }
    let clipScale = Trainer.clipScale(squaredNorms: squaredNorms, clipNorm: clipNorm)
    let count = s.values.count
    for p in 0..<count {
      let layer = dense[p / 2]
      let rows: Range<Int>
      if p % 2 == 0 {
        guard !s.fused[t] else { continue }
        rows = s.start(t, of: layer.inputs)..<s.start(t + 1, of: layer.inputs)
      } else {
        guard s.biasThread(p / 2) == t else { continue }
        rows = 0..<1
      }
      let at = rows.lowerBound * layer.outputs
      s.finite[t * count + p] = Optimizer.apply(
        step, decays: s.decays[p], w: s.values[p] + at, g: s.gradients[p] + at,
        first: p < s.firsts.count ? s.firsts[p].map { $0 + at } : nil,
        second: p < s.seconds.count ? s.seconds[p].map { $0 + at } : nil,
        rows: rows.count, width: layer.outputs, clipScale: clipScale,
        rowSquares: s.updateSquares[p] + rows.lowerBound)
    }
  }

  func multiply(
    _ x: UnsafePointer<Float>, _ m: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    for j in 0..<count { out[j] = x[j] * m[j] }
  }
}
