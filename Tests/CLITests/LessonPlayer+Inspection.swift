/// What the course player checks on a screen at rest: the status line against what the
/// commands typed loaded and trained, the charts against the status line, the lesson pane's
/// words.
extension LessonPlayer {
  /// Everything wrong with a screen at rest after a step passed.
  func inspect(_ screen: String) -> [String] {
    let text = read(screen)
    var problems: [String] = []
    let status = text.statusLine.trimmingCharacters(in: .whitespaces)
    let step = text.statusStep
    if step == nil, !status.contains("no model") { problems.append("status line: no `step N` in plain digits: «\(status)»") }
    if let step, step > 0, text.statusLoss == nil {
      problems.append("status line: no `loss X` after \(step) steps: «\(status)»")
    }
    if let data, !status.contains(data), text.statusLineHadRoom(for: data) {
      problems.append("status line: data `\(data)` not named: «\(status)»")
    }
    if let model, !isLandscape, !status.contains(model), text.statusLineHadRoom(for: model) {
      problems.append("status line: model `\(model)` not named: «\(status)»")
    }
    if evaluated, let data, !status.contains("DIVERGED") {
      if task == "classification", text.statusTestAccuracy == nil {
        problems.append("status line: no `test acc P%` after an evaluation on \(data): «\(status)»")
      }
      if task == "regression", text.statusTestLoss == nil {
        problems.append("status line: no `test loss X` after an evaluation on \(data): «\(status)»")
      }
    }
    let command = text.commandLine.trimmingCharacters(in: .whitespaces)
    if command.contains("training…") || command.hasPrefix("space pause") {
      problems.append("command line speaks of training while none runs: «\(command)»")
    }
    problems += inspectCharts(text)
    let cuts = text.cutWords(vocabulary: vocabulary)
    if !cuts.isEmpty {
      problems.append("lesson pane: words cut at the right edge: \(cuts.joined(separator: ", "))")
    }
    return problems
  }

  /// Charts on a screen at rest: a title's `· step N` agrees with the status line, no chart
  /// of other data, no title cut short, nothing left at "Drawing…" or "too small".
  func inspectCharts(_ text: TutorScreenText) -> [String] {
    var problems: [String] = []
    guard !text.training else { return [] }
    for (title, body) in zip(text.chartTitles, text.chartBodies) where !title.isEmpty {
      if let shown = TutorScreenText.titleStep(title), let step = text.statusStep, shown != step,
        !forks.contains(where: { title.contains($0) })
      {
        problems.append("chart «\(title)» shows step \(shown) while the status line says step \(step)")
      }
      if let data {
        let tokens = title.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
        let others = Self.classification.union(Self.regression).subtracting([data])
        if let other = others.sorted().first(where: tokens.contains) {
          problems.append("chart «\(title)» is of \(other) while \(data) is loaded")
        } else if let kind = Self.task(ofChart: title), kind != task {
          problems.append("chart «\(title)» is a \(kind) chart while \(data) (\(task)) is loaded")
        }
      }
      if title.hasSuffix("…") { problems.append("chart title cut short: «\(title)»") }
      if body.contains("too small") { problems.append("chart «\(title)» says it is too small to draw") }
      if body.contains("Drawing…") {
        problems.append("chart «\(title)» still says Drawing… after \(Int(Self.chartSeconds)) s")
      }
    }
    return problems
  }

  /// What the loaded data asks of a model: classification, regression or a landscape.
  var task: String {
    guard let data else { return "" }
    if Self.classification.contains(data) || dataClassifies { return "classification" }
    return Self.regression.contains(data) ? "regression" : "landscape"
  }

  /// The task a chart belongs to, read from its title; nil for charts of any task.
  static func task(ofChart title: String) -> String? {
    let t = title.lowercased()
    if t.hasPrefix("probabilities") || t.hasPrefix("decision boundary") || t.hasPrefix("test set: true class") {
      return "classification"
    }
    if t.contains("against surface") { return "regression" }
    if t.contains("the ball") { return "landscape" }
    return nil
  }
}
