import Engine
import Tutor

extension QuantityCatalog {
  /// The validation split, cross-validation, fresh data and the data-quality settings.
  static let validation: [Quantity] = [
    Quantity("val_examples", .number, .settings, "examples in the validation split (`data NAME val=0.1`; 0 without one)") {
      guard let dataset = $0.session.dataset else { return .unavailable("no data yet") }
      return .number(dataset.validation?.count ?? 0)
    },
    Quantity("occlude", .number, .settings, "share of every image covered by a black block (`occlude=0.5`; 0 when off)") {
      $0.dataSetting("occlude", default: 0)
    },
    Quantity("label_noise", .number, .settings, "share of the training labels changed to another class (`label_noise=0.3`; 0 when off)") {
      $0.dataSetting("label_noise", default: 0)
    },
    Quantity("imbalance", .number, .settings, "share of the training examples the upper half of the classes keeps (`imbalance=0.1`; 1 when off)") {
      $0.dataSetting("imbalance", default: 1)
    },
    Quantity("leak", .boolean, .settings, "the data carry a column that gives the class away (`leak=1`)") {
      guard let dataset = $0.session.dataset else { return .unavailable("no data yet") }
      return .boolean(dataset.featureNames.contains("leak"))
    },
    Quantity("val_loss", .number, .results, "loss on the validation split") { $0.result("val", { $0.loss }, "loss") },
    Quantity("val_accuracy", .number, .results, "fraction of validation examples classified right, 0 to 1 (classification)") {
      $0.result("val", { $0.accuracy }, "accuracy")
    },
    Quantity("val_rmse", .number, .results, "root mean squared error on the validation split (regression)") {
      $0.result("val", { $0.rmse }, "RMSE")
    },
    Quantity("fresh_accuracy", .number, .results, "fraction of fresh examples classified right, as the last `eval fresh` printed it at this step of this run") {
      reader in
      guard let e = reader.session.currentFreshEvaluation else { return .unavailable("no `eval fresh` at this step yet") }
      guard let a = e.accuracy else { return .unavailable("accuracy is not defined for this data") }
      return .number(a)
    },
    Quantity("cv_folds", .number, .results, "folds of the last `crossval` on this data and model") {
      $0.crossValidation { .number($0.folds.count) }
    },
    Quantity("cv_mean", .number, .results, "mean of the folds' validation figure in the last `crossval`: accuracy (classification) or RMSE (regression)") {
      $0.crossValidation { .number($0.mean) }
    },
    Quantity("cv_std", .number, .results, "spread of the folds' validation figure in the last `crossval`: their sample standard deviation") {
      $0.crossValidation { .number($0.spread) }
    },
    // NB: over the evaluations kept exactly, the latest 512 at least.
    Quantity("epochs_since_best_val", .number, .behaviour, "epochs evaluated by `train` since the one with the lowest validation loss (0 when the latest is the lowest, or before any)") {
      reader in
      reader.withTrainer { .number(HistoryMeasures.sinceLowest($0.history.evaluations.map { $0.validation?.loss })) }
    },
  ]
}

extension QuantityReader {
  /// A number the data set was loaded with (`data mnist-5k occlude=0.5`), or its default.
  func dataSetting(_ name: String, default value: Double) -> QuantityValue {
    guard session.dataset != nil else { return .unavailable("no data yet") }
    return .number(session.settings.dataOptions[name].flatMap(Double.init) ?? value)
  }

  /// Reads the last cross-validation, when it was of the data and model loaded now.
  func crossValidation(_ read: (CrossValidation) -> QuantityValue) -> QuantityValue {
    let s = session.settings
    guard let record = session.crossValidation, record.dataName == s.dataName,
      record.dataOptions == s.dataOptions, record.modelSpec == s.modelSpec
    else { return .unavailable("no `crossval` on this data and model yet") }
    return read(record.result)
  }
}

extension HistoryMeasures {
  /// Values after the lowest one (0 when the latest is the lowest, or none has a value).
  static func sinceLowest(_ values: [Double?]) -> Int {
    var lowest: Double?
    var after = 0
    for value in values {
      guard let v = value else { continue }
      if lowest.map({ v < $0 }) ?? true {
        lowest = v
        after = 0
      } else {
        after += 1
      }
    }
    return after
  }
}
