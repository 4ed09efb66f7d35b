import Datasets
import Engine
import Foundation

extension Session {
  /// Saves the current run's model with the session's settings in its metadata.
  func save(_ path: String) throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    let metadata = ModelMetadata.record(settings: settings, hyper: trainer.hyper, steps: trainer.steps)
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
    let next: SessionSettings
    do {
      next = try ModelMetadata.settings(from: metadata, network: network, base: settings)
    } catch {
      throw CommandError("\(path): \(error.message)")
    }
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
    let trainer: Trainer
    do {
      trainer = try makeTrainer(next, dataset)
    } catch {
      throw CommandError("\(path): \(error.message)")
    }
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
    let script = PyTorchExport.script(
      settings: settings, hyper: trainer.hyper, dataset: dataset, architecture: trainer.network.architecture,
      steps: trainer.steps)
    // Only an earlier export is replaced: any other file there is the learner's (and a pipe
    // or a device is refused before it is opened).
    do {
      try AtomicFile.checkWritable(path)
    } catch {
      throw CommandError(error.description)
    }
    let mark = Array(PyTorchExport.firstLine.utf8)
    if let input = try? FileInput(path: path), let head = try? input.read(upTo: mark.count), !head.isEmpty,
      head != mark
    {
      throw CommandError("\(path): exists and is not a script mltutor exported: choose another name, or remove it first")
    }
    do {
      try AtomicFile.write(Array(script.utf8), to: path)
    } catch {
      throw CommandError(error.description)
    }
    return [.line("wrote a PyTorch script reproducing this experiment to \(path)")]
  }
}
