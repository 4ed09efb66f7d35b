import Datasets
import Engine

/// k-fold cross-validation: the training examples are dealt into k folds (`Split.folds`,
/// stratified for classes); for each fold a fresh model, with the weights its seed gives and the
/// given settings, trains for some epochs on the other k − 1 folds and is measured on that one.
///
/// Each fold's figure is its accuracy (classification) or RMSE (regression); `mean` is their
/// mean and `spread` their sample standard deviation, √(Σ(xᵢ − mean)² / (k − 1)), summed in fold
/// order. Folds train one after the other, each like any run: same seed, data and settings ⇒
/// the same numbers on every machine and thread count.
public struct CrossValidation: Sendable {
  public struct Fold: Sendable {
    public var trainedOn: Int
    public var evaluation: Evaluation
  }

  public let folds: [Fold]
  public let epochs: Int
  public let task: Engine.Task

  /// "accuracy" or "RMSE": what each fold's figure is.
  public var figureName: String { task == .classification ? "accuracy" : "RMSE" }

  /// Each fold's figure, in fold order.
  public var figures: [Double] {
    folds.map { task == .classification ? ($0.evaluation.accuracy ?? 0) : ($0.evaluation.rmse ?? 0) }
  }

  public var mean: Double { figures.reduce(0, +) / Double(max(1, folds.count)) }

  public var spread: Double {
    guard folds.count > 1 else { return 0 }
    let m = mean
    return (figures.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(folds.count - 1)).squareRoot()
  }

  /// The most folds `crossval` takes.
  public static let maximumFolds = 20

  /// Runs k folds of `epochs` epochs each on `examples`; nil when `shouldStop` stopped it.
  public static func run(
    architecture: Architecture, initializer: Initializer, hyper: Hyperparameters, seed: UInt64,
    examples: Examples, k: Int, epochs: Int, shouldStop: () -> Bool = { false }
  ) throws(CommandError) -> CrossValidation? {
    guard (2...maximumFolds).contains(k) else {
      throw CommandError("crossval takes 2 to \(maximumFolds) folds (got \(k))")
    }
    guard k <= examples.count else {
      throw CommandError("crossval \(k) needs at least \(k) training examples; there are \(examples.count)")
    }
    var labels: [Int32]?
    if case .classes(let l, _) = examples.labels { labels = l }
    var generator = SeededGenerator(seed: seed ^ 0x4B46_4F4C_4453_0001)
    let parts = Split.folds(count: examples.count, labels: labels, k: k, generator: &generator)
    var folds: [Fold] = []
    for (i, held) in parts.enumerated() {
      let heldSet = Set(held)
      let rest = (0..<examples.count).filter { !heldSet.contains($0) }
      let trainer: Trainer
      do {
        trainer = try Trainer(
          architecture: architecture, initializer: initializer, hyper: hyper, seed: seed,
          train: examples.subset(rest))
      } catch {
        throw CommandError("fold \(i + 1): \(error.description)")
      }
      while trainer.epochsCompleted < epochs {
        if shouldStop() { return nil }
        do {
          try trainer.step()
        } catch {
          throw CommandError("fold \(i + 1) of \(k) diverged at step \(trainer.steps + 1): lower the learning rate and try again")
        }
      }
      folds.append(Fold(trainedOn: rest.count, evaluation: trainer.network.evaluate(examples.subset(held))))
    }
    return CrossValidation(folds: folds, epochs: epochs, task: architecture.task)
  }
}

/// A cross-validation and the data and model it was run on: its figures stand for those only.
public struct CrossValidationRecord: Sendable {
  public let result: CrossValidation
  public let dataName: String?
  public let dataOptions: [String: String]
  public let modelSpec: String
}
