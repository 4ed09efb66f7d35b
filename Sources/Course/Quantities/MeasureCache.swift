import Engine
import Tutor

/// Remembers the last evaluation and gradient norm of a run so that checks, which are read
/// after every command, do not recompute them while the weights have not changed.
///
/// The key is the run, its step count, the session's settings and a fingerprint of every
/// weight: a `set w`, a `rewind` or a new data set all change it.
final class MeasureCache {
  struct Key: Equatable {
    var trainer: ObjectIdentifier
    var run: String
    var steps: Int
    var settings: SessionSettings
    var fingerprint: Int
  }

  /// The results on the training and the test split.
  struct Results {
    var train: Evaluation
    var test: Evaluation?
    var validation: Evaluation? = nil
  }

  private var resultsKey: Key?
  private var results: Results?
  private var gradientKey: Key?
  private var gradient: Double?

  /// The key of the session's current run, nil without one.
  static func key(_ session: Session) -> Key? {
    guard let trainer = session.trainer else { return nil }
    var hasher = Hasher()
    for p in trainer.network.parameters {
      for v in p.value.values { hasher.combine(v.bitPattern) }
    }
    return Key(
      trainer: ObjectIdentifier(trainer), run: session.currentRunName, steps: trainer.steps,
      settings: session.settings, fingerprint: hasher.finalize())
  }

  /// Loss, accuracy, RMSE and R² of the current weights on both splits.
  func results(_ session: Session, key: Key) -> Results? {
    if key == resultsKey, let results { return results }
    guard let trainer = session.trainer else { return nil }
    let fresh = Results(
      train: trainer.network.evaluate(trainer.train), test: trainer.test.map { trainer.network.evaluate($0) },
      validation: trainer.validation.map { trainer.network.evaluate($0) })
    resultsKey = key
    results = fresh
    return fresh
  }

  /// ‖∂L/∂θ‖ of the training loss at the current weights (see `GradientNorm`).
  func gradientNorm(_ session: Session, key: Key) -> Double? {
    if key == gradientKey, let gradient { return gradient }
    guard let trainer = session.trainer else { return nil }
    let fresh = GradientNorm.measure(trainer)
    gradientKey = key
    gradient = fresh
    return fresh
  }
}
