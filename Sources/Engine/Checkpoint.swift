/// Everything needed to put a run back exactly where it was: parameter values, optimiser
/// state, position in the epoch, the generators, the settings and how many markers the history
/// had.
///
/// Cheap to take: arrays are shared with the run until one side changes them.
public struct Checkpoint: Sendable {
  let parameterValues: [Matrix]
  /// The batch normalisations' running statistics (`Network.statistics`).
  let statistics: [Matrix]
  let optimizer: OptimizerState
  let progress: TrainingProgress
  let hyper: Hyperparameters
  let markerCount: Int
  let divergence: Divergence?

  /// The number of steps done when it was taken.
  public var step: Int { progress.step }
  /// The parameters' values, in the order of `Network.parameters`.
  public var parameters: [Matrix] { parameterValues }

  /// The bytes it holds once the run has moved on (its arrays are then its own): weights,
  /// optimiser moments and the epoch's order.
  public var byteCount: Int {
    let floats = parameterValues.reduce(0) { $0 + $1.values.count } + statistics.reduce(0) { $0 + $1.values.count }
      + optimizer.first.reduce(0) { $0 + $1.count } + optimizer.second.reduce(0) { $0 + $1.count }
    return 4 * floats + MemoryLayout<Int>.stride * progress.order.count + 256
  }
}

/// Where a run stands: steps and epochs done, the order of the current epoch and the
/// generators that draw the next orders and dropout masks.
struct TrainingProgress: Equatable, Sendable {
  var step = 0
  /// Epochs completed.
  var epoch = 0
  /// How many examples of the current epoch's order have been used.
  var position = 0
  var order: [Int] = []
  var shuffler: SeededGenerator
  var dropout: SeededGenerator
}
