import Charts
import Engine
import Tutor

/// What the screen shows of the session, copied out by the thread that owns it: the UI reads
/// the latest one under a lock and never waits for a training step.
public struct TutorSnapshot: Equatable, Sendable {
  /// Data set name, `784-128-64-10` or `linear`, the run's name.
  public var dataName: String?
  public var modelText: String?
  public var runName = "main"
  public var hyper: Hyperparameters?
  public var steps = 0
  /// 1-based epoch in progress and how far into it.
  public var epoch = 1
  public var epochFraction = 0.0
  /// Batch loss of the last step.
  public var lastLoss: Double?
  /// Accuracy on the test split at the last evaluation (classification).
  public var testAccuracy: Double?
  /// Loss on the test split at the last evaluation (regression).
  public var testLoss: Double?
  /// The pace of live training.
  public var pace: Pace?
  /// Training speed over the last second.
  public var samplesPerSecond = 0.0
  /// Training runs in the background.
  public var training = false
  /// A command being run (its line), while it runs.
  public var busy: String?
  public var diverged = false
  /// Running, paused, ended or diverged.
  public var runState = RunState.ready
  /// The run's history, for the loss chart.
  public var history: History?
  /// Charts the data allows, in Tab order.
  public var availableCharts: [ChartKind] = [.loss]
  /// Charts the open lesson step asks for, first pane first.
  public var lessonCharts: [ChartKind] = []
  /// Charts made by the session's thread (all but the loss chart, drawn from `history`).
  public var charts: [ChartKind: PinnedChart] = [:]
  /// The chart of the last chart command, drawn from the session as it is now.
  public var pinned: PinnedChart?
  /// `pinned` shows the session as it is now (a hidden one is drawn again when it shows).
  public var pinnedIsCurrent = true
  /// The live chart that the pinned one is a copy of: it takes that chart's place in the cycle.
  public var pinnedReplaces: ChartKind?
  /// The probability array of the drawing, when one is being classified.
  public var drawProbabilities: [Double]?
  /// Class names for the drawing's bars.
  public var classNames: [String]?
  /// `apartments 2/6`, the open step's title and whether it is done.
  public var lessonStatus: String?
  public var stepTitle: String?
  public var stepDone = false
  /// The open step asks a question answered by a letter.
  public var quizOpen = false
  /// Review questions of finished lessons are showing (`S` skips them).
  public var reviewOpen = false
  /// The cell of the last `plot mistakes TRUE PREDICTED` (class numbers), which `M` draws again.
  public var mistakeCell: [Int]?

  public init() {}

  /// The last `count` batch losses, for the status line's sparkline.
  public func recentLosses(_ count: Int) -> [Double] {
    guard let history else { return [] }
    return history.losses.latest(count).map(Double.init)
  }
}
