/// Figures that `cost`, `search` and `threshold` measured, kept for checks and lesson text
/// until the same command measures again (a new data set or model does not clear them: they
/// describe what was measured, like a note in a lab book).
public struct MeasuredFigures: Sendable {
  /// Examples per second of the last `cost`.
  public var speed: MeasuredSpeed?
  /// The ranked trials of the last `search`.
  public var search: SearchResult?
  /// The accuracies of the last `threshold`.
  public var threshold: ThresholdResult?

  public init() {}
}

/// Examples per second of inference and of training, measured by `cost` on this machine.
public struct MeasuredSpeed: Equatable, Sendable {
  /// The model's layer sizes and the batch the speeds were measured with.
  public var sizes: [Int]
  public var batch: Int
  public var inferencePerSecond: Double
  /// nil when the run had diverged and could not train.
  public var trainingPerSecond: Double?
}

/// One trial of a search: its run, the settings it tried and its score.
public struct SearchTrial: Equatable, Sendable {
  public var run: String
  public var settings: [String]
  public var values: [String]
  /// The figure trials are ranked by (lower is better); NaN when the trial diverged.
  public var loss: Double
  public var accuracy: Double?
  public var learningRate: Double
  public var batch: Int
  public var diverged: Bool
}

/// The trials of a search, best first.
public struct SearchResult: Equatable, Sendable {
  /// What the trials were ranked by, e.g. "test loss".
  public var metric: String
  public var trials: [SearchTrial]
  /// The best trial that did not diverge.
  public var best: SearchTrial? { trials.first { !$0.diverged && $0.loss.isFinite } }
}

/// A regression model's estimates cut into classes, scored against the targets cut the same way.
public struct ThresholdResult: Equatable, Sendable {
  public var cuts: [Double]
  public var trainAccuracy: Double
  public var testAccuracy: Double?
}
