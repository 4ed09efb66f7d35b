extension Trainer {
  /// The threads of a step of `rows` rows, and whether the tuner times it: only a full batch
  /// without the extra forward pass of `measureLossAfter` is timed, when no count was chosen.
  func threadCount(rows: Int, measureLossAfter: Bool) -> (Int, Bool) {
    if let threadsForBatch { return (threadsForBatch(rows, network.parameterCount), false) }
    let cap = threadCap(rows, network.parameterCount)
    guard tunesThreads(), rows == hyper.batchSize, !measureLossAfter else {
      return (cap, false)
    }
    return (threadTuner.threads(cap: cap), true)
  }
}
