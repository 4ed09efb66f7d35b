/// An open challenge: a goal on fixed data, met any way the learner likes within its
/// constraints, and judged on examples that no command trains or tunes on.
///
///     Challenge.named("digits")?.goal   // "Reach 90% on digits the model has never seen…"
public struct Challenge: Sendable, Equatable {
  /// What is measured on the judging examples, and which way is better.
  public enum Score: Sendable, Equatable {
    /// Classification accuracy on the judging examples, at least `bound`.
    case accuracy
    /// Mean squared error on the judging examples, at most `bound`.
    case loss
    /// Steps the ball took from its start, at most `bound`.
    case steps

    /// Whether `a` is better than `b`.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
      self == .accuracy ? a > b : a < b
    }

    /// Whether `value` meets `bound`.
    public func meets(_ value: Double, _ bound: Double) -> Bool {
      self == .accuracy ? value >= bound : value <= bound
    }
  }

  /// A limit on how the goal may be reached.
  public enum Constraint: Sendable, Equatable {
    /// Weights and biases in the whole model.
    case maximumParameters(Int)
    /// Units in all the hidden layers together.
    case maximumHiddenUnits(Int)
    /// Training steps of the run judged.
    case maximumTrainingSteps(Int)
  }

  /// Where the challenge starts.
  public enum Setup: Sendable, Equatable {
    /// A data set (by its catalog name and settings), judged on `judging`.
    case data(name: String, options: [String: String], judging: JudgingSplit)
    /// A ball on a 1-D landscape at `start`, to roll into the global minimum.
    case ball(landscape: String, start: Double)
  }

  /// How the judging examples are kept apart from the learner's data.
  public enum JudgingSplit: Sendable, Equatable {
    /// Every second test example is held back for judging; the learner's test split is the
    /// others.
    case oddTestExamples
    /// Examples drawn afresh from the set's generator with a seed of their own.
    case generated(count: Int, seed: UInt64)
  }

  public let name: String
  /// A few words for the list.
  public let title: String
  /// The goal in one paragraph, shown when the challenge starts.
  public let goal: String
  public let setup: Setup
  public let constraints: [Constraint]
  public let score: Score
  public let bound: Double

  /// The challenge called `name` (case-insensitive), if any.
  public static func named(_ name: String) -> Challenge? {
    all.first { $0.name == name.lowercased() }
  }

  public static var names: [String] { all.map(\.name) }

  /// `at least 90.0%`, `at most 0.06`, `at most 20 steps`.
  public var boundText: String {
    "\(score == .accuracy ? "at least" : "at most") \(Self.scoreText(bound, score))"
  }

  /// A score as the list shows it: `91.4%`, `0.0512`, `5 steps`.
  public static func scoreText(_ value: Double, _ score: Score) -> String {
    switch score {
    case .accuracy: return NumberFormat.percent(value)
    case .loss: return NumberFormat.short(value)
    case .steps: return "\(Int(value)) step\(value == 1 ? "" : "s")"
    }
  }

  /// What to reach: `accuracy at least 90.0%`, `squared error at most 0.07`.
  public var goalText: String {
    switch score {
    case .accuracy: return "accuracy " + boundText
    case .loss: return "squared error " + boundText
    case .steps: return "deep valley in " + boundText
    }
  }

  /// The constraints in words: `at most 50,000 parameters`.
  public var constraintText: String {
    var parts = constraints.map { c -> String in
      switch c {
      case .maximumParameters(let n): return "at most \(n.formatted) parameters"
      case .maximumHiddenUnits(let n): return "at most \(n) hidden units"
      case .maximumTrainingSteps(let n): return "at most \(n.formatted) training steps"
      }
    }
    if case .ball(_, let start) = setup { parts.append("start at x = \(NumberFormat.short(start))") }
    return parts.isEmpty ? "any model" : parts.joined(separator: ", ")
  }
}
