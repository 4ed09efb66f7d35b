import Datasets
import Engine

extension Session {
  func help(_ name: String?) throws(CommandError) -> [Output] {
    if let name {
      guard let info = CommandCatalog.info(name.lowercased()) else {
        let guess = CommandCatalog.closest(to: name.lowercased()).map { ": did you mean `\($0)`?" } ?? ""
        throw CommandError("no command '\(name)'\(guess)")
      }
      return [.text(["\(info.usage)", "  \(info.summary)", "  example: \(info.example)"])]
    }
    let rows = CommandCatalog.commands.map { [$0.name, $0.summary, $0.example] }
    return [.table(Table(headers: ["command", "what it does", "example"], rows: rows, optionalColumns: [2]))]
  }

  func loadData(_ name: String, options: [String: String]) throws(CommandError) -> [Output] {
    if let curve = try? Landscape1D.named(name) {
      try noOptions(options, name)
      let start = curve.domain.lowerBound + 0.1 * (curve.domain.upperBound - curve.domain.lowerBound)
      ball = BallRun(.curve(curve), start: [start])
      dataset = nil
      runs = [:]
      updateSettings { $0.dataName = name; $0.dataOptions = [:] }
      return [.text([
        "\(curve.name): \(curve.summary)", "  \(curve.formula), x in \(curve.domain)",
        "  the ball starts at x = \(NumberFormat.short(start)); `step` rolls it downhill, `set x` moves it",
      ])]
    }
    if let surface = try? Landscape2D.named(name) {
      try noOptions(options, name)
      let start = [surface.xDomain.lowerBound * 0.8, surface.yDomain.upperBound * 0.8]
      ball = BallRun(.surface(surface), start: start)
      dataset = nil
      runs = [:]
      updateSettings { $0.dataName = name; $0.dataOptions = [:] }
      return [.text([
        "\(surface.name): \(surface.summary)", "  \(surface.formula)",
        "  the ball starts at (\(NumberFormat.short(start[0])), \(NumberFormat.short(start[1]))); `step` rolls it downhill",
      ])]
    }
    let loaded: Dataset
    do {
      loaded = try DatasetCatalog.load(name, options: options, locations: locations)
    } catch {
      var message = error.description
      if message.contains("no such data set") {
        let landscapes = (Landscape1D.all.map(\.name) + Landscape2D.all.map(\.name)).joined(separator: ", ")
        message += "; or a landscape: \(landscapes)"
      }
      throw CommandError(message)
    }
    // Keep the model's shape when it still fits the new data; otherwise start linear.
    var next = settings
    next.dataName = name
    next.dataOptions = options
    var notes: [String] = []
    do {
      _ = try makeTrainer(next, loaded)
    } catch {
      next.modelSpec = "linear"
      if settings.modelSpec != "linear" {
        let why = error.message.hasPrefix("model and data do not fit") ? "does not fit this data" : "cannot be kept (\(error.message))"
        notes.append("model \(settings.modelSpec) \(why): back to a linear model")
      }
    }
    let trainer = try makeTrainer(next, loaded)
    ball = nil
    dataset = loaded
    settings = next
    runs = ["main": Run(name: "main", trainer: trainer)]
    currentRunName = "main"
    return [.text(
      ["\(loaded.name): \(loaded.summary)", "  \(loaded.sizeDescription), \(describeTask(loaded))"]
        + notes.map { "  " + $0 } + ["  model: \(trainer.network.description)"])]
  }

  private func noOptions(_ options: [String: String], _ name: String) throws(CommandError) {
    if let key = options.keys.sorted().first {
      throw CommandError("\(name) has no setting '\(key)'")
    }
  }

  func describeTask(_ d: Dataset) -> String {
    if d.task == .classification {
      return "\(d.featureCount) features → \(d.outputCount) classes"
    }
    let features = d.featureNames.isEmpty ? "\(d.featureCount) features" : d.featureNames.joined(separator: ", ")
    return "\(features) → \(d.targetName)"
  }

  func buildModel(_ spec: String, options: [String: String]) throws(CommandError) -> [Output] {
    var next = settings
    next.modelSpec = spec.lowercased()
    if let a = options["activation"] {
      guard let activation = Activation(rawValue: a.lowercased()) else {
        throw CommandError("activation must be relu, leaky-relu, sigmoid or tanh (got '\(a)')")
      }
      next.activation = activation
    }
    if let i = options["init"] {
      guard let initializer = Initializer(rawValue: i.lowercased()) else {
        throw CommandError("init must be he, xavier, uniform or zeros (got '\(i)')")
      }
      next.initializer = initializer
    } else if options["activation"] != nil {
      next.initializer = nil
    }
    // Check the text before anything else, even without data (as a regression, which takes
    // any output size: `1-8-1` is a fine model for apartments).
    do {
      _ = try Architecture.parse(
        next.modelSpec, activation: next.activation, task: dataset?.task ?? .regression, inputs: 1,
        outputs: 2)
    } catch {
      throw CommandError(error.description)
    }
    // NB: an activation acts between layers; without a hidden layer it would be dropped silently.
    if let a = options["activation"], !Session.hasHiddenLayer(next.modelSpec) {
      let hidden = next.modelSpec == "linear" ? "a hidden layer" : "a hidden layer, e.g. `model \(Session.withHiddenLayer(next.modelSpec)) activation=\(a.lowercased())`"
      throw CommandError("model \(next.modelSpec) has no hidden layer, so activation=\(a.lowercased()) would act on nothing: give it \(hidden)")
    }
    let dataset = try requireDataset()
    let trainer = try makeTrainer(next, dataset)
    settings = next
    runs = ["main": Run(name: "main", trainer: trainer)]
    currentRunName = "main"
    return [.text(["model \(trainer.network.description), \(next.effectiveInitializer.rawValue) initialisation"]
      + trainer.network.summary.map { "  " + $0 })]
  }

  func set(_ name: String, _ text: String) throws(CommandError) -> [Output] {
    switch name {
    case "w", "b": return try setLineParameter(name, text)
    case "x", "y": return try placeBall(name, text)
    case "pace": return try setPace(text)
    case "seed":
      guard let seed = UInt64(text) else { throw CommandError("seed must be a whole number 0 or more (got '\(text)')") }
      settings.seed = seed
      if dataset != nil { try rebuildRuns() }
      return [.line("seed \(seed): new weights from it" + (dataset != nil ? " (runs start over)" : ""))]
    default: break
    }
    var hyper = trainer?.hyper ?? settings.hyper
    func number() throws(CommandError) -> Float {
      guard let v = Float(text), v.isFinite else { throw CommandError("\(name) must be a number (got '\(text)')") }
      return v
    }
    switch name {
    case "lr": hyper.learningRate = try number()
    case "batch":
      guard let n = Int(text) else { throw CommandError("batch must be a whole number (got '\(text)')") }
      hyper.batchSize = n
    case "momentum": hyper.momentum = try number()
    case "optimizer":
      guard let kind = OptimizerKind(rawValue: text.lowercased()) else {
        throw CommandError("optimizer must be sgd, momentum, nesterov or adam (got '\(text)')")
      }
      hyper.optimizer = kind
    case "l1": hyper.l1 = try number()
    case "l2": hyper.l2 = try number()
    case "dropout": hyper.dropout = try number()
    case "clip": hyper.clipNorm = try number()
    case "beta1": hyper.beta1 = try number()
    case "beta2": hyper.beta2 = try number()
    default:
      throw CommandError(
        "unknown setting '\(name)': one of \(CommandCatalog.settings.joined(separator: ", "))")
    }
    do {
      try hyper.validate()
    } catch {
      // The learner typed one setting: say what is wrong with it, without a category.
      if case .invalidSetting(let why) = error { throw CommandError(why) }
      throw CommandError(error.description)
    }
    try checkMemory(setting: hyper, for: currentRunName)
    settings.hyper = hyper
    if let run {
      do {
        try run.apply(.settings(hyper))
      } catch {
        throw CommandError(error.description)
      }
    }
    return [.line("\(name) = \(text.lowercased())")]
  }

  private func setLineParameter(_ name: String, _ text: String) throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    guard let value = Float(text), value.isFinite else {
      throw CommandError("\(name) must be a number (got '\(text)')")
    }
    guard trainer.network.architecture.sizes == [1, 1] else {
      throw CommandError("`set \(name)` needs a linear model with one input and one output (this one is \(trainer.network.architecture.sizesText))")
    }
    let parameter = name == "w" ? "dense1.weights" : "dense1.bias"
    do {
      try run?.apply(.parameter(name: parameter, index: 0, value: value, label: "\(name) \(text)"))
    } catch {
      throw CommandError(error.description)
    }
    let loss = trainer.network.evaluate(trainer.train).loss
    return [.line("\(name) = \(NumberFormat.short(value))   training loss (MSE) \(NumberFormat.short(loss))")]
  }

  private func placeBall(_ name: String, _ text: String) throws(CommandError) -> [Output] {
    guard var ball else { throw CommandError("`set \(name)` places the ball on a landscape: load one with `data two-valleys`") }
    guard let value = Double(text), value.isFinite else { throw CommandError("\(name) must be a number (got '\(text)')") }
    let coordinate = name == "x" ? 0 : 1
    guard coordinate < ball.dimensions else { throw CommandError("\(ball.name) has no y: it is a curve") }
    ball.place(coordinate, at: value)
    self.ball = ball
    return [.line("ball at \(ball.position.map(NumberFormat.short).joined(separator: ", ")), loss \(NumberFormat.short(ball.value))")]
  }
}

extension Session {
  /// Whether a model spec has a layer between its inputs and outputs (`2-8-2` has, `2-2` and
  /// `linear` have not).
  static func hasHiddenLayer(_ spec: String) -> Bool {
    spec != "linear" && spec.split(separator: "-").count > 2
  }

  /// `2-2` with a hidden layer of 8 units: `2-8-2`.
  static func withHiddenLayer(_ spec: String) -> String {
    let sizes = spec.split(separator: "-")
    guard let first = sizes.first, let last = sizes.last else { return spec }
    return "\(first)-8-\(last)"
  }
}
