import Datasets
import Engine

/// The learner's instrument: the current data, model, settings and runs, driven by commands.
///
/// `execute` takes a `Command` and returns `Output` values; nothing here prints or draws.
/// A command that fails returns `.error` and leaves the session as it was.
public final class Session {
  public let locations: DataLocations
  public internal(set) var settings = SessionSettings()
  /// NB: new data make the last chart command's chart meaningless: a screen's pinned chart
  /// goes with it.
  public internal(set) var dataset: Dataset? { didSet { lastChartCommand = nil } }
  public internal(set) var ball: BallRun?
  var runs: [String: Run] = [:] {
    didSet { shareCheckpointBudget() }
  }
  public internal(set) var currentRunName = "main" {
    didSet { shareCheckpointBudget() }
  }
  /// Set by `quit`.
  public private(set) var wantsToQuit = false
  /// The last evaluation on the test set that a command printed (after `train N`, `eval`).
  var printedTest: PrintedTest?
  /// The last evaluation on fresh examples that `eval fresh` printed.
  var printedFresh: PrintedTest?
  /// The last `crossval`, with the data and model it was run on.
  public internal(set) var crossValidation: CrossValidationRecord?
  /// The last command that drew a chart (`plot`, `predict #N`, `compare`), and how many such
  /// commands have run: a screen keeps that chart and redraws it with `redraw(_:)`.
  public internal(set) var lastChartCommand: Command?
  public internal(set) var chartCommands = 0
  /// The challenge started last (`challenge NAME`), which `submit` judges.
  var activeChallenge: ActiveChallenge?
  /// Where personal bests in the challenges are kept; in memory only unless a front end
  /// gives it the state folder.
  public var challengeStore = ChallengeStore(directory: nil)
  /// The cell of the last `plot mistakes TRUE PREDICTED` that drew images, and its data.
  var namedMistakeCell: (data: String, cell: [Int])?
  /// The last loss landscape computed, so that drawing it again costs nothing while the
  /// weights it is about stay as they were.
  var landscapeCache: (key: [String], outputs: [Output])?
  /// The losses of the last `plot landscape line` drawn, at t = −0.25, −0.2, … 1.25.
  public internal(set) var landscapeLineLosses: [Double]?
  /// What `cost`, `search` and `threshold` measured last.
  public internal(set) var measured = MeasuredFigures()

  public init(locations: DataLocations) {
    self.locations = locations
  }

  /// The run commands act on, once data and a model exist.
  public var run: Run? { runs[currentRunName] }
  public var trainer: Trainer? { run?.trainer }
  public var runNames: [String] { runs.keys.sorted() }

  /// Parses and executes one line; a parse error becomes one `.error` output.
  public func execute(
    line: String, shouldStop: @escaping () -> Bool = { false },
    progress: ((TrainingProgress) -> Void)? = nil
  ) -> [Output] {
    do {
      guard let command = try CommandParser.parse(line) else { return [] }
      return execute(command, shouldStop: shouldStop, progress: progress)
    } catch {
      return [.error(error.message)]
    }
  }

  /// Executes a parsed command.
  /// - Parameters:
  ///   - shouldStop: polled between training steps; true ends `train` early.
  ///   - progress: called now and then while `train` runs.
  public func execute(
    _ command: Command, shouldStop: @escaping () -> Bool = { false },
    progress: ((TrainingProgress) -> Void)? = nil
  ) -> [Output] {
    do {
      switch command {
      case .help(let name): return try help(name)
      case .data(let name, let options): return try loadData(name, options: options)
      case .model(let spec, let options): return try buildModel(spec, options: options)
      case .set(let name, let value): return try set(name, value)
      case .show(let what): return try show(what)
      case .step(let n): return try step(n, shouldStop: shouldStop)
      case .train(let amount): return try train(amount, shouldStop: shouldStop, progress: progress)
      case .stop: return [.line("nothing is training")]
      case .eval: return try evaluate()
      case .predict(let input): return recordingChart(command, try predict(input))
      case .plot(let kind, let index): return recordingChart(command, try plot(kind, index: index))
      case .plotMistakes(let truth, let predicted): return recordingChart(command, try mistakesPlot(truth, predicted))
      case .plotLandscapeLine(let other): return recordingChart(command, try landscapeLine(to: other))
      case .reset: return try reset()
      case .rewind(let n): return try rewind(n)
      case .fork(let name): return try fork(name)
      case .use(let name): return try use(name)
      case .runs: return try listRuns()
      case .compare(let a, let b): return recordingChart(command, try compare(a, b))
      case .save(let path): return try save(path)
      case .load(let path): return try load(path)
      case .export(_, let path): return try exportPyTorch(path)
      case .challenges: return listChallenges()
      case .challenge(let name): return try startChallenge(name)
      case .submit: return try submitChallenge()
      case .cost: return try cost()
      case .search(let options): return try search(options, shouldStop: shouldStop, progress: progress)
      case .threshold(let cuts): return try threshold(cuts)
      case .quit:
        wantsToQuit = true
        return []
      case .evalFresh: return try evaluateFresh()
      case .crossValidate(let k, let epochs): return try crossValidate(k, epochs: epochs, shouldStop: shouldStop)
      }
    } catch {
      return [.error(error.message)]
    }
  }

  // MARK: - Shared helpers for the command handlers

  func requireTrainer() throws(CommandError) -> Trainer {
    if ball != nil {
      throw CommandError("\(ball?.name ?? "this") is a landscape, not a data set: use `step`, `set x`, `plot landscape`")
    }
    guard dataset != nil else { throw CommandError("no data yet: load some with `data NAME` (for example `data apartments`)") }
    guard let trainer else { throw CommandError("no model yet: build one with `model linear` or `model SIZES`") }
    return trainer
  }

  func requireDataset() throws(CommandError) -> Dataset {
    guard let dataset else { throw CommandError("no data yet: load some with `data NAME` (for example `data apartments`)") }
    return dataset
  }

  /// Builds a fresh "main" run (dropping the others) from the current settings.
  func rebuildRuns() throws(CommandError) {
    let dataset = try requireDataset()
    let trainer = try makeTrainer(settings, dataset)
    runs = ["main": Run(name: "main", trainer: trainer)]
    currentRunName = "main"
  }

  func makeTrainer(_ s: SessionSettings, _ dataset: Dataset) throws(CommandError) -> Trainer {
    do {
      let architecture = try Architecture.parse(
        s.modelSpec, activation: s.activation, task: dataset.task, inputs: dataset.featureCount,
        outputs: dataset.outputCount)
      return try Trainer(
        architecture: architecture, initializer: s.effectiveInitializer, hyper: s.hyper,
        seed: s.seed, train: dataset.train, test: dataset.test, validation: dataset.validation)
    } catch {
      throw CommandError(error.description)
    }
  }

  func updateSettings(_ change: (inout SessionSettings) -> Void) {
    change(&settings)
  }

  /// The most runs a session holds at once (`fork` refuses more).
  public static let maximumRuns = 16
  /// Bytes all the runs' checkpoints may hold together.
  public static let checkpointBudget = Rewinder.defaultBudget

  /// The current run, the one that trains, gets the whole budget when it is alone and three
  /// quarters of it otherwise; the others share the last quarter (each keeps its first
  /// checkpoint whatever its size).
  private func shareCheckpointBudget() {
    let others = runs.count - (runs[currentRunName] == nil ? 0 : 1)
    for (name, run) in runs {
      let budget: Int
      if name == currentRunName {
        budget = others == 0 ? Self.checkpointBudget : Self.checkpointBudget / 4 * 3
      } else {
        budget = Self.checkpointBudget / 4 / max(1, others)
      }
      if run.checkpointBudget != budget { run.checkpointBudget = budget }
    }
  }
}

/// How far `train` has got, for a live display.
public struct TrainingProgress: Sendable {
  public var step: Int
  public var epoch: Int
  public var epochFraction: Double
  public var loss: Double
  public var samplesPerSecond: Double
  /// Steps done by this `train` command and its target (nil while training until stopped).
  public var done: Int
  public var target: Int?
}
