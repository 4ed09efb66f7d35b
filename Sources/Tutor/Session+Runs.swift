import Engine

extension Session {
  func fork(_ name: String) throws(CommandError) -> [Output] {
    _ = try requireTrainer()
    guard let run else { return [] }
    guard isRunName(name) else {
      throw CommandError("a run name is letters, digits, - and _ (got '\(name)')")
    }
    guard runs[name] == nil else { throw CommandError("there is already a run called \(name): see `runs`") }
    try checkMemory(setting: run.trainer.hyper, for: nil)
    guard runs.count < Self.maximumRuns else {
      throw CommandError(
        "there are already \(runs.count) runs, the most a session keeps: `use` one of them, or start again with `model`")
    }
    runs[name] = run.fork(named: name)
    let from = currentRunName
    currentRunName = name
    return [.line("forked \(from) at step \(run.trainer.steps) into \(name); now using \(name)")]
  }

  private func isRunName(_ s: String) -> Bool {
    !s.isEmpty && s.count <= 32 && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
  }

  func use(_ name: String) throws(CommandError) -> [Output] {
    guard runs[name] != nil else {
      throw CommandError("no run called \(name); the runs are \(runNames.joined(separator: ", "))")
    }
    currentRunName = name
    if let h = trainer?.hyper { settings.hyper = h }
    return [.line("now using \(name)")]
  }

  func listRuns() throws(CommandError) -> [Output] {
    _ = try requireTrainer()
    let rows = runNames.compactMap { name -> [String]? in
      guard let t = runs[name]?.trainer else { return nil }
      let h = t.hyper
      let loss = t.history.lastLoss.map { NumberFormat.short($0) } ?? "-"
      return [
        name == currentRunName ? "* " + name : "  " + name, String(t.steps), loss,
        "\(h.optimizer.rawValue) lr \(NumberFormat.short(h.learningRate)) batch \(h.batchSize)",
      ]
    }
    return [.table(Table(headers: ["run", "steps", "last loss", "settings"], rows: rows, rightAligned: [1, 2]))]
  }

  func compare(_ a: String, _ b: String) throws(CommandError) -> [Output] {
    guard let first = runs[a] else { throw CommandError("no run called \(a); the runs are \(runNames.joined(separator: ", "))") }
    guard let second = runs[b] else { throw CommandError("no run called \(b); the runs are \(runNames.joined(separator: ", "))") }
    var lines: [String] = []
    for run in [first, second] {
      lines.append("\(run.name): step \(run.trainer.steps), " + evaluationLine(run.trainer))
    }
    return [.text(lines), lossChart([first, second])]
  }
}
