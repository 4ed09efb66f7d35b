import Engine
import Tutor

/// Reads the quantities of a session for checks: the state the learner has brought about.
///
/// Holds the last command typed (for `last_command`) and a cache of evaluations, so that the
/// same reader can be asked after every command without retraining or re-evaluating needlessly.
public final class QuantityReader {
  public let session: Session
  /// The first word of the last line the learner typed that succeeded, lowercased ("" before any).
  public var lastCommand = ""
  /// What the last `plot` that succeeded drew: its kind ("data", "confusion", "mistakes",
  /// "landscape line"…), "" before any.
  public var lastPlot = ""
  /// The test example of the last `predict #N` that succeeded (nil before any).
  public var lastPrediction: Int?
  let cache = MeasureCache()

  public init(session: Session) {
    self.session = session
  }

  /// The value of the quantity called `name` now.
  public func value(of name: String) -> QuantityValue {
    guard let quantity = QuantityCatalog.quantity(name) else {
      return .unavailable("there is no quantity called \(name)")
    }
    return quantity.read(self)
  }

  // MARK: - Reading for the catalog

  static let noModel = QuantityValue.unavailable("no model yet: load data with `data NAME`")
  static let noLandscape = QuantityValue.unavailable("no landscape loaded: try `data two-valleys`")

  /// The settings of the current run, or of the session before any run exists.
  var hyper: Hyperparameters { session.trainer?.hyper ?? session.settings.hyper }

  /// Reads something of the current trainer, or says there is none.
  func withTrainer(_ read: (Trainer) -> QuantityValue) -> QuantityValue {
    guard let trainer = session.trainer else { return QuantityReader.noModel }
    return read(trainer)
  }

  /// Results of the current weights on both splits.
  var results: MeasureCache.Results? {
    guard let key = MeasureCache.key(session) else { return nil }
    return cache.results(session, key: key)
  }

  var gradientNorm: Double? {
    guard let key = MeasureCache.key(session) else { return nil }
    return cache.gradientNorm(session, key: key)
  }

  /// One number of an evaluation, or why there is none.
  func result(_ split: String, _ pick: (Evaluation) -> Double?, _ what: String) -> QuantityValue {
    guard let results else { return QuantityReader.noModel }
    let chosen = split == "train" ? results.train : split == "val" ? results.validation : results.test
    guard let evaluation = chosen else {
      if split == "val" {
        return .unavailable("no validation split: load the data with one, e.g. `data mnist-5k val=0.1`")
      }
      return .unavailable("this data has no test split")
    }
    guard let x = pick(evaluation) else { return .unavailable("\(what) is not defined for this data") }
    return .number(x)
  }
}
