import Engine

extension Session {
  /// Puts every training setting back as a new session has it (optimizer, lr, batch, momentum,
  /// Adam's betas, L1, L2, dropout, clipping, seed), so that nothing leaks in from earlier
  /// work; the data and the model's shape stay, and the runs start over from fresh weights.
  ///
  /// Lessons call it when they open, before their own setup commands.
  public func restoreFreshSettings() {
    let fresh = SessionSettings()
    settings.hyper = fresh.hyper
    settings.seed = fresh.seed
    if dataset != nil { try? rebuildRuns() }
  }
}

extension SessionSettings {
  /// The training settings in one line, for "Lesson 8 starts from fresh settings: …":
  /// `optimizer sgd, lr 0.01, batch 32, seed 0; no L1, L2, dropout or clipping`.
  public var trainingSummary: String {
    let h = hyper
    var parts = ["optimizer \(h.optimizer.rawValue)", "lr \(h.learningRate)", "batch \(h.batchSize)"]
    if h.optimizer == .momentum || h.optimizer == .nesterov { parts.append("momentum \(h.momentum)") }
    parts.append("seed \(seed)")
    var off: [String] = []
    for (name, value) in [("L1", h.l1), ("L2", h.l2), ("dropout", h.dropout), ("clipping", h.clipNorm)] {
      if value == 0 { off.append(name) } else { parts.append("\(name == "clipping" ? "clip" : name) \(value)") }
    }
    var text = parts.joined(separator: ", ")
    if !off.isEmpty {
      let list = off.count == 1 ? off[0] : off.dropLast().joined(separator: ", ") + " or " + (off.last ?? "")
      text += "; no \(list)"
    }
    return text
  }
}
