import Foundation

/// How values map to positions along an axis.
///
/// With `.log`, values ≤ 0 cannot be placed: charts draw them as gaps and name them.
public enum AxisScale: Hashable, Sendable {
  case linear
  case log

  /// The position of `value` on the scale's straight line (log10 for `.log`); nil when the
  /// value cannot be drawn (NaN, ±inf, or ≤ 0 on a log scale).
  func position(_ value: Double) -> Double? {
    guard value.isFinite else { return nil }
    switch self {
    case .linear: return value
    case .log: return value > 0 ? log10(value) : nil
    }
  }

  func value(at position: Double) -> Double {
    switch self {
    case .linear: return position
    case .log: return pow(10, position)
    }
  }
}
