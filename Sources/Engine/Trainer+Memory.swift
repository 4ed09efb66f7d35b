extension Trainer {
  /// Fails, before anything is allocated, when runs of `architecture` with these settings
  /// (one per element of `runs`, all on the same data) would need more memory than `budget`
  /// allows besides the data they train on.
  ///
  /// Each run holds its model (weights, gradients, optimiser state) and the buffers of one
  /// batch; evaluating one of them at a time adds a chunk per thread.
  public static func checkMemory(
    _ architecture: Architecture, runs: [Hyperparameters], train: Examples, test: Examples?,
    budget: MemoryBudget = .current
  ) throws(EngineError) {
    let evaluated = max(train.count, test?.count ?? 0)
    var need = MemoryEstimate.evaluation(architecture, threads: ComputeThreads.count, examples: evaluated)
    for hyper in runs {
      let rows = min(hyper.batchSize, train.count)
      need = need.addingReportingOverflow(MemoryEstimate.model(architecture, optimizer: hyper.optimizer))
        .partialValue
      need = need.addingReportingOverflow(MemoryEstimate.batch(architecture, rows: rows)).partialValue
      if need < 0 { need = .max }
    }
    let data = MemoryEstimate.examples(train) + (test.map(MemoryEstimate.examples) ?? 0)
    let what: String
    if runs.count == 1, let hyper = runs.first {
      what = "model \(architecture.sizesText) with batch \(hyper.batchSize)"
    } else {
      what = "keeping \(runs.count) runs of model \(architecture.sizesText)"
    }
    try budget.check(need, for: what, held: data)
  }
}
