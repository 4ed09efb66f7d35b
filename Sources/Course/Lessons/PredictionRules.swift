/// What makes a prediction well formed, checked when a lesson is read.
enum PredictionRules {
  struct Message {
    let line: Int
    let text: String
  }

  /// Every problem of `prediction` in `step`, at its line.
  static func problems(_ prediction: Prediction, in step: LessonStep) -> [Message] {
    var out: [Message] = []
    func problem(_ line: Int, _ text: String) { out.append(Message(line: line, text: text)) }
    let line = prediction.line
    if prediction.isNumber && !prediction.options.isEmpty {
      problem(line, "a prediction is a choice (`option:` or `shape:` lines) or a number (`outcome:`), not both")
    } else if prediction.isNumber {
      if prediction.tolerance == nil {
        problem(prediction.outcomeLine, "a number prediction needs `within:`: how close a guess must be to count as right")
      }
    } else {
      if prediction.tolerance != nil { problem(line, "`within:` belongs to a number prediction, which has an `outcome:`") }
      if prediction.options.count < 2 {
        problem(line, "a prediction needs two or more `option:` or `shape:` lines, or an `outcome:` for a number")
      }
      if prediction.options.count > Prediction.maximumOptions {
        problem(line, "a prediction can have at most \(Prediction.maximumOptions) options (a to e)")
      }
    }
    if prediction.why.isEmpty { problem(line, "a prediction needs a `why:` line, shown beside the outcome") }
    let demosAfter = step.blocks.dropFirst(prediction.blockIndex).contains {
      if case .demo = $0 { return true }
      return false
    }
    if !demosAfter && step.task == nil {
      problem(line, "nothing after the prediction shows its outcome: put the demos that do after `predict:`, or give the step a task")
    }
    return out
  }
}
