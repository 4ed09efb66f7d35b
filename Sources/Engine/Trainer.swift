/// Trains a network on examples one mini-batch at a time.
///
/// A step: gather the batch → forward → loss → backward → (clip) → optimiser update.
/// Settings can change between any two steps; the weights are kept. When a loss, gradient or
/// weight becomes NaN or infinite the trainer stops in a diverged state and explains why.
///
/// Same seed, same data, same settings ⇒ the same numbers: the weights come from
/// `SeededGenerator(seed)`, epoch orders and dropout masks from two generators derived from it.
public final class Trainer {
  public private(set) var network: Network
  public let train: Examples
  /// The test split; nil when there is none (or it is empty).
  public let test: Examples?
  /// The validation split, evaluated with the others; nil when there is none (or it is empty).
  public let validation: Examples?
  public let seed: UInt64
  public let initializer: Initializer
  public private(set) var hyper: Hyperparameters
  public internal(set) var history = History()
  /// The report of the latest step, nil before the first one and after `reset()`/`restore(_:)`.
  public private(set) var lastReport: StepReport?
  /// Set when training diverged; `step()` refuses until `reset()` or `restore(_:)`.
  public private(set) var divergence: Divergence?
  /// How long the latest step took, in seconds.
  public private(set) var lastStepSeconds = 0.0

  private var progress: TrainingProgress
  private var optimizerState = OptimizerState()
  private var batchInput = Matrix(rows: 0, cols: 0)
  private var outputGradient = Matrix(rows: 0, cols: 0)
  /// Buffers of the split step, made on the first step that splits its batch.
  private var parallelStep: ParallelStep?
  /// The threads a step may split its batch across, and how many of them a batch of n rows uses
  /// (tests choose their own; by default the chosen count, else `threadTuner`'s). The split
  /// changes the speed, never the numbers.
  var threadPool: () -> WorkerPool? = { ComputeThreads.pool }
  var threadsForBatch: ((_ rows: Int, _ parameters: Int) -> Int)?
  /// The most threads a batch pays for, and whether `threadTuner` chooses under it (no count chosen).
  var threadCap: (_ rows: Int, _ parameters: Int) -> Int = ComputeThreads.threads(forBatch:parameters:)
  var tunesThreads: () -> Bool = { ComputeThreads.chosen == nil }
  /// Times the steps to choose their thread count.
  var threadTuner = ThreadTuner()
  /// Whether a classifier's step may go through `ParallelStep` (with its row-block passes, also
  /// on one thread); tests turn it off to compare with the layers' own step.
  var takesSplitSteps = true
  /// Whether each step measures the gradient norms its report carries (`StepReport.gradientNorms`).
  /// Without them (for a caller that shows none) a plain classifier's split step only checks
  /// that its weights' gradients are finite, or, when it can tell beforehand that they are,
  /// applies them to the update as it computes them (see `ParallelStep`); the report's
  /// `gradientNorms` is empty. The training numbers are the same either way, and clipping
  /// measures the norms regardless.
  public var measuresGradientNorms = true

  /// Checks that the architecture fits the data and the settings are valid, before allocating.
  public init(
    architecture: Architecture, initializer: Initializer, hyper: Hyperparameters, seed: UInt64,
    train: Examples, test: Examples? = nil, validation: Examples? = nil
  ) throws(EngineError) {
    try architecture.validate()
    try hyper.validate()
    try Trainer.checkFit(architecture, train, "training")
    if let test { try Trainer.checkFit(architecture, test, "test") }
    if let validation { try Trainer.checkFit(architecture, validation, "validation") }
    guard train.count > 0 else { throw .dataMismatch("the training set is empty") }
    try Trainer.checkMemory(architecture, runs: [hyper], train: train, test: test)
    var generator = SeededGenerator(seed: seed)
    self.network = try FloatMode.flushingSubnormals { () throws(EngineError) -> Network in
      try Network(
        architecture, initializer: initializer, dropout: hyper.dropout, generator: &generator)
    }
    self.train = train
    // An empty test split is no test data: nothing to evaluate, rather than a loss of 0.
    self.test = test.flatMap { $0.count > 0 ? $0 : nil }
    self.validation = validation.flatMap { $0.count > 0 ? $0 : nil }
    self.seed = seed
    self.initializer = initializer
    self.hyper = hyper
    self.progress = Trainer.freshProgress(seed: seed, count: train.count)
  }

  private static func checkFit(
    _ a: Architecture, _ examples: Examples, _ name: String
  ) throws(EngineError) {
    guard a.inputs == examples.featureCount else {
      throw .dataMismatch(
        "the model takes \(a.inputs) inputs but the \(name) data has \(examples.featureCount) features")
    }
    guard a.task == examples.task else {
      throw .dataMismatch("a \(a.task.rawValue) model cannot learn \(examples.task.rawValue) data")
    }
    guard a.outputs == examples.outputCount else {
      let what = a.task == .classification ? "classes" : "target values"
      throw .dataMismatch(
        "the model has \(a.outputs) outputs but the \(name) data has \(examples.outputCount) \(what)")
    }
  }

  private static func freshProgress(seed: UInt64, count: Int) -> TrainingProgress {
    var shuffler = SeededGenerator(seed: seed ^ 0x5348_5546_464C_4531)
    let order = shuffler.permutation(count)
    return TrainingProgress(
      order: order, shuffler: shuffler, dropout: SeededGenerator(seed: seed ^ 0x4452_4F50_4F55_5431))
  }

  /// Steps done so far.
  public var steps: Int { progress.step }
  /// Epochs completed so far.
  public var epochsCompleted: Int { progress.epoch }
  /// Fraction of the current epoch done, in [0, 1).
  public var epochFraction: Double { Double(progress.position) / Double(train.count) }
  /// Steps in one epoch at the current batch size.
  public var stepsPerEpoch: Int { (train.count + hyper.batchSize - 1) / hyper.batchSize }

  /// Changes settings between steps without touching the weights, and records a marker for
  /// each setting that changed ("lr 0.1"). A new optimiser starts from a zero state at its next
  /// step (momentum and Nesterov share their velocity).
  public func setHyperparameters(_ new: Hyperparameters) throws(EngineError) {
    try new.validate()
    if new.batchSize != hyper.batchSize || new.optimizer != hyper.optimizer {
      try Trainer.checkMemory(network.architecture, runs: [new], train: train, test: test)
    }
    for label in Trainer.changeLabels(from: hyper, to: new) {
      history.record(History.Marker(step: progress.step, label: label))
    }
    hyper = new
    network.setDropout(new.dropout)
  }

  static func changeLabels(from a: Hyperparameters, to b: Hyperparameters) -> [String] {
    var labels: [String] = []
    func note<T: Equatable>(_ name: String, _ x: T, _ y: T) {
      if x != y { labels.append("\(name) \(y)") }
    }
    note("lr", a.learningRate, b.learningRate)
    note("batch", a.batchSize, b.batchSize)
    if a.optimizer != b.optimizer { labels.append(b.optimizer.rawValue) }
    note("momentum", a.momentum, b.momentum)
    note("beta1", a.beta1, b.beta1)
    note("beta2", a.beta2, b.beta2)
    note("eps", a.epsilon, b.epsilon)
    note("l1", a.l1, b.l1)
    note("l2", a.l2, b.l2)
    note("dropout", a.dropout, b.dropout)
    note("clip", a.clipNorm, b.clipNorm)
    return labels
  }

  /// Trains one mini-batch and reports what happened.
  /// - Parameter measureLossAfter: also compute the batch's loss after the update.
  @discardableResult
  public func step(measureLossAfter: Bool = false) throws(EngineError) -> StepReport {
    try FloatMode.flushingSubnormals { () throws(EngineError) -> StepReport in
      try flushedStep(measureLossAfter: measureLossAfter)
    }
  }

  private func flushedStep(measureLossAfter: Bool) throws(EngineError) -> StepReport {
    if let divergence { throw .diverged(divergence) }
    let clock = ContinuousClock()
    let began = clock.now
    var tuned = false
    defer {
      let took = (clock.now - began).components
      lastStepSeconds = Double(took.seconds) + Double(took.attoseconds) * 1e-18
      if tuned { threadTuner.record(seconds: lastStepSeconds) }
    }
    let start = progress.position
    let end = min(start + hyper.batchSize, train.count)
    let batch = Array(progress.order[start..<end])
    let targets = train.targets(batch)
    let stepNumber = progress.step + 1
    let loss = network.architecture.task.loss
    let parameters = network.parameters

    let lossBefore: Double
    let squaredNorms: [Double]
    var splitUpdates: [ParameterUpdate]?
    var normsMeasured = true
    let threads: Int
    var ranOn = 1
    (threads, tuned) = threadCount(rows: batch.count, measureLossAfter: measureLossAfter)
    if takesSplitSteps, case .classes(let labels) = targets, ParallelStep.applies(to: network) {
      let pool = threads > 1 ? threadPool() : nil
      if parallelStep?.network !== network { parallelStep = ParallelStep(network: network) }
      var dropout = progress.dropout
      let outcome = parallelStep!.run(
        batch: batch, of: train, labels: labels, pool: pool, threads: threads, dropout: &dropout,
        state: &optimizerState, hyper: hyper, norms: measuresGradientNorms)
      progress.dropout = dropout
      (lossBefore, squaredNorms, splitUpdates) = (outcome.loss, outcome.squaredNorms, outcome.updates)
      normsMeasured = outcome.measured
      ranOn = outcome.threads
      if measureLossAfter {
        network.releaseInputs()
        train.gather(batch, into: &batchInput)
      }
    } else {
      network.releaseInputs()
      train.gather(batch, into: &batchInput)
      var mode = ForwardMode.training(progress.dropout)
      let output = network.forward(batchInput, mode: &mode)
      if case .training(let g) = mode { progress.dropout = g }
      lossBefore = loss.valueAndGradient(output, targets, gradient: &outputGradient)
      if Float(lossBefore).isFinite { network.backward(outputGradient) }
      squaredNorms = parameters.map { $0.gradient.squaredNorm }
    }
    // The history keeps losses in Float32, so a loss beyond its range (≈ 3.4e38) is infinite.
    guard Float(lossBefore).isFinite else {
      return try diverge(Divergence(
        step: stepNumber, quantity: .loss, value: Double(Float(lossBefore)),
        learningRate: hyper.learningRate, previousLoss: lastLoss))
    }
    if let bad = squaredNorms.firstIndex(where: { !$0.isFinite }) {
      return try diverge(Divergence(
        step: stepNumber, quantity: .gradient(parameter: parameters[bad].name),
        value: squaredNorms[bad], learningRate: hyper.learningRate, previousLoss: lastLoss))
    }
    let clipScale = Trainer.clipScale(squaredNorms: squaredNorms, clipNorm: hyper.clipNorm)
    let small = network.parameterCount <= ParameterChange.smallModelLimit
    var changes: [ParameterChange] =
      small
      ? parameters.map {
        ParameterChange(name: $0.name, before: $0.value.values, gradient: $0.gradient.values, after: [])
      } : []
    let updates =
      splitUpdates
      ?? Optimizer.update(parameters, state: &optimizerState, hyper: hyper, clipScale: clipScale)
    // The next batch's rows are asked for once the update has swept the parameters through the
    // caches, so that they are still there when the next step gathers them.
    if end < train.count {
      train.prefetch(progress.order[end..<min(end + hyper.batchSize, train.count)])
    }
    if let bad = updates.firstIndex(where: { !$0.finite }) {
      return try diverge(Divergence(
        step: stepNumber, quantity: .weights(parameter: parameters[bad].name), value: .infinity,
        learningRate: hyper.learningRate, previousLoss: lossBefore))
    }

    for i in changes.indices { changes[i].after = parameters[i].value.values }
    progress.step = stepNumber
    progress.position = end
    let epochNumber = progress.epoch + 1
    let endedEpoch = end >= train.count
    if endedEpoch {
      progress.epoch += 1
      progress.position = 0
      // NB: the shuffler and the order are both parts of `progress`; shuffling one with the
      // other in place would be two simultaneous modifications of `progress`, which Swift traps.
      var shuffler = progress.shuffler
      shuffler.shuffle(&progress.order)
      progress.shuffler = shuffler
    }
    history.record(stepLoss: lossBefore, step: stepNumber)

    var lossAfter: Double?
    if measureLossAfter {
      lossAfter = loss.value(network.predict(batchInput), targets)
    }
    let report = StepReport(
      step: stepNumber, epoch: epochNumber, endedEpoch: endedEpoch, batch: batch,
      lossBefore: lossBefore, lossAfter: lossAfter, learningRate: hyper.learningRate, threads: ranOn,
      gradientNorms: normsMeasured
        ? Trainer.perLayer(squaredNorms, network.parameterLayers).map { $0.squareRoot() } : [],
      updateNorms: Trainer.perLayer(updates.map(\.updateSquaredNorm), network.parameterLayers).map {
        $0.squareRoot()
      },
      clipScale: clipScale,
      parameterChanges: changes)
    lastReport = report
    return report
  }

  private var lastLoss: Double? { history.lastLoss.map(Double.init) }

  private func diverge(_ d: Divergence) throws(EngineError) -> StepReport {
    divergence = d
    throw .diverged(d)
  }

  /// Sets one entry of a parameter by hand (a learner fitting a line with `set w`), keeping
  /// everything else, and records a marker with `label`.
  public func setParameter(_ name: String, index: Int, to value: Float, label: String)
    throws(EngineError)
  {
    guard let p = network.parameters.first(where: { $0.name == name }), index >= 0,
      index < p.count
    else {
      throw .invalidSetting("the model has no parameter \(name)[\(index)]")
    }
    guard value.isFinite else { throw .invalidSetting("\(label) must be a finite number") }
    p.value.values[index] = value
    history.record(History.Marker(step: progress.step, label: label))
  }

  /// Copies the parameter values of `other` (same architecture) into this run's network.
  public func loadParameters(from other: Network) throws(EngineError) {
    guard other.architecture.sizes == network.architecture.sizes,
      other.architecture.blocks == network.architecture.blocks
    else {
      throw .dataMismatch(
        "the saved model is \(other.architecture.specText) but this run's is \(network.architecture.specText)")
    }
    for (mine, theirs) in zip(network.parameters, other.parameters) { mine.value = theirs.value }
    network.statistics = other.statistics
  }

  /// Trains until the current epoch ends; returns the mean batch loss of the steps taken.
  @discardableResult
  public func trainEpoch() throws(EngineError) -> Double {
    var sum: Double = 0
    var count = 0
    while true {
      let report = try step()
      sum += report.lossBefore
      count += 1
      if report.endedEpoch { break }
    }
    return sum / Double(count)
  }

  /// Evaluates on the training, test and validation sets and records it in the history.
  @discardableResult
  public func evaluate() -> History.Evaluated {
    let record = evaluation()
    history.record(record)
    return record
  }

  /// An evaluation on both splits at the current step, not recorded.
  func evaluation() -> History.Evaluated {
    History.Evaluated(
      step: progress.step, epoch: progress.epoch, train: network.evaluate(train),
      test: test.map { network.evaluate($0) }, validation: validation.map { network.evaluate($0) })
  }

  /// A snapshot of the whole run, cheap to take.
  public func checkpoint() -> Checkpoint {
    Checkpoint(
      parameterValues: network.parameters.map(\.value), statistics: network.statistics,
      optimizer: optimizerState,
      progress: progress, hyper: hyper, markerCount: history.markers.count, divergence: divergence)
  }

  /// Puts the run back exactly as it was when `checkpoint` was taken (by this trainer). The
  /// history is cut back to its step, exactly when the step is recent enough to be kept whole
  /// (`History.exactCut(atOrBefore:)`); `Rewinder` rebuilds it exactly in every case.
  public func restore(_ checkpoint: Checkpoint) {
    for (p, value) in zip(network.parameters, checkpoint.parameterValues) { p.value = value }
    network.statistics = checkpoint.statistics
    optimizerState = checkpoint.optimizer
    progress = checkpoint.progress
    hyper = checkpoint.hyper
    network.setDropout(hyper.dropout)
    history.truncate(toStep: checkpoint.step, markerCount: checkpoint.markerCount)
    divergence = checkpoint.divergence
    lastReport = nil
  }

  /// New weights from the seed and a fresh start; the current settings are kept.
  public func reset() {
    var generator = SeededGenerator(seed: seed)
    FloatMode.flushingSubnormals {
      for dense in network.denseLayers {
        initializer.fill(&dense.weights.value, using: &generator)
        dense.bias.value.fill(0)
      }
      network.resetNormalisation()
    }
    optimizerState = OptimizerState()
    progress = Trainer.freshProgress(seed: seed, count: train.count)
    history = History()
    divergence = nil
    lastReport = nil
  }

  /// An independent copy of this run (weights, optimiser state, progress, history).
  public func fork() -> Trainer {
    Trainer(copying: self)
  }

  private init(copying other: Trainer) {
    network = other.network.copy()
    train = other.train
    test = other.test
    validation = other.validation
    seed = other.seed
    initializer = other.initializer
    hyper = other.hyper
    history = other.history
    divergence = other.divergence
    progress = other.progress
    optimizerState = other.optimizerState
  }
}
