import Datasets
import Engine

/// The challenge a session has started, for `submit` to judge.
struct ActiveChallenge {
  let challenge: Challenge
  /// The examples it is judged on (nil for a ball on a landscape).
  let judging: Examples?
  /// The `source` of the challenge's data: other data loaded since cannot be judged.
  let source: String?
}

extension Session {
  /// `challenges`: every challenge with its goal, its limits and the learner's best (`challenge
  /// NAME` also says how the best was reached).
  func listChallenges() -> [Output] {
    let records = challengeStore.current()
    var outputs: [Output] = []
    if let warning = challengeStore.takeWarning() { outputs.append(.error(warning)) }
    let rows = Challenge.all.map { c -> [String] in
      let best = records.bests[c.name].map { Challenge.scoreText($0.score, c.score) } ?? "not yet"
      return [c.name, c.goalText, c.constraintText, best]
    }
    outputs.append(.table(Table(headers: ["challenge", "goal", "limits", "your best"], rows: rows)))
    outputs.append(.line("`challenge NAME` starts one; `submit` judges your model on examples it never trained on."))
    return outputs
  }

  /// `challenge NAME`: loads the challenge's data (or ball) with fresh settings and says the goal.
  func startChallenge(_ name: String) throws(CommandError) -> [Output] {
    guard let challenge = Challenge.named(name) else {
      let guess = CommandCatalog.closest(to: name.lowercased(), among: Challenge.names, tolerance: 2)
        .map { "did you mean `challenge \($0)`? " } ?? ""
      throw CommandError("no challenge '\(name)': \(guess)the challenges are \(Challenge.names.joined(separator: ", "))")
    }
    var loaded: [String]
    let fresh = SessionSettings()
    switch challenge.setup {
    case .data(let dataName, let options, let split):
      let data = try ChallengeData.make(
        challenge, name: dataName, options: options, split: split, locations: locations)
      var next = fresh
      next.pace = settings.pace
      next.dataName = dataName
      next.dataOptions = options
      let trainer = try makeTrainer(next, data.dataset)
      ball = nil
      dataset = data.dataset
      settings = next
      runs = ["main": Run(name: "main", trainer: trainer)]
      currentRunName = "main"
      activeChallenge = ActiveChallenge(challenge: challenge, judging: data.judging, source: data.dataset.source)
      loaded = [
        "\(dataName): \(data.dataset.sizeDescription), \(describeTask(data.dataset)); model \(trainer.network.description)"
      ]
    case .ball(let landscape, let start):
      _ = try loadData(landscape, options: [:])
      guard case .curve(let curve)? = ball?.surface else { throw CommandError("\(landscape) is not a curve") }
      ball = BallRun(.curve(curve), start: [start])
      var next = fresh
      next.pace = settings.pace
      next.dataName = landscape
      settings = next
      activeChallenge = ActiveChallenge(challenge: challenge, judging: nil, source: nil)
      loaded = ["\(landscape): \(curve.formula), the ball at x = \(NumberFormat.short(start))"]
    }
    var lines = ["challenge \(challenge.name): \(challenge.title)", challenge.goal]
    lines += loaded.map { "  " + $0 }
    lines.append("  fresh settings: \(settings.trainingSummary)")
    lines.append("  goal: \(challenge.goalText); limits: \(challenge.constraintText)")
    if let best = challengeStore.current().bests[challenge.name] {
      lines.append("  your best so far: \(Challenge.scoreText(best.score, challenge.score)) (\(best.how))")
    }
    if case .ball = challenge.setup {
      lines.append("  `submit` once the ball rests in the deep valley")
    } else {
      lines.append("  `submit` when your model is ready; it is judged on examples it never trained on")
    }
    return [.text(lines)]
  }

  /// `submit`: judges the current model (or ball) against the started challenge, records a
  /// passing result and says in one line why it passed or failed.
  func submitChallenge() throws(CommandError) -> [Output] {
    guard let active = activeChallenge else {
      throw CommandError("no challenge started: `challenges` lists them, `challenge NAME` starts one")
    }
    let challenge = active.challenge
    let verdict: ChallengeVerdict
    switch challenge.setup {
    case .data:
      guard ball == nil, let dataset, dataset.source == active.source, let judging = active.judging else {
        throw CommandError(
          "the data is no longer the challenge's, and \(challenge.name) judges only a model trained on it: `challenge \(challenge.name)` starts again")
      }
      verdict = ChallengeVerdict.judge(challenge, trainer: try requireTrainer(), on: judging)
    case .ball(let landscape, let start):
      guard let ball, ball.name == landscape else {
        throw CommandError("the ball is no longer on \(landscape): `challenge \(challenge.name)` puts it back")
      }
      verdict = ChallengeVerdict.judge(challenge, ball: ball, start: start, settings: settings.hyper)
    }
    guard let best = verdict.best else { return [.line(verdict.line)] }
    let previous = challengeStore.current().bests[challenge.name]
    let (isBest, problem) = challengeStore.offer(best, for: challenge)
    var line = verdict.line
    if isBest {
      line += previous == nil ? "; your first pass" : "; a new personal best"
    } else if let kept = challengeStore.current().bests[challenge.name] {
      line += "; your best stays \(Challenge.scoreText(kept.score, challenge.score))"
    }
    return [.line(line)] + (problem.map { [.error($0)] } ?? [])
  }
}
