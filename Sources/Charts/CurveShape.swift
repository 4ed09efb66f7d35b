import Foundation

/// The shape of a loss curve in a few words: what a learner predicts a run will do before it
/// runs (`shape: blows-up` in a lesson).
///
///     CurveShape(rawValue: "falls-then-flat")?.title   // "falls, then levels off"
public enum CurveShape: String, CaseIterable, Sendable {
  case falls = "falls"
  case fallsThenFlat = "falls-then-flat"
  case fallsThenRises = "falls-then-rises"
  case flat = "flat"
  case oscillates = "oscillates"
  case blowsUp = "blows-up"

  /// What the shape does, in words.
  public var title: String {
    switch self {
    case .falls: return "falls steadily"
    case .fallsThenFlat: return "falls, then levels off"
    case .fallsThenRises: return "falls, then turns up"
    case .flat: return "stays flat"
    case .oscillates: return "swings up and down"
    case .blowsUp: return "blows up"
    }
  }

  /// The curve's height at `t` (0 at the start of the run, 1 at its end), between 0 and 1.
  public func value(at t: Double) -> Double {
    switch self {
    case .falls: return 0.95 - 0.85 * t
    case .fallsThenFlat: return 0.08 + 0.87 * exp(-7 * t)
    case .fallsThenRises: return 0.1 + 0.85 * exp(-10 * t) + 0.75 * t * t
    case .flat: return 0.5
    case .oscillates: return 0.5 + 0.45 * sin(2 * Double.pi * 2.25 * t)
    case .blowsUp: return 0.05 + 0.9 * (exp(5 * t) - 1) / (exp(5) - 1)
    }
  }
}
