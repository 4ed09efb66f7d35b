import Engine

extension QuantityCatalog {
  /// How far training has gone, and whether it broke down.
  static let training: [Quantity] = [
    Quantity("steps", .number, .training, "mini-batch steps taken by the current run (on a landscape: the ball's steps)") {
      reader in
      if let ball = reader.session.ball { return .number(ball.steps) }
      return reader.withTrainer { .number($0.steps) }
    },
    Quantity("epochs", .number, .training, "complete passes over the training set") {
      reader in reader.withTrainer { .number($0.epochsCompleted) }
    },
    Quantity("runs", .number, .training, "number of runs (`fork` adds one; new data or a new model leaves one)") {
      .number($0.session.runNames.count)
    },
    Quantity("diverged", .boolean, .training, "training blew up: a loss, gradient or weight became NaN or infinite (or the ball flew off)") {
      reader in
      if let ball = reader.session.ball { return .boolean(ball.diverged) }
      return .boolean(reader.session.trainer?.divergence != nil)
    },
    Quantity("last_loss", .number, .training, "the batch loss of the last step") {
      reader in
      reader.withTrainer { trainer in
        guard let last = trainer.history.lastLoss else { return .unavailable("no steps yet: `step` or `train`") }
        return .number(last)
      }
    },
    Quantity("grad_norm", .number, .training, "length of the gradient of the training loss at the current weights (first 10,000 examples); on a landscape, of the slope under the ball") {
      reader in
      if let ball = reader.session.ball {
        return .number(ball.gradient.reduce(0) { $0 + $1 * $1 }.squareRoot())
      }
      guard let norm = reader.gradientNorm else { return QuantityReader.noModel }
      return .number(norm)
    },
    Quantity("first_layer_grad_norm", .number, .training, "length of the first dense layer's gradient (weights and bias) in the last step, as `step` prints it for layer 1") {
      reader in
      reader.withTrainer { trainer in
        guard let norm = trainer.lastReport?.gradientNorms.first else {
          return .unavailable("no step of this run yet: `step` or `train`")
        }
        return .number(norm)
      }
    },
  ]

  /// The current weights' results on the training and the test split, as `eval` shows them.
  static let results: [Quantity] = [
    Quantity("train_loss", .number, .results, "loss on the whole training split") {
      $0.result("train", { $0.loss }, "loss")
    },
    Quantity("test_loss", .number, .results, "loss on the test split") { $0.result("test", { $0.loss }, "loss") },
    Quantity("train_accuracy", .number, .results, "fraction of training examples classified right, 0 to 1 (classification)") {
      $0.result("train", { $0.accuracy }, "accuracy")
    },
    Quantity("test_accuracy", .number, .results, "fraction of test examples classified right, 0 to 1 (classification)") {
      $0.result("test", { $0.accuracy }, "accuracy")
    },
    Quantity("train_rmse", .number, .results, "root mean squared error on the training split, in the target's unit (regression)") {
      $0.result("train", { $0.rmse }, "RMSE")
    },
    Quantity("test_rmse", .number, .results, "root mean squared error on the test split (regression)") {
      $0.result("test", { $0.rmse }, "RMSE")
    },
    Quantity("train_r2", .number, .results, "R² on the training split: 1 is a perfect fit, 0 no better than the mean (regression)") {
      $0.result("train", { $0.r2 }, "R²")
    },
    Quantity("test_r2", .number, .results, "R² on the test split (regression)") { $0.result("test", { $0.r2 }, "R²") },
  ]
}
