extension QuantityCatalog {
  /// The settings: what `set` changes, what `data` and `model` chose.
  static let settings: [Quantity] = [
    Quantity("lr", .number, .settings, "learning rate (`set lr`)") { .number($0.hyper.learningRate) },
    Quantity("batch", .number, .settings, "mini-batch size (`set batch`)") { .number($0.hyper.batchSize) },
    Quantity("momentum", .number, .settings, "momentum μ (used by the momentum and nesterov optimizers)") {
      .number($0.hyper.momentum)
    },
    Quantity("optimizer", .string, .settings, "\"sgd\", \"momentum\", \"nesterov\" or \"adam\"") {
      .string($0.hyper.optimizer.rawValue)
    },
    Quantity("l1", .number, .settings, "L1 penalty on the weights") { .number($0.hyper.l1) },
    Quantity("l2", .number, .settings, "L2 penalty (weight decay) on the weights") { .number($0.hyper.l2) },
    Quantity("dropout", .number, .settings, "dropout rate after each hidden layer") { .number($0.hyper.dropout) },
    Quantity("clip", .number, .settings, "gradient clipping norm (0 = off)") { .number($0.hyper.clipNorm) },
    Quantity("seed", .number, .settings, "the seed of the weights and the shuffling") {
      .number(Double($0.session.settings.seed))
    },
    Quantity("data", .string, .settings, "name of the loaded data set or landscape, e.g. \"apartments\"") {
      guard let name = $0.session.settings.dataName else { return .unavailable("no data yet") }
      return .string(name)
    },
    Quantity("scaled", .boolean, .settings, "the features are standardised (`data NAME scale=standard`)") {
      guard let dataset = $0.session.dataset else { return .unavailable("no data yet") }
      return .boolean(dataset.standardizer != nil)
    },
    Quantity("outliers", .number, .settings, "examples the data set itself marks as odd (apartments: the inexplicably expensive flats; `outliers=0` prices them like the rest)") {
      guard let dataset = $0.session.dataset else { return .unavailable("no data yet") }
      return .number(dataset.outlierIndices.count)
    },
    Quantity("train_examples", .number, .settings, "examples in the training split of the loaded data") {
      guard let dataset = $0.session.dataset else { return .unavailable("no data yet") }
      return .number(dataset.train.count)
    },
    Quantity("test_examples", .number, .settings, "examples in the test split of the loaded data") {
      guard let dataset = $0.session.dataset else { return .unavailable("no data yet") }
      return .number(dataset.test.count)
    },
    Quantity("task", .string, .settings, "\"regression\", \"classification\" or \"landscape\"") {
      if $0.session.ball != nil { return .string("landscape") }
      guard let dataset = $0.session.dataset else { return .unavailable("no data yet") }
      return .string(dataset.task == .classification ? "classification" : "regression")
    },
  ]

  /// The model's shape and its parameters.
  static let model: [Quantity] = [
    Quantity("model", .string, .model, "the model's spec as typed: \"linear\" or sizes such as \"784-128-64-10\"") {
      .string($0.session.settings.modelSpec)
    },
    Quantity("activation", .string, .model, "hidden-layer activation: \"relu\", \"leaky-relu\", \"sigmoid\", \"tanh\"") {
      .string($0.session.settings.activation.rawValue)
    },
    Quantity("blocks", .string, .model, "how hidden layers are built: \"plain\", \"residual\" (skip connections) or \"batchnorm\" (batch normalisation)") {
      reader in reader.withTrainer { .string($0.network.architecture.blocks.rawValue) }
    },
    Quantity("layers", .number, .model, "number of dense (weight) layers: 1 for linear, 3 for 784-128-64-10") {
      reader in reader.withTrainer { .number($0.network.denseLayers.count) }
    },
    Quantity("parameters", .number, .model, "number of weights and biases in the model") {
      reader in reader.withTrainer { .number($0.network.parameterCount) }
    },
    Quantity("w", .number, .model, "the weight of a linear model with one input and one output") {
      lineParameter($0, "dense1.weights")
    },
    Quantity("b", .number, .model, "the bias of a linear model with one input and one output") {
      lineParameter($0, "dense1.bias")
    },
    Quantity("grad_w", .number, .model, "∂L/∂w: the gradient of the training loss (whole split) with respect to w, as backpropagation computes it") {
      lineGradient($0, "dense1.weights")
    },
    Quantity("grad_b", .number, .model, "∂L/∂b: the same for b") {
      lineGradient($0, "dense1.bias")
    },
  ]

  private static func lineGradient(_ reader: QuantityReader, _ name: String) -> QuantityValue {
    reader.withTrainer { trainer in
      guard trainer.network.architecture.sizes == [1, 1], let g = GradientNorm.gradient(trainer)[name]?.first else {
        return .unavailable("∂L/∂w and ∂L/∂b belong to a linear model with one input: `model linear` on `data apartments`")
      }
      return .number(g)
    }
  }

  private static func lineParameter(_ reader: QuantityReader, _ name: String) -> QuantityValue {
    reader.withTrainer { trainer in
      guard trainer.network.architecture.sizes == [1, 1],
        let p = trainer.network.parameters.first(where: { $0.name == name }), let v = p.value.values.first
      else {
        return .unavailable("w and b belong to a linear model with one input: `model linear` on `data apartments`")
      }
      return .number(v)
    }
  }
}
