import Engine
import Tutor

extension QuantityCatalog {
  /// What the current model costs, counted from its sizes (see `ComputeCost`).
  static let cost: [Quantity] = [
    Quantity("parameter_bytes", .number, .model, "bytes of the weights and biases in fp32 (4 bytes each)") {
      reader in reader.withTrainer { .number($0.network.parameterCount * 4) }
    },
    Quantity("optimizer_bytes", .number, .model, "bytes the optimiser keeps between steps: none for sgd, one value per parameter for momentum and nesterov, two for adam") {
      reader in reader.withTrainer {
        .number($0.network.parameterCount * ComputeCost.stateValuesPerParameter($0.hyper.optimizer) * 4)
      }
    },
    Quantity("inference_macs", .number, .model, "multiply-adds of one inference of one example: F = Σ inputs × outputs over the dense layers") {
      reader in reader.withTrainer { .number(ComputeCost($0.network.architecture).inferenceMultiplyAdds) }
    },
    Quantity("training_macs", .number, .model, "multiply-adds of one training step at the current batch size: batch × (3F − the first layer's inputs × outputs), as `cost` shows") {
      reader in reader.withTrainer {
        .number(ComputeCost($0.network.architecture).trainingMultiplyAdds(batch: min($0.hyper.batchSize, $0.train.count)))
      }
    },
  ]

  /// Figures that `cost`, `search` and `threshold` measured last.
  static let measured: [Quantity] = [
    Quantity("inference_per_second", .number, .results, "examples per second of inference, measured by the last `cost` of the current model") {
      reader in reader.speed { .number($0.inferencePerSecond) }
    },
    Quantity("training_per_second", .number, .results, "examples per second of training, measured by the same `cost`") {
      reader in reader.speed { s in s.trainingPerSecond.map { QuantityValue.number($0) } ?? .unavailable("training was not measured: the run had diverged") }
    },
    Quantity("training_slowdown", .number, .results, "how many times longer an example takes to train on than to infer, by the same `cost`") {
      reader in reader.speed { s in s.trainingPerSecond.map { QuantityValue.number(s.inferencePerSecond / $0) } ?? .unavailable("training was not measured: the run had diverged") }
    },
    Quantity("search_trials", .number, .results, "trials the last `search` finished") {
      reader in
      guard let s = reader.session.measured.search else { return .unavailable("no search yet: `search lr=0.01,0.1 steps=200`") }
      return .number(s.trials.count)
    },
    Quantity("search_best_loss", .number, .results, "the lowest test loss (training loss without a test split) among the last `search`'s trials") {
      reader in reader.bestTrial { .number($0.loss) }
    },
    Quantity("search_best_lr", .number, .results, "the learning rate of that best trial") {
      reader in reader.bestTrial { .number(Float($0.learningRate)) }
    },
    Quantity("search_best_batch", .number, .results, "the batch size of that best trial") {
      reader in reader.bestTrial { .number($0.batch) }
    },
    Quantity("threshold_accuracy", .number, .results, "fraction of test examples whose estimate, cut by the last `threshold`, falls in the same class as the target, 0 to 1") {
      reader in
      guard let t = reader.session.measured.threshold else { return .unavailable("nothing cut yet: `threshold 3.5,6.5` cuts") }
      guard let test = t.testAccuracy else { return .unavailable("the data had no test split") }
      return .number(test)
    },
  ]
}

extension QuantityReader {
  /// The speeds of the last `cost`, if it measured the current model.
  func speed(_ read: (MeasuredSpeed) -> QuantityValue) -> QuantityValue {
    guard let s = session.measured.speed else { return .unavailable("not measured yet: `cost` measures") }
    guard let trainer = session.trainer, trainer.network.architecture.sizes == s.sizes else {
      return .unavailable("the last `cost` measured another model: run `cost` again")
    }
    return read(s)
  }

  /// The best trial of the last search.
  func bestTrial(_ read: (SearchTrial) -> QuantityValue) -> QuantityValue {
    guard let s = session.measured.search else { return .unavailable("no search yet: `search lr=0.01,0.1 steps=200`") }
    guard let best = s.best else { return .unavailable("every trial of the last search diverged") }
    return read(best)
  }
}
