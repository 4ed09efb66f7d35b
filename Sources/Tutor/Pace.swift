/// How fast live training goes: a number of steps a second, or as fast as the machine goes.
///
/// The pace only spaces the steps out in time: the same steps run with the same numbers at
/// any pace. It applies where a learner watches training live (space in the tutor, `train`
/// with no count at a terminal); `train N`, scripts and checks always run at full speed.
public enum Pace: Equatable, Sendable {
  case stepsPerSecond(Double)
  case max

  /// The paces that the tutor's `+` and `-` keys step through, then `max`.
  public static let ladder: [Double] = [1, 2, 5, 10, 20, 30, 50, 100, 200, 500, 1000]

  /// The pace a learner can watch on this data: small data sets train slowly enough for the
  /// curves and the decision boundary to be seen changing (an epoch of the two moons, seven
  /// steps, takes a quarter of a second); a ball on a landscape rolls 20 steps a second;
  /// images and large sets train as fast as they go (the charts redraw all the same).
  public static func automatic(examples: Int?, images: Bool, landscape: Bool) -> Pace {
    if landscape { return .stepsPerSecond(20) }
    guard let examples, !images, examples <= 5000 else { return .max }
    return .stepsPerSecond(30)
  }

  /// `30`, `2.5`, `max` (or `auto`, which `Session` resolves): nil for anything else.
  public init?(_ text: String) {
    let t = text.lowercased()
    if t == "max" || t == "fastest" {
      self = .max
      return
    }
    guard let v = Double(t), v.isFinite, v > 0, v <= 1_000_000 else { return nil }
    self = .stepsPerSecond(v)
  }

  /// `30 steps/s` or `max`.
  public var description: String {
    switch self {
    case .max: return "max"
    case .stepsPerSecond(let v): return NumberFormat.short(v) + " steps/s"
    }
  }

  /// `30/s` or `max`, for a status line.
  public var shortText: String {
    switch self {
    case .max: return "max"
    case .stepsPerSecond(let v): return NumberFormat.short(v) + "/s"
    }
  }

  /// The next pace up the ladder; `max` after its top.
  public var faster: Pace {
    guard case .stepsPerSecond(let v) = self else { return .max }
    return Self.ladder.first { $0 > v * 1.0001 }.map(Pace.stepsPerSecond) ?? .max
  }

  /// The next pace down the ladder; the lowest stays.
  public var slower: Pace {
    guard case .stepsPerSecond(let v) = self else {
      return .stepsPerSecond(Self.ladder[Self.ladder.count - 1])
    }
    return .stepsPerSecond(Self.ladder.last { $0 < v * 0.9999 } ?? Self.ladder[0])
  }
}

/// Spaces steps out to a pace: how long to wait before the next step may start.
///
/// Step k after the pacer's origin is due at origin + k / rate. A pacer that falls behind (a
/// long evaluation, a slow step) starts again from now rather than catching up in a burst.
public struct Pacer: Sendable {
  public private(set) var pace: Pace
  private var origin: ContinuousClock.Instant?
  private var originSteps = 0

  /// How far behind the pacer may fall before it starts again from now.
  static let slack = Duration.milliseconds(250)

  public init(_ pace: Pace) {
    self.pace = pace
  }

  /// The wait before the next step, after `steps` steps in all, at `now` (zero at `max`).
  public mutating func delay(steps: Int, now: ContinuousClock.Instant) -> Duration {
    guard case .stepsPerSecond(let rate) = pace, rate > 0 else { return .zero }
    guard let origin else {
      self.origin = now
      originSteps = steps
      return .zero
    }
    let due = origin + .seconds(Double(steps - originSteps) / rate)
    if now >= due {
      if now - due > Self.slack {
        self.origin = now
        originSteps = steps
      }
      return .zero
    }
    return due - now
  }
}
