import Datasets
import Engine

/// What `submit` found: one line saying why the attempt passed or failed, and the best to
/// record when it passed.
struct ChallengeVerdict {
  let line: String
  let best: ChallengeRecords.Best?

  static func fail(_ line: String) -> ChallengeVerdict { ChallengeVerdict(line: "not passed: " + line, best: nil) }

  /// Judges a trained model: its limits first, then its score on the judging examples.
  static func judge(_ c: Challenge, trainer: Trainer, on judging: Examples) -> ChallengeVerdict {
    let a = trainer.network.architecture
    let model = a.sizesText
    for constraint in c.constraints {
      switch constraint {
      case .maximumParameters(let n) where a.parameterCount > n:
        return fail("\(model) has \(a.parameterCount.formatted) parameters; the limit is \(n.formatted)")
      case .maximumHiddenUnits(let n):
        let hidden = a.sizes.dropFirst().dropLast().reduce(0, +)
        if hidden > n { return fail("\(model) has \(hidden) hidden units; the limit is \(n)") }
      case .maximumTrainingSteps(let n) where trainer.steps > n:
        return fail("this run has trained \(trainer.steps.formatted) steps; the limit is \(n.formatted)")
      default: break
      }
    }
    if trainer.divergence != nil { return fail("the model diverged: `reset` or `rewind`, then train again") }
    let e = trainer.network.evaluate(judging)
    let value = c.score == .accuracy ? e.accuracy ?? 0 : e.loss
    let what = c.score == .accuracy ? "accuracy" : "squared error"
    let measured = "\(what) \(Challenge.scoreText(value, c.score)) on \(judging.count.formatted) examples it never saw"
    guard c.score.meets(value, c.bound) else { return fail("\(measured); the goal is \(c.boundText)") }
    let h = trainer.hyper
    let how = "\(model), \(h.optimizer.rawValue), lr \(NumberFormat.short(h.learningRate)), \(trainer.steps.formatted) steps"
    return ChallengeVerdict(line: "passed: \(measured) (goal \(c.boundText))", best: .init(score: value, how: how))
  }

  /// Judges a ball on a landscape: it must have started at `start` and rest in the global
  /// minimum (within 0.05 of it, its last move shorter than 0.05).
  static func judge(_ c: Challenge, ball: BallRun, start: Double, settings h: Hyperparameters) -> ChallengeVerdict {
    guard let first = ball.path.first?.first, first == start else {
      let from = ball.path.first?.first.map(NumberFormat.short) ?? "?"
      return fail("the ball started at x = \(from), not \(NumberFormat.short(start)): `challenge \(c.name)` puts it back")
    }
    guard !ball.diverged else { return fail("the ball flew off the landscape: `reset`, then a smaller learning rate") }
    guard case .curve(let curve) = ball.surface, let bottom = curve.globalMinimum else {
      return fail("\(ball.name) has no deep valley")
    }
    let x = ball.position[0]
    let path = ball.path
    let lastMove = path.count >= 2 ? abs(path[path.count - 1][0] - path[path.count - 2][0]) : 0
    let distance = abs(x - bottom.x)
    guard distance <= 0.05 else {
      return fail("after \(ball.steps) steps the ball is at x = \(NumberFormat.short(x)), \(NumberFormat.short(distance)) from the bottom of the deep valley at \(NumberFormat.short(bottom.x))")
    }
    guard lastMove < 0.05 else {
      return fail("the ball is passing through the deep valley, not resting: its last step moved it \(NumberFormat.short(lastMove))")
    }
    let steps = Double(ball.steps)
    guard c.score.meets(steps, c.bound) else {
      return fail("the ball took \(ball.steps) steps to rest in the deep valley; the goal is \(c.boundText)")
    }
    let optimizer = h.optimizer == .sgd ? "sgd" : "\(h.optimizer.rawValue) \(NumberFormat.short(h.momentum))"
    return ChallengeVerdict(
      line: "passed: the ball rests in the deep valley after \(Challenge.scoreText(steps, c.score)) (goal \(c.boundText))",
      best: .init(score: steps, how: "\(optimizer), lr \(NumberFormat.short(h.learningRate))"))
  }
}
