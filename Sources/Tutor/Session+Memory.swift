import Engine

extension Session {
  /// Fails when the session's runs, with `hyper` for `run` (or an extra run with `hyper` when
  /// `run` is nil), would need more memory than the budget allows besides the data.
  func checkMemory(setting hyper: Hyperparameters, for run: String?) throws(CommandError) {
    guard let trainer else { return }
    var settings = runNames.compactMap { name in name == run ? hyper : runs[name]?.trainer.hyper }
    if run == nil { settings.append(hyper) }
    do {
      try Trainer.checkMemory(
        trainer.network.architecture, runs: settings, train: trainer.train, test: trainer.test)
    } catch {
      throw CommandError(error.description)
    }
  }
}
