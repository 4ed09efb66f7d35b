import ArgumentParser
import Datasets
import Engine
import Charts
import Foundation
import Tutor

/// `mltutor train`: headless training with one line per epoch, for scripts and benchmarks.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a model without the tutor and print one line per epoch.",
    discussion: """
      Examples:
        mltutor train --data mnist-5k --model 784-128-64-10 --optimizer momentum --lr 0.05
        mltutor train --data apartments -o scale=standard --lr 0.1 --epochs 50
        mltutor train --data fashion --model 784-10 --optimizer adam --lr 0.001 --json
      """)

  @Option(help: "Data set: a name from 'mltutor data list', idx:IMAGES,LABELS or csv:FILE:COLUMN.")
  var data: String

  @Option(name: [.customShort("o"), .customLong("data-option")],
    help: "A data set knob as key=value (repeatable), e.g. -o noise=0.3.")
  var dataOptions: [String] = []

  @Option(help: "'linear', or layer sizes such as 784-128-64-10.")
  var model: String = "linear"

  @Option(help: "Hidden activation: relu, leaky-relu, sigmoid or tanh.")
  var activation: String = "relu"

  @Option(help: "Weight initialisation: he, xavier, uniform or zeros (default: suits the activation).")
  var initializer: String?

  @Option(help: "Optimizer: sgd, momentum, nesterov or adam.")
  var optimizer: String = "sgd"

  @Option(help: "Learning rate.")
  var lr: Float = 0.05

  @Option(help: "Momentum (momentum and nesterov).")
  var momentum: Float = 0.9

  @Option(help: "Batch size.")
  var batch: Int = 32

  @Option(help: "Number of epochs.")
  var epochs: Int = 10

  @Option(help: "L1 weight penalty.")
  var l1: Float = 0

  @Option(help: "L2 weight penalty.")
  var l2: Float = 0

  @Option(help: "Dropout rate after each hidden layer.")
  var dropout: Float = 0

  @Option(help: "Clip the gradient's global norm to this value (0: off).")
  var clip: Float = 0

  @Option(help: "Seed for weights, shuffling and dropout.")
  var seed: UInt64 = 0

  @Option(help: "Threads for training and evaluation (default: as many as the batch pays for, up to the cores).")
  var threads: Int?

  @Option(help: "Save the trained model to this file.")
  var save: String?

  @Option(help: "Cross-validate instead: K fresh models, each trained --epochs epochs on all folds of the training split but one and validated on that one.")
  var folds: Int?

  @Flag(help: "Print one JSON object per epoch instead of text.")
  var json = false

  @Flag(help: "At the end, draw the loss curves and, for classes, one test image with its probabilities.")
  var plot = false

  @Flag(help: "Draw charts with ASCII characters only.")
  var ascii = false

  func run() throws {
    try Self.reportingFailures(train)
  }

  private func train() throws {
    let started = Date()
    // Everything that can be checked without data is checked first.
    let settings = try parseSettings()
    if let problem = MemoryBudget.current.problem { throw Failure(problem) }
    guard epochs >= 0 else { throw Failure("--epochs must be 0 or more (got \(epochs))") }
    if let threads {
      guard threads >= 1 && threads <= 256 else { throw Failure("--threads must be 1 to 256") }
      ComputeThreads.chosen = threads
    }
    do {
      // The shape alone: whether the outputs suit the task is known once the data is loaded.
      _ = try Architecture.parse(
        model, activation: settings.activation, task: .regression, inputs: 1, outputs: 2)
      // The file is checked now, so that a training run is never lost to a path it cannot use.
      if let save { try ModelFile.checkSavable(save) }
    } catch {
      throw Failure(error.description)
    }

    let options = try parseDataOptions(dataOptions)
    let dataset: Dataset
    do {
      dataset = try DatasetCatalog.load(data, options: options, locations: resolvedDataLocations())
    } catch {
      throw Failure(error.description)
    }
    let architecture: Architecture
    let trainer: Trainer
    do {
      architecture = try Architecture.parse(
        model, activation: settings.activation, task: dataset.task,
        inputs: dataset.featureCount, outputs: dataset.outputCount)
      trainer = try Trainer(
        architecture: architecture,
        initializer: settings.initializer ?? Initializer.recommended(for: settings.activation),
        hyper: settings.hyper, seed: seed, train: dataset.train, test: dataset.test,
        validation: dataset.validation)
    } catch {
      throw Failure(error.description)
    }
    // NB: the epoch lines show no gradient norms; a step that does not measure them is cheaper.
    trainer.measuresGradientNorms = false
    if let folds {
      try crossValidate(folds, trainer: trainer)
      return
    }
    var out = EpochPrinter(json: json, task: dataset.task, started: started, hasTest: trainer.test != nil)
    out.hasValidation = trainer.validation != nil
    if let header = out.header { print(header) }
    let progress = ProgressBar(enabled: !json && isatty(STDERR_FILENO) != 0)
    for epoch in 1...max(1, epochs) where epochs > 0 {
      let clock = ContinuousClock()
      let begin = clock.now
      var stepsByThreads: [Int: Int] = [:]
      do {
        while true {
          let report = try trainer.step()
          stepsByThreads[report.threads, default: 0] += 1
          if report.endedEpoch { break }
          progress.update(epoch: epoch, of: epochs, fraction: trainer.epochFraction)
        }
      } catch {
        progress.clear()
        throw Failure(error.description)
      }
      let seconds = (clock.now - begin).seconds
      progress.clear()
      let record = trainer.evaluate()
      out.print(
        record, epoch: epoch, samplesPerSecond: Double(dataset.train.count) / seconds,
        stepsByThreads: stepsByThreads)
    }
    if plot {
      let style = ChartStyle.forTerminal(
        environment: ProcessInfo.processInfo.environment, isTerminal: isatty(STDOUT_FILENO) != 0,
        forceASCII: ascii)
      for line in TrainingPlots.lines(trainer: trainer, dataset: dataset, style: style) { print(line) }
    }
    if let save {
      do {
        try ModelFile.save(
          trainer.network, to: save, metadata: metadata(settings, options: options, steps: trainer.steps))
      } catch {
        throw Failure(error.description)
      }
      if !json { print("saved \(save)") }
    }
  }

  /// `--folds K`: one line (or JSON object) per fold, then the mean and the spread.
  private func crossValidate(_ k: Int, trainer: Trainer) throws {
    guard epochs >= 1 else { throw Failure("--folds needs --epochs of 1 or more") }
    let result: CrossValidation?
    do {
      result = try CrossValidation.run(
        architecture: trainer.network.architecture, initializer: trainer.initializer, hyper: trainer.hyper,
        seed: seed, examples: trainer.train, k: k, epochs: epochs)
    } catch {
      throw Failure(error.message)
    }
    guard let result else { return }
    for line in CrossValidationPrinter(json: json).lines(result) { print(line) }
  }

  /// What the tutor's `save` records, so that `load` rebuilds the same data and settings.
  private func metadata(_ s: Settings, options: [String: String], steps: Int) -> [String: String] {
    var session = SessionSettings()
    session.dataName = data
    session.dataOptions = options
    session.modelSpec = model.lowercased()
    session.activation = s.activation
    session.initializer = s.initializer
    session.seed = seed
    var metadata = ModelMetadata.record(settings: session, hyper: s.hyper, steps: steps)
    metadata["epochs"] = String(epochs)
    return metadata
  }

  struct Settings {
    var hyper: Hyperparameters
    var activation: Activation
    var initializer: Initializer?
  }

  private func parseSettings() throws -> Settings {
    guard let act = Activation(rawValue: activation) else {
      throw Failure("--activation must be relu, leaky-relu, sigmoid or tanh (got '\(activation)')")
    }
    guard let opt = OptimizerKind(rawValue: optimizer) else {
      throw Failure("--optimizer must be sgd, momentum, nesterov or adam (got '\(optimizer)')")
    }
    var initial: Initializer?
    if let initializer {
      guard let i = Initializer(rawValue: initializer) else {
        throw Failure("--initializer must be he, xavier, uniform or zeros (got '\(initializer)')")
      }
      initial = i
    }
    var hyper = Hyperparameters()
    hyper.learningRate = lr
    hyper.batchSize = batch
    hyper.optimizer = opt
    hyper.momentum = momentum
    hyper.l1 = l1
    hyper.l2 = l2
    hyper.dropout = dropout
    hyper.clipNorm = clip
    do {
      try hyper.validate()
    } catch {
      throw Failure(error.description)
    }
    return Settings(hyper: hyper, activation: act, initializer: initial)
  }
}

/// Parses `key=value` knobs.
func parseDataOptions(_ items: [String]) throws -> [String: String] {
  var options: [String: String] = [:]
  for item in items {
    let parts = item.split(separator: "=", maxSplits: 1)
    guard parts.count == 2, !parts[0].isEmpty else {
      throw Failure("data option '\(item)' should look like key=value")
    }
    options[String(parts[0])] = String(parts[1])
  }
  return options
}

extension Duration {
  var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}
