/// Puts a trainer back at any earlier step, exactly, in bounded memory.
///
/// It keeps checkpoints under a byte `budget` and a log of every change made by hand (a
/// setting, a weight). Training is deterministic, so the run at step t is rebuilt by restoring
/// the last checkpoint at or before t and replaying the steps in between, each logged change
/// re-applied at the step it was made: the weights, the optimiser, the generators and the
/// history come out bit for bit as they were. Any checkpoint but the first (step 0) may
/// therefore be dropped.
///
/// A checkpoint is taken every `interval` steps and after each change by hand; while the
/// checkpoints hold more than the budget (or number more than `maximumCount`), one is dropped
/// as `CheckpointThinning` chooses: the latest steps keep checkpoints about a second of
/// training apart (`recentSteps`, measured from the trainer's step times), older ones are
/// spaced further apart the older they are, and the newest goes last. The first is kept
/// whatever its size. The log holds one small entry per change by hand and is kept whole.
///
/// Sizes: a 784-128-64-10 network with Adam makes checkpoints of 1.35 MB (weights, two
/// moments and the epoch's order of MNIST-5k), so the default budget of 64 MB holds 49 of them;
/// 784-32-10 with SGD, 0.13 MB: `maximumCount` of them.
///
/// The run's steps must go through `didStep` and each epoch must end with an evaluation
/// (`Trainer.evaluate()`), as the session does: a replay evaluates where the history needs it.
public struct Rewinder: Sendable {
  /// A change made by hand between two steps.
  public enum Change: Equatable, Sendable {
    case settings(Hyperparameters)
    case parameter(name: String, index: Int, value: Float, label: String)
  }

  struct Logged: Equatable, Sendable {
    /// Steps done when the change was made.
    var step: Int
    var change: Change
  }

  struct Kept: Sendable {
    var checkpoint: Checkpoint
    /// Logged changes made before it was taken.
    var changes: Int
    var bytes: Int
    var step: Int { checkpoint.step }

    init(_ checkpoint: Checkpoint, changes: Int) {
      self.checkpoint = checkpoint
      self.changes = changes
      self.bytes = checkpoint.byteCount
    }
  }

  /// 64 MB: a session's checkpoints in all (`Session` shares it among its runs).
  public static let defaultBudget = 64 << 20
  public static let maximumCount = 64
  /// A rewind to one of the latest steps replays about this many seconds of training at most.
  public static let replaySeconds = 1.0

  /// Bytes the checkpoints may hold.
  public var budget: Int {
    didSet { thin() }
  }
  private(set) var kept: [Kept]
  private(set) var log: [Logged] = []
  public private(set) var checkpointBytes: Int
  /// Mean seconds per step (an exponential average of the trainer's step times).
  public private(set) var stepSeconds = 0.001
  /// A fixed time per step instead of the measured one (tests).
  var fixedStepSeconds: Double?

  public init(_ trainer: Trainer, budget: Int = defaultBudget) {
    self.budget = budget
    let first = Kept(trainer.checkpoint(), changes: 0)
    kept = [first]
    checkpointBytes = first.bytes
  }

  /// The steps the checkpoints were taken at, in order.
  public var checkpointSteps: [Int] { kept.map(\.step) }
  /// The run as it started (step 0): the one checkpoint that is never dropped.
  public var start: Checkpoint? { kept.first?.checkpoint }
  public var loggedChanges: Int { log.count }

  /// Steps training does in `replaySeconds`.
  public var recentSteps: Int {
    let seconds = max(1e-9, fixedStepSeconds ?? stepSeconds)
    return max(1, Int(min(1e12, Self.replaySeconds / seconds)))
  }

  /// Steps between two regular checkpoints.
  public var interval: Int { max(1, recentSteps / 8) }

  /// To call after every step.
  public mutating func didStep(_ trainer: Trainer) {
    if fixedStepSeconds == nil {
      stepSeconds += 0.05 * (min(trainer.lastStepSeconds, 10) - stepSeconds)
    }
    if trainer.steps - kept[kept.count - 1].step >= interval { keep(trainer, changes: log.count) }
  }

  /// Makes a change by hand, logs it and takes a checkpoint; an invalid change is refused and
  /// changes nothing.
  public mutating func apply(_ change: Change, to trainer: Trainer) throws(EngineError) {
    try Self.perform(change, on: trainer)
    log.append(Logged(step: trainer.steps, change: change))
    keep(trainer, changes: log.count)
  }

  /// To call after `trainer.reset()`: nothing before it can be gone back to.
  public mutating func didReset(_ trainer: Trainer) {
    log = []
    kept = [Kept(trainer.checkpoint(), changes: 0)]
    checkpointBytes = kept[0].bytes
  }

  static func perform(_ change: Change, on trainer: Trainer) throws(EngineError) {
    switch change {
    case .settings(let hyper): try trainer.setHyperparameters(hyper)
    case .parameter(let name, let index, let value, let label):
      try trainer.setParameter(name, index: index, to: value, label: label)
    }
  }

  private mutating func keep(_ trainer: Trainer, changes: Int) {
    let k = Kept(trainer.checkpoint(), changes: changes)
    kept.append(k)
    checkpointBytes += k.bytes
    thin()
  }

  private mutating func thin() {
    while kept.count > 1, kept.count > Self.maximumCount || checkpointBytes > budget {
      let i = CheckpointThinning.victim(steps: kept.map(\.step), recent: recentSteps) ?? kept.count - 1
      checkpointBytes -= kept[i].bytes
      kept.remove(at: i)
    }
  }

  /// Puts `trainer` back at step `target` (with every change made by hand up to it) exactly as
  /// it was; returns the number of steps replayed. A target at or after the current step does
  /// nothing.
  @discardableResult
  public mutating func rewind(_ trainer: Trainer, to target: Int) -> Int {
    let target = max(0, target)
    guard target < trainer.steps else { return 0 }
    let saved = trainer.history
    // The history is cut where it is exact; the replay rebuilds the steps from there.
    let cut = max(0, saved.exactCut(atOrBefore: target))
    kept.removeAll { $0.step > target }
    log.removeAll { $0.step > target }
    checkpointBytes = kept.reduce(0) { $0 + $1.bytes }
    guard let start = kept.last(where: { $0.step <= cut }) else { return 0 }
    trainer.restore(start.checkpoint)
    var applied = start.changes
    var losses: [Float] = []
    var evaluations: [History.Evaluated] = []
    var replayed = 0
    while true {
      while applied < log.count, log[applied].step <= trainer.steps {
        // NB: it succeeded on this very state before, so it succeeds again.
        try? Self.perform(log[applied].change, on: trainer)
        applied += 1
      }
      guard trainer.steps < target, let report = try? trainer.step() else { break }
      replayed += 1
      if trainer.steps > cut {
        losses.append(Float(report.lossBefore))
        if report.endedEpoch { evaluations.append(trainer.evaluation()) }
      }
      if trainer.steps - kept[kept.count - 1].step >= interval { keep(trainer, changes: applied) }
    }
    var history = saved
    history.truncate(
      toStep: cut, markerCount: saved.markers.prefix { $0.step <= trainer.steps }.count)
    history.append(losses: losses, from: cut + 1, evaluations: evaluations)
    trainer.history = history
    return replayed
  }
}
