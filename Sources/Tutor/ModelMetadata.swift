import Engine

/// What a saved model records besides its weights: the data it was trained on (with the data
/// set's settings, such as `scale=standard`), the model's shape and every training setting, so
/// that `load` rebuilds the same experiment. The tutor's `save` and `mltutor train --save`
/// both write it with `record`.
public enum ModelMetadata {
  /// The metadata of a run with `settings` and `hyper` after `steps` steps.
  public static func record(settings: SessionSettings, hyper h: Hyperparameters, steps: Int)
    -> [String: String]
  {
    var metadata: [String: String] = [
      "data": settings.dataName ?? "", "model": settings.modelSpec,
      "activation": settings.activation.rawValue, "init": settings.effectiveInitializer.rawValue,
      "seed": String(settings.seed), "steps": String(steps),
      "lr": String(h.learningRate), "batch": String(h.batchSize), "optimizer": h.optimizer.rawValue,
      "momentum": String(h.momentum), "l1": String(h.l1), "l2": String(h.l2),
      "dropout": String(h.dropout), "clip": String(h.clipNorm),
    ]
    for (k, v) in settings.dataOptions { metadata["data." + k] = v }
    return metadata
  }

  /// `base` with what `metadata` records; every recorded setting must read as a valid value,
  /// and a problem names the setting, its value and why.
  public static func settings(
    from metadata: [String: String], network: Network, base: SessionSettings
  ) throws(CommandError) -> SessionSettings {
    var next = base
    if let data = metadata["data"], !data.isEmpty { next.dataName = data }
    next.dataOptions = [:]
    for (k, v) in metadata where k.hasPrefix("data.") { next.dataOptions[String(k.dropFirst(5))] = v }
    next.modelSpec = metadata["model"] ?? network.architecture.specText
    next.activation = network.architecture.activation
    next.initializer = try read("init", metadata, "he, xavier, uniform or zeros", Initializer.init(rawValue:))
    if let seed = try read("seed", metadata, "a whole number 0 or more", UInt64.init) { next.seed = seed }
    var h = next.hyper
    let number = "a number"
    if let v = try read("lr", metadata, number, Float.init) { h.learningRate = v }
    if let v = try read("batch", metadata, "a whole number", Int.init) { h.batchSize = v }
    if let v = try read("optimizer", metadata, "sgd, momentum, nesterov or adam", OptimizerKind.init(rawValue:)) {
      h.optimizer = v
    }
    if let v = try read("momentum", metadata, number, Float.init) { h.momentum = v }
    if let v = try read("l1", metadata, number, Float.init) { h.l1 = v }
    if let v = try read("l2", metadata, number, Float.init) { h.l2 = v }
    if let v = try read("dropout", metadata, number, Float.init) { h.dropout = v }
    if let v = try read("clip", metadata, number, Float.init) { h.clipNorm = v }
    do {
      try h.validate()
    } catch {
      // The engine's message names the setting and its range: "lr must be … (got -1.0)".
      if case .invalidSetting(let why) = error { throw CommandError("the saved setting \(why)") }
      throw CommandError("the saved settings are not valid: \(error.description)")
    }
    next.hyper = h
    return next
  }

  private static func read<T>(
    _ key: String, _ metadata: [String: String], _ expected: String, _ parse: (String) -> T?
  ) throws(CommandError) -> T? {
    guard let text = metadata[key] else { return nil }
    guard let value = parse(text) else {
      let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
      throw CommandError("the saved setting \(key) is '\(shown)', not \(expected)")
    }
    return value
  }
}
