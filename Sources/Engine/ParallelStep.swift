/// A classifier's training step in three passes, with the batch split across threads when the
/// trainer has several (one thread runs the same passes alone).
///
/// One hand-over to the pool, three phases, each run by every thread at once:
/// 1. rows: each thread takes its slice of the batch rows through gathering, the forward pass,
///    the loss and the backward pass down to every dense layer's output gradient (rows do not
///    depend on each other until the weight gradients);
/// 2. weight gradients: each thread computes its block of rows of every layer's ∂L/∂W (rows of W,
///    that is input features, over the whole batch) and each row's squared norm, summed while the
///    rows are still in the cache (`MatrixProduct.gemm(rowSquares:)`); a layer's ∂L/∂b
///    and its norm are computed whole by one thread (they are small). When the caller does not
///    want the weights' gradient norms (and there is no clipping to need them), the thread only
///    checks that its rows are finite, which is all the verdict needs, and far cheaper than
///    squares summed in double; should the verdict fail, the norms are then measured after all,
///    from the gradients the refused step left as they were. With several threads the product
///    also claims the cache lines of the thread's rows of W (`claiming:`), which every thread
///    read in phase 1: the update's writes would otherwise each wait for other cores to let go.
///    When the verdict is known before the weight gradients are (no norms wanted, the velocity
///    or plain optimiser without λ₁, a finite loss, and inputs and output gradients too small
///    for any sum to overflow: `fuses`), each block of rows of ∂L/∂W goes straight into the
///    update of those weights while it is in the L1 cache (`MatrixProduct.gemmUpdating`), the
///    same bits without writing the gradient out and reading it back;
/// 3. update: each thread adds up the loss and the norms row by row in one fixed order (so all
///    reach the same verdict), and unless the loss or a gradient is not finite, applies the
///    optimiser to the rows it computed the gradients of (the biases only, after a fused phase
///    2), while they are still in its cache.
///
/// The arithmetic is the layers' own (`Dense.affine`, `ActivationLayer.apply`/`backward`,
/// `Dropout.drawMask`, `SoftmaxCrossEntropy.row`, `Optimizer.apply`) and every product computes
/// each element alone (`MatrixProduct`); every sum runs over rows in one order, whoever computed
/// the rows. So a split step gives the same bits as the undivided one, for any thread count.
/// Dropout masks are drawn on the calling thread in layer order.
final class ParallelStep {
  let network: Network
  let dense: [Dense]
  let dropouts: [Dropout]
  let activation: Activation
  private var capacity = 0
  private var buffers: [UnsafeMutablePointer<Float>] = []
  /// Per dense layer l: its input X (B × in), output Y (B × out; the activation is applied in
  /// place for hidden layers), ∂L/∂Y and, for l ≥ 1, ∂L/∂X before the activation's derivative.
  private(set) var inputs: [UnsafeMutablePointer<Float>] = []
  private(set) var outputs: [UnsafeMutablePointer<Float>] = []
  private(set) var outputGradients: [UnsafeMutablePointer<Float>] = []
  private(set) var inputGradients: [UnsafeMutablePointer<Float>?] = []
  /// Per hidden layer: its dropout mask, and the masked activations that feed the next layer.
  private(set) var masks: [UnsafeMutablePointer<Float>] = []
  private(set) var masked: [UnsafeMutablePointer<Float>] = []
  private var rowLosses: [Double] = []
  /// Per parameter (weights, bias of each layer), each row's squared gradient norm and squared
  /// update norm, from `rowOffsets[p]` on in one buffer each.
  let gradientRowSquares: UnsafeMutablePointer<Double>
  private let updateRowSquares: UnsafeMutablePointer<Double>
  private let rowOffsets: [Int]
  /// Per thread and dense layer, the largest magnitudes that `fuses` bounds the gradients with.
  private var magnitudes: UnsafeMutablePointer<Float>
  private var magnitudeThreads = 0

  /// Whether a split step can train `network`: a plain classifier (softmax cross-entropy) with
  /// more than a handful of parameters (whose steps the trainer reports entry by entry). Residual
  /// blocks and batch normalisation train with the undivided step.
  static func applies(to network: Network) -> Bool {
    network.architecture.blocks == .plain
      && network.architecture.task.loss == .softmaxCrossEntropy
      && network.parameterCount > ParameterChange.smallModelLimit
  }

  init(network: Network) {
    self.network = network
    dense = network.denseLayers
    dropouts = network.layers.compactMap { $0 as? Dropout }
    activation = network.architecture.activation
    precondition(dropouts.count == dense.count - 1, "one dropout layer after each hidden layer")
    var offsets: [Int] = []
    var total = 0
    for layer in dense {
      offsets.append(total)
      total += layer.inputs
      offsets.append(total)
      total += 1
    }
    rowOffsets = offsets
    gradientRowSquares = .allocate(capacity: total)
    gradientRowSquares.initialize(repeating: 0, count: total)
    updateRowSquares = .allocate(capacity: total)
    updateRowSquares.initialize(repeating: 0, count: total)
    magnitudes = .allocate(capacity: 0)
  }

  deinit {
    release()
    gradientRowSquares.deallocate()
    updateRowSquares.deallocate()
    magnitudes.deallocate()
  }

  /// What a step did: the batch's mean loss, each parameter's squared gradient norm (in
  /// `network.parameters` order) and, unless the loss or a gradient was not finite, what the
  /// update did to each parameter. Without `measured`, the weights' norms were not asked for and
  /// read 0 (their gradients were finite). `threads`: the threads the batch was split across;
  /// `fused`: whether the weights' update was applied as their gradients were computed (then
  /// the weights' gradient buffers do not hold this step's gradients).
  struct Outcome {
    var threads: Int
    var fused: Bool
    var loss: Double
    var squaredNorms: [Double]
    var measured: Bool
    var updates: [ParameterUpdate]?
  }

  /// Trains on the examples `batch` of `examples` with class `labels`, drawing dropout masks from
  /// `generator` and updating with `hyper`'s optimiser and `state`; on the calling thread alone
  /// without a pool or with one thread. Measures every gradient norm when `norms` is true or
  /// `hyper` clips, else only the biases' (and the weights' when the step is refused).
  func run(
    batch: [Int], of examples: Examples, labels: [Int32], pool: WorkerPool?, threads: Int,
    dropout generator: inout SeededGenerator, state: inout OptimizerState, hyper: Hyperparameters,
    norms: Bool = true
  ) -> Outcome {
    let norms = norms || hyper.clipNorm > 0
    let n = batch.count
    precondition(n > 0 && labels.count == n, "one label per example of a non-empty batch")
    reserve(rows: n)
    refreshInputs()
    let rates = dropouts.map(\.rate)
    for (l, rate) in rates.enumerated() where rate > 0 {
      Dropout.drawMask(rate: rate, into: masks[l], count: n * dense[l].outputs, using: &generator)
    }
    let parameters = network.parameters
    // NB: on a diverging step nothing is updated, but the optimiser's state is readied all the
    // same; a diverged run only goes on after `reset()` or `restore(_:)`, which replace it.
    let step = Optimizer.prepare(parameters, state: &state, hyper: hyper)
    let threads = max(1, min(threads, pool?.size ?? 1, n))
    let rows = batch.map { Int64($0) }
    // Per thread and parameter: whether its rows of the update stayed finite, then (unmeasured
    // norms) whether its rows of the gradient are; then per thread whether it fused the update.
    let flagCount = threads * parameters.count
    var finite = [Bool](repeating: true, count: 2 * flagCount + threads)
    for t in 0..<threads { finite[2 * flagCount + t] = false }
    // NB: only the velocity and plain passes have a fused form, and λ₁ takes its own pass.
    let fusable = !norms && step.kind != .adam && step.l1 == 0
    if fusable { reserveMagnitudes(threads: threads) }
    rowLosses.withUnsafeMutableBufferPointer { losses in
      rows.withUnsafeBufferPointer { rows in
        labels.withUnsafeBufferPointer { labels in
          finite.withUnsafeMutableBufferPointer { finite in
            withStorage(parameters) { values, gradients in
              withStorage(&state.first) { firsts in
                withStorage(&state.second) { seconds in
                  let s = Slices(
                    values: values, gradients: gradients, firsts: firsts, seconds: seconds,
                    decays: parameters.map(\.decays), rows: rows.baseAddress!,
                    labels: labels.baseAddress!, losses: losses.baseAddress!,
                    gradientSquares: rowOffsets.map { gradientRowSquares + $0 },
                    updateSquares: rowOffsets.map { updateRowSquares + $0 },
                    finite: finite.baseAddress!, norms: norms,
                    gradientsFinite: finite.baseAddress! + flagCount, fusable: fusable,
                    magnitudes: magnitudes, fused: finite.baseAddress! + 2 * flagCount, batch: n,
                    threads: threads, rates: rates)
                  let phase = { (t: Int, phase: Int) in
                    switch phase {
                    case 0: self.forwardAndBackward(s, thread: t, of: examples)
                    case 1: self.weightGradients(s, thread: t, step: step)
                    default: self.update(s, thread: t, step: step, clipNorm: hyper.clipNorm)
                    }
                  }
                  if let pool, threads > 1 {
                    pool.run(phases: 3, participants: threads, phase)
                  } else {
                    for p in 0..<3 { phase(0, p) }
                  }
                }
              }
            }
          }
        }
      }
    }
    var (loss, squaredNorms) = rowLosses.withUnsafeBufferPointer {
      totals($0.baseAddress!, n, gradientRowSquares, weights: norms)
    }
    if !norms {
      finite.withUnsafeBufferPointer {
        fillUnmeasured(&squaredNorms, $0.baseAddress! + flagCount, threads: threads)
      }
    }
    guard Trainer.canUpdate(loss: loss, squaredNorms: squaredNorms) else {
      if !norms {
        // NB: a refused step leaves the gradients as they were: measure what the report needs.
        withStorage(parameters) { _, gradients in
          for l in dense.indices {
            squaredNorms[2 * l] = MatrixProduct.sumOfSquares(
              rows: dense[l].inputs, width: dense[l].outputs, gradients[2 * l])
          }
        }
      }
      return Outcome(
        threads: threads, fused: false, loss: loss, squaredNorms: squaredNorms, measured: true,
        updates: nil)
    }
    let updates = parameters.indices.map { p in
      ParameterUpdate(
        updateSquaredNorm: rowTotal(updateRowSquares, p),
        finite: (0..<threads).allSatisfy { finite[$0 * parameters.count + p] })
    }
    return Outcome(
      threads: threads, fused: finite[2 * flagCount], loss: loss, squaredNorms: squaredNorms,
      measured: norms, updates: updates)
  }

  /// Without measured norms, each weight's squared norm for the verdict: 0 when every thread
  /// found its rows of the gradient finite, else NaN.
  func fillUnmeasured(
    _ squaredNorms: inout [Double], _ gradientsFinite: UnsafePointer<Bool>, threads: Int
  ) {
    let count = squaredNorms.count
    for l in dense.indices {
      let finite = (0..<threads).allSatisfy { gradientsFinite[$0 * count + 2 * l] }
      squaredNorms[2 * l] = finite ? 0 : .nan
    }
  }

  /// The rows of parameter p: input features of a weight matrix, one for a bias.
  private func rowCount(_ p: Int) -> Int { p % 2 == 0 ? dense[p / 2].inputs : 1 }

  /// Σ of parameter p's rows' values, in row order.
  private func rowTotal(_ rowValues: UnsafePointer<Double>, _ p: Int) -> Double {
    var total: Double = 0
    for r in 0..<rowCount(p) { total += rowValues[rowOffsets[p] + r] }
    return total
  }

  /// The batch's mean loss and the squared gradient norms, added up in one fixed order (the
  /// weights' read 0 unless `weights`).
  func totals(
    _ losses: UnsafePointer<Double>, _ n: Int, _ gradientSquares: UnsafePointer<Double>,
    weights: Bool
  ) -> (loss: Double, squaredNorms: [Double]) {
    var loss: Double = 0
    for r in 0..<n { loss += losses[r] }
    let squaredNorms = (0..<(2 * dense.count)).map {
      weights || $0 % 2 == 1 ? rowTotal(gradientSquares, $0) : 0
    }
    return (loss / Double(n), squaredNorms)
  }

  /// Room for the magnitudes of up to `threads` threads.
  private func reserveMagnitudes(threads: Int) {
    guard threads > magnitudeThreads else { return }
    magnitudes.deallocate()
    let count = 2 * threads * dense.count
    magnitudes = .allocate(capacity: count)
    magnitudes.initialize(repeating: 0, count: count)
    magnitudeThreads = threads
  }

  /// Buffers for batches of up to `rows` rows.
  private func reserve(rows: Int) {
    guard rows > capacity else { return }
    release()
    capacity = rows
    func allocate(_ width: Int) -> UnsafeMutablePointer<Float> {
      let p = UnsafeMutablePointer<Float>.allocate(capacity: rows * width)
      p.initialize(repeating: 0, count: rows * width)
      buffers.append(p)
      return p
    }
    for (l, layer) in dense.enumerated() {
      outputs.append(allocate(layer.outputs))
      outputGradients.append(allocate(layer.outputs))
      inputGradients.append(l > 0 ? allocate(layer.inputs) : nil)
      if l < dense.count - 1 {
        masks.append(allocate(layer.outputs))
        masked.append(allocate(layer.outputs))
      }
    }
    inputs = [allocate(dense[0].inputs)]
    rowLosses = [Double](repeating: 0, count: rows)
    refreshInputs()
  }

  /// Hidden layer l feeds its masked activations to layer l + 1 while its dropout is on.
  private func refreshInputs() {
    inputs.removeSubrange(1...)
    for l in 0..<(dense.count - 1) { inputs.append(dropouts[l].rate > 0 ? masked[l] : outputs[l]) }
  }

  private func release() {
    for p in buffers { p.deallocate() }
    buffers = []
    inputs = []
    outputs = []
    outputGradients = []
    inputGradients = []
    masks = []
    masked = []
    capacity = 0
  }
}
