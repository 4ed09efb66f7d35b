import Datasets
import Engine
import Foundation

extension Session {
  /// Saves the current run's model with the session's settings in its metadata.
  func save(_ path: String) throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    var metadata: [String: String] = [
      "data": settings.dataName ?? "", "model": settings.modelSpec,
      "activation": settings.activation.rawValue, "init": settings.effectiveInitializer.rawValue,
      "seed": String(settings.seed), "steps": String(trainer.steps),
    ]
    let h = trainer.hyper
    metadata["lr"] = String(h.learningRate)
    metadata["batch"] = String(h.batchSize)
    metadata["optimizer"] = h.optimizer.rawValue
    metadata["momentum"] = String(h.momentum)
    metadata["l1"] = String(h.l1)
    metadata["l2"] = String(h.l2)
    metadata["dropout"] = String(h.dropout)
    metadata["clip"] = String(h.clipNorm)
    for (k, v) in settings.dataOptions { metadata["data." + k] = v }
    do {
      try ModelFile.save(trainer.network, to: path, metadata: metadata)
    } catch {
      throw CommandError(error.description)
    }
    return [.line("saved \(trainer.network.description) to \(path)")]
  }

  /// Loads a saved model and its settings (and its data set, when it is not the current one).
  func load(_ path: String) throws(CommandError) -> [Output] {
    let network: Network
    let metadata: [String: String]
    do {
      (network, metadata) = try ModelFile.load(path)
    } catch {
      throw CommandError(error.description)
    }
    var next = settings
    if let data = metadata["data"], !data.isEmpty { next.dataName = data }
    next.dataOptions = [:]
    for (k, v) in metadata where k.hasPrefix("data.") { next.dataOptions[String(k.dropFirst(5))] = v }
    next.modelSpec = metadata["model"] ?? network.architecture.sizesText
    next.activation = network.architecture.activation
    next.initializer = metadata["init"].flatMap(Initializer.init(rawValue:))
    if let s = metadata["seed"].flatMap(UInt64.init) { next.seed = s }
    var h = next.hyper
    if let v = metadata["lr"].flatMap(Float.init) { h.learningRate = v }
    if let v = metadata["batch"].flatMap(Int.init) { h.batchSize = v }
    if let v = metadata["optimizer"].flatMap(OptimizerKind.init(rawValue:)) { h.optimizer = v }
    if let v = metadata["momentum"].flatMap(Float.init) { h.momentum = v }
    if let v = metadata["l1"].flatMap(Float.init) { h.l1 = v }
    if let v = metadata["l2"].flatMap(Float.init) { h.l2 = v }
    if let v = metadata["dropout"].flatMap(Float.init) { h.dropout = v }
    if let v = metadata["clip"].flatMap(Float.init) { h.clipNorm = v }
    guard (try? h.validate()) != nil else { throw CommandError("\(path): the saved settings are not valid") }
    next.hyper = h
    guard let dataName = next.dataName else {
      throw CommandError("\(path) does not say which data it was trained on; load the data first")
    }
    let dataset: Dataset
    if dataName == settings.dataName && next.dataOptions == settings.dataOptions, let current = self.dataset {
      dataset = current
    } else {
      do {
        dataset = try DatasetCatalog.load(dataName, options: next.dataOptions, locations: locations)
      } catch {
        throw CommandError("\(path) was trained on \(dataName): \(error.description)")
      }
    }
    let trainer = try makeTrainer(next, dataset)
    do {
      try trainer.loadParameters(from: network)
    } catch {
      throw CommandError("\(path): \(error.description)")
    }
    ball = nil
    self.dataset = dataset
    settings = next
    runs = ["main": Run(name: "main", trainer: trainer)]
    currentRunName = "main"
    return [.line("loaded \(network.description) trained on \(dataName) from \(path)")]
  }

  func exportPyTorch(_ path: String) throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    let script = PyTorchExport.script(settings: settings, hyper: trainer.hyper, dataset: dataset, architecture: trainer.network.architecture)
    do {
      try AtomicFile.write(Array(script.utf8), to: path)
    } catch {
      throw CommandError(error.description)
    }
    return [.line("wrote a PyTorch script reproducing this experiment to \(path)")]
  }
}
