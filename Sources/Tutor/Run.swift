import Engine

/// One named training run of a session: a trainer, and what lets it rewind to any step
/// (`Rewinder`: checkpoints under a byte budget and the log of changes made by hand).
public final class Run {
  public let name: String
  public let trainer: Trainer
  public private(set) var rewinder: Rewinder

  init(name: String, trainer: Trainer, budget: Int = Rewinder.defaultBudget) {
    self.name = name
    self.trainer = trainer
    self.rewinder = Rewinder(trainer, budget: budget)
  }

  private init(name: String, trainer: Trainer, rewinder: Rewinder) {
    self.name = name
    self.trainer = trainer
    self.rewinder = rewinder
  }

  /// An independent copy under a new name.
  func fork(named newName: String) -> Run {
    Run(name: newName, trainer: trainer.fork(), rewinder: rewinder)
  }

  /// Bytes this run's checkpoints may hold.
  var checkpointBudget: Int {
    get { rewinder.budget }
    set { rewinder.budget = newValue }
  }

  /// To call after every step.
  func didStep() {
    rewinder.didStep(trainer)
  }

  /// Makes a change by hand (a setting, a weight), so that a rewind replays it.
  func apply(_ change: Rewinder.Change) throws(EngineError) {
    try rewinder.apply(change, to: trainer)
  }

  /// To call after `trainer.reset()`.
  func didReset() {
    rewinder.didReset(trainer)
  }

  /// Goes back `count` steps; returns how many steps were undone.
  func rewind(_ count: Int) -> Int {
    let from = trainer.steps
    rewinder.rewind(trainer, to: from - count)
    return from - trainer.steps
  }
}
