import Charts
import Tutor

/// Predict, then observe: the open step's prediction is asked, committed with `guess`, and
/// shown beside what happened with one line on why.
extension CourseSession {
  /// Cells of the small curve drawn beside a shape.
  static let miniCurveWidth = 10

  /// The open step has a prediction not yet committed: what follows it waits.
  public var predictionPending: Bool {
    currentStep?.prediction != nil && predicted == nil
  }

  /// A prediction among options waits for a letter (a number is typed with `guess`).
  public var predictionOpen: Bool {
    predictionPending && currentStep?.prediction?.isNumber == false
  }

  /// What a command gets while the prediction waits.
  public var predictionFirst: String {
    currentStep?.prediction?.isNumber == true
      ? "first your prediction: type it with `guess`, e.g. `guess 50`; then the step goes on"
      : "first your prediction: press its letter (or `guess a`); then the step goes on"
  }

  /// Whether the demos after the prediction reveal its outcome (else the task does).
  static func revealsByDemos(_ step: LessonStep, _ prediction: Prediction) -> Bool {
    step.blocks.dropFirst(prediction.blockIndex).contains {
      if case .demo = $0 { return true }
      return false
    }
  }

  /// The question with its options, or with the guess already committed.
  func predictionLines(_ p: Prediction) -> [String] {
    var lines = ["", "Predict: \(shown(p.question, line: p.line))"]
    if !p.isNumber {
      for i in p.options.indices { lines.append("  " + optionLine(p, i)) }
    }
    if let predicted {
      lines.append("  (your prediction: \(guessText(p, predicted)))")
    } else {
      lines.append(
        p.isNumber
          ? "  (type your guess before it runs: `guess 50`, say)"
          : "  (commit before it runs: press a letter, or `guess a`)")
    }
    return lines
  }

  /// `b) ⠑⠢⢄⣀⣀⣀⣀⣀⣀⣀  falls, then levels off`: the key, the shape drawn small, the words.
  func optionLine(_ p: Prediction, _ i: Int) -> String {
    let option = p.options[i]
    var line = "\(Quiz.key(i)))"
    if let shape = option.shape {
      let curve = MiniCurve(shape).render(width: Self.miniCurveWidth, height: 1, style: chartStyle).lines().first ?? ""
      line += " " + curve + " "
    }
    return line + " " + (option.shape == nil ? shown(option.text, line: option.line) : option.label)
  }

  func guessText(_ p: Prediction, _ guess: String) -> String {
    guard !p.isNumber, let i = p.index(ofKey: guess) else { return guess }
    return "\(Quiz.key(i))) \(p.options[i].label)"
  }

  /// Commits the learner's prediction, then shows what it waited for.
  func guess(_ text: String) -> CourseResponse {
    guard let position, let lesson = currentLesson, let step = currentStep else {
      return failure("no lesson is open: `lesson 1` starts the first")
    }
    guard let p = step.prediction else { return failure("this step asks for no prediction") }
    if let predicted { return failure("your prediction is in already: \(guessText(p, predicted))") }
    let guess: String
    if p.isNumber {
      guard let x = Prediction.number(text) else {
        return failure("`\(text)` is not a number: type your guess as one, e.g. `guess 50`")
      }
      guess = NumberFormat.short(x)
    } else {
      guard let i = p.index(ofKey: text) else {
        return failure("predict with a letter from a to \(Quiz.key(p.options.count - 1))")
      }
      guess = Quiz.key(i)
    }
    predicted = guess
    progress.commitPrediction(lesson.name, step: position.step, guess)
    var response = CourseResponse()
    response.say("Your prediction: \(guessText(p, guess)). Now let us see.")
    response.append(reveal(step, p))
    response.outputs += assignment(step, done: isDone(position))
    response.outputs += save()
    return response
  }

  /// What the prediction waited for: the step's blocks after it, and the outcome if those
  /// blocks' demos reveal it.
  ///
  /// The outcome comes right after the last demo, before the prose that comments on it.
  func reveal(_ step: LessonStep, _ p: Prediction) -> CourseResponse {
    let held = step.blocks.dropFirst(p.blockIndex)
    guard Self.revealsByDemos(step, p), let last = held.lastIndex(where: { if case .demo = $0 { return true } else { return false } })
    else { return runBlocks(held, step: step) }
    var response = runBlocks(held[...last], step: step)
    response.outputs.append(.text(outcomeLines(p)))
    response.append(runBlocks(held[(last + 1)...], step: step))
    return response
  }

  /// The prediction beside the outcome, then why.
  func outcomeLines(_ p: Prediction) -> [String] {
    let guess = predicted ?? "?"
    var lines = [""]
    if p.isNumber {
      let typed = Prediction.number(guess)
      let measured = try? p.outcome?.evaluate(reader.value).numberValue
      let tolerance = p.tolerance ?? 0
      let within = Self.format(tolerance, like: tolerance, integral: true)
      lines.append("  you predicted   \(guess)")
      lines.append("  the run gave    " + (measured.map { Self.format($0, like: tolerance, integral: $0.isWholeNumber) } ?? "(no value)"))
      if let typed, let measured {
        let miss = abs(typed - measured)
        let off = Self.format(miss, like: tolerance, integral: typed.isWholeNumber && measured.isWholeNumber)
        lines.append(
          miss <= tolerance
            ? "✓ Close: within \(within) of the outcome." : "✗ Off by \(off): within \(within) would count as right.")
      }
    } else {
      let happened = p.options.indices.filter {
        if case .success(true) = p.options[$0].condition?.holds(reader.value) { return true }
        return false
      }
      let chosen = p.index(ofKey: guess)
      lines.append("  you predicted   " + (chosen.map { optionLine(p, $0) } ?? guess))
      if let first = happened.first {
        lines.append("  what happened   " + optionLine(p, first))
        lines.append(chosen == first ? "✓ As you predicted." : "✗ Not what you predicted.")
      } else {
        lines.append("  what happened   none of the options describes this run")
      }
    }
    if !p.why.isEmpty { lines.append("Why: \(shown(p.why, line: p.whyLine))") }
    return lines
  }

  /// A number with as many decimals as the tolerance has, one more unless it is whole:
  /// within 5 → 88.4, and 59 for a step.
  static func format(_ x: Double, like tolerance: Double, integral: Bool = false) -> String {
    var decimals = 0
    var t = tolerance
    while decimals < 6 && abs(t - t.rounded()) > 1e-9 {
      t *= 10
      decimals += 1
    }
    return FigureFormat(grouping: true, decimals: decimals + (integral ? 0 : 1)).format(.number(x))
  }

  /// Why the outcome cannot be read now (the linter's replay), at the lines to report.
  func outcomeProblems(_ p: Prediction, after what: String) -> [(line: Int, message: String)] {
    if p.isNumber {
      guard let outcome = p.outcome else { return [] }
      do {
        let x = try outcome.evaluate(reader.value).numberValue
        if !x.isFinite { return [(p.outcomeLine, "the outcome `\(p.outcomeSource)` is \(x) \(what)")] }
      } catch {
        return [(p.outcomeLine, "the outcome `\(p.outcomeSource)` has no value \(what) (\(error.quantity): \(error.reason))")]
      }
      return []
    }
    var problems: [(line: Int, message: String)] = []
    var holding: [Int] = []
    for (i, option) in p.options.enumerated() {
      guard let condition = option.condition else { continue }
      switch condition.holds(reader.value) {
      case .success(true): holding.append(i)
      case .success(false): break
      case .failure(let error):
        problems.append((option.line, "the option's check `\(option.conditionSource)` cannot be decided \(what) (\(error.quantity): \(error.reason))"))
      }
    }
    if problems.isEmpty && holding.count != 1 {
      let which = holding.map { "\(Quiz.key($0))) \(p.options[$0].label)" }.joined(separator: ", ")
      problems.append((p.line, "exactly one option must hold \(what), but \(holding.count) do\(which.isEmpty ? "" : ": " + which)"))
    }
    return problems
  }
}

extension Double {
  /// A whole number: 59, not 59.5.
  var isWholeNumber: Bool { isFinite && self == rounded() }
}
