import Engine

extension QuantityCatalog {
  /// How training behaved over the run's history, not only where it ended.
  static let behaviour: [Quantity] = [
    Quantity("loss_dropped", .number, .behaviour, "fraction by which the step loss fell, from the mean of the first three steps to that of the last three: 0.9 means to a tenth (0 before two steps)") {
      reader in reader.withTrainer { .number(HistoryMeasures.lossDropped($0.history)) }
    },
    // NB: over the evaluations kept exactly, the latest 512 at least.
    Quantity("overfitting_epochs", .number, .behaviour, "latest consecutive epochs (evaluated by `train`) in which the training loss fell while the test loss rose") {
      reader in
      reader.withTrainer { .number(HistoryMeasures.overfittingEpochs($0.history.evaluations.map { ($0.train.loss, $0.test?.loss) })) }
    },
    Quantity("epochs_since_best_test", .number, .behaviour, "epochs evaluated by `train` since the one with the lowest test loss (0 when the latest is the lowest, or before any)") {
      reader in
      reader.withTrainer { .number($0.history.evaluationTrace.testsSinceLowest) }
    },
    Quantity("evaluated_epochs", .number, .behaviour, "epochs that `train` ended with an evaluation on both splits") {
      reader in reader.withTrainer { .number($0.history.evaluationCount) }
    },
    Quantity("markers", .number, .behaviour, "changes made by hand during the run (settings, `set w`…), as marked on the loss chart") {
      reader in reader.withTrainer { .number($0.history.markers.count) }
    },
    Quantity("lr_changes", .number, .behaviour, "times the learning rate was changed during the run") {
      reader in reader.withTrainer { .number($0.history.markers.filter { $0.label.hasPrefix("lr ") }.count) }
    },
    Quantity("steps_to_divergence", .number, .behaviour, "the step of the run at which training diverged (no value while it has not)") {
      reader in
      reader.withTrainer { trainer in
        trainer.divergence.map { .number($0.step) } ?? .unavailable("training has not diverged")
      }
    },
  ]
}

/// Measures over a run's history.
enum HistoryMeasures {
  /// 1 − (mean of the last w step losses) / (mean of the first w), with w = n/4 clamped to
  /// 1…3; 0 with fewer than two steps. Negative when the loss rose.
  static func lossDropped(_ losses: [Float]) -> Double {
    lossDropped(first: losses.prefix(3), last: losses.suffix(3), count: losses.count)
  }

  /// The same over a run's history, which keeps its first and latest losses exactly.
  static func lossDropped(_ history: History) -> Double {
    lossDropped(first: history.losses.head.prefix(3), last: history.losses.latest(3), count: history.stepCount)
  }

  private static func lossDropped(first: ArraySlice<Float>, last: ArraySlice<Float>, count n: Int) -> Double {
    guard n >= 2 else { return 0 }
    let w = max(1, min(3, n / 4))
    guard first.count >= w, last.count >= w else { return 0 }
    let start = first.prefix(w).reduce(0) { $0 + Double($1) } / Double(w)
    let end = last.suffix(w).reduce(0) { $0 + Double($1) } / Double(w)
    guard start > 0, start.isFinite, end.isFinite else { return 0 }
    return 1 - end / start
  }

  /// The number of latest evaluations (train loss, test loss), each compared with the one
  /// before it, in which the training loss fell and the test loss rose.
  static func overfittingEpochs(_ losses: [(train: Double, test: Double?)]) -> Int {
    var count = 0
    var i = losses.count - 1
    while i >= 1 {
      guard let testNow = losses[i].test, let testBefore = losses[i - 1].test,
        losses[i].train < losses[i - 1].train, testNow > testBefore
      else { break }
      count += 1
      i -= 1
    }
    return count
  }
}
