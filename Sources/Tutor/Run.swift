import Engine

/// One named training run of a session: a trainer and the checkpoints that let it rewind.
///
/// Checkpoints are taken at step 0, every `interval` steps, and right after every change made
/// by hand (a setting, a weight). Between two checkpoints the run changed only by steps with
/// fixed settings, so rewinding restores the nearest checkpoint at or before the target and
/// replays the steps in between: same seed, same numbers.
public final class Run {
  public let name: String
  public let trainer: Trainer
  private var checkpoints: [Checkpoint]
  static let interval = 50

  init(name: String, trainer: Trainer) {
    self.name = name
    self.trainer = trainer
    self.checkpoints = [trainer.checkpoint()]
  }

  private init(name: String, trainer: Trainer, checkpoints: [Checkpoint]) {
    self.name = name
    self.trainer = trainer
    self.checkpoints = checkpoints
  }

  /// An independent copy under a new name.
  func fork(named newName: String) -> Run {
    Run(name: newName, trainer: trainer.fork(), checkpoints: checkpoints)
  }

  /// To call after every step.
  func didStep() {
    if trainer.steps % Run.interval == 0 { checkpoints.append(trainer.checkpoint()) }
  }

  /// To call after any change by hand.
  func didChangeByHand() {
    checkpoints.append(trainer.checkpoint())
  }

  /// To call after `trainer.reset()`.
  func didReset() {
    checkpoints = [trainer.checkpoint()]
  }

  /// Goes back `count` steps; returns how many steps were undone.
  func rewind(_ count: Int) -> Int {
    let target = max(0, trainer.steps - count)
    guard let index = checkpoints.lastIndex(where: { $0.step <= target }) else { return 0 }
    let undone = trainer.steps - target
    trainer.restore(checkpoints[index])
    checkpoints.removeSubrange((index + 1)...)
    while trainer.steps < target {
      do {
        try trainer.step()
        didStep()
      } catch {
        break
      }
    }
    return undone
  }
}
