import Engine

extension Session {
  /// The figure a search ranks its trials by, lower being better: the test loss, or the
  /// training loss where the data holds no test split. The one place to change it.
  static func searchScore(_ trainer: Trainer) -> (metric: String, evaluation: Evaluation) {
    if let test = trainer.test { return ("test loss", trainer.network.evaluate(test)) }
    return ("training loss", trainer.network.evaluate(trainer.train))
  }

  /// `search`: one fork of the current run per trial, each from fresh weights drawn from the
  /// run's seed with the trial's settings, trained for the trial's budget of steps, then ranked
  /// by `searchScore`. The current run is left as it was; the trials stay as runs (`trial1`…),
  /// replacing those of the previous search.
  func search(
    _ options: [String: String], shouldStop: () -> Bool, progress: ((TrainingProgress) -> Void)?
  ) throws(CommandError) -> [Output] {
    let space = try SearchSpace.parse(options)
    let home = try requireTrainer()
    guard let homeRun = run else { return [] }
    let homeName = currentRunName
    let homeSettings = settings
    // Trials of an earlier search go, except the run in use.
    let earlier = Set((measured.search?.trials ?? []).map(\.run)).subtracting([homeName])
    let kept = runs.keys.filter { !earlier.contains($0) }.count
    let trials = space.trials(seed: home.seed)
    guard kept + trials.count <= Self.maximumRuns else {
      throw CommandError(
        "\(trials.count) trials would make \(kept + trials.count) runs, more than the \(Self.maximumRuns) a session keeps: start again with `model`, or search fewer")
    }
    // Every trial is a run with its own weights, optimiser and batch: all must fit at once.
    var needed = runs.filter { !earlier.contains($0.key) }.map(\.value.trainer.hyper)
    for trial in trials {
      var hyper = home.hyper
      for (setting, value) in trial {
        if setting == "batch", let n = Int(value) { hyper.batchSize = n }
        if setting == "optimizer", let kind = OptimizerKind(rawValue: value) { hyper.optimizer = kind }
      }
      needed.append(hyper)
    }
    do {
      try Trainer.checkMemory(home.network.architecture, runs: needed, train: home.train, test: home.test)
    } catch {
      throw CommandError(error.description)
    }
    for name in earlier { runs[name] = nil }
    measured.search = nil
    var names: [String] = []
    var next = 1
    for _ in trials {
      while runs["trial\(next)"] != nil { next += 1 }
      names.append("trial\(next)")
      next += 1
    }
    let totalSteps = trials.count * space.steps
    var done = 0
    var results: [SearchTrial] = []
    var stopped = false
    let clock = ContinuousClock()
    var lastReport = clock.now
    defer {
      currentRunName = homeName
      settings = homeSettings
    }
    for (trial, name) in zip(trials, names) {
      if shouldStop() {
        stopped = true
        break
      }
      let fork = homeRun.fork(named: name)
      runs[name] = fork
      currentRunName = name
      fork.trainer.reset()
      fork.didReset()
      for (setting, value) in trial {
        do {
          _ = try set(setting, value)
        } catch {
          for made in names where made != homeName { runs[made] = nil }
          throw CommandError("trial \(name), \(setting) \(value): \(error.message)")
        }
      }
      var diverged = false
      for _ in 0..<space.steps {
        if shouldStop() {
          stopped = true
          break
        }
        do {
          let report = try fork.trainer.step()
          fork.didStep()
          if report.endedEpoch { fork.trainer.evaluate() }
        } catch {
          diverged = true
          break
        }
        done += 1
        if let progress, clock.now - lastReport > .milliseconds(100) {
          lastReport = clock.now
          let t = fork.trainer
          progress(
            TrainingProgress(
              step: t.steps, epoch: t.epochsCompleted + 1, epochFraction: t.epochFraction,
              loss: t.history.lastLoss.map(Double.init) ?? .nan, samplesPerSecond: 0, done: done,
              target: totalSteps))
        }
      }
      if stopped && !diverged { break }
      let evaluation = Self.searchScore(fork.trainer).evaluation
      let loss = diverged ? Double.nan : evaluation.loss
      results.append(
        SearchTrial(
          run: name, settings: trial.map(\.name), values: trial.map(\.value), loss: loss,
          accuracy: diverged ? nil : evaluation.accuracy,
          learningRate: Double(fork.trainer.hyper.learningRate), batch: fork.trainer.hyper.batchSize,
          diverged: diverged || !loss.isFinite))
    }
    // A trial stopped half way is not a result: its run goes.
    for name in names where !results.contains(where: { $0.run == name }) { runs[name] = nil }
    let metric = Self.searchScore(home).metric
    // NB: sorted by loss, then by the order tried, so ties and NaNs rank the same every time.
    let ranked = results.enumerated().sorted { a, b in
      let (x, y) = (a.element, b.element)
      if x.diverged != y.diverged { return !x.diverged }
      if !x.diverged && x.loss != y.loss { return x.loss < y.loss }
      return a.offset < b.offset
    }.map(\.element)
    let result = SearchResult(metric: metric, trials: ranked)
    measured.search = result
    return searchOutputs(result, space: space, stopped: stopped, planned: trials.count, home: homeName)
  }

  private func searchOutputs(
    _ result: SearchResult, space: SearchSpace, stopped: Bool, planned: Int, home: String
  ) -> [Output] {
    let kind = space.randomTrials == nil ? "grid" : "random search"
    var head = "\(kind): \(planned) trial\(planned == 1 ? "" : "s") × \(space.steps.formatted) steps from fresh weights (seed \(settings.seed)), ranked by \(result.metric)"
    if stopped { head += "; stopped after \(result.trials.count)" }
    let classification = result.trials.contains { $0.accuracy != nil }
    var headers = ["#", "run", "settings", result.metric]
    if classification { headers.append("accuracy") }
    let rows = result.trials.enumerated().map { i, t -> [String] in
      let settings = zip(t.settings, t.values).map { "\($0) \($1)" }.joined(separator: " ")
      var row = [String(i + 1), t.run, settings, t.diverged ? "diverged" : NumberFormat.short(t.loss)]
      if classification { row.append(t.accuracy.map(NumberFormat.percent) ?? "-") }
      return row
    }
    var outputs: [Output] = [
      .line(head),
      .table(Table(headers: headers, rows: rows, rightAligned: [0, 3, 4])),
    ]
    if let best = result.best {
      outputs.append(.line("best: \(best.run); `use \(best.run)` goes on with it, `compare \(home) \(best.run)` draws both; still using \(home)"))
    } else if !result.trials.isEmpty {
      outputs.append(.line("every trial diverged: try smaller learning rates"))
    }
    return outputs
  }
}
