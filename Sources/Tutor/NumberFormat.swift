import Foundation

/// How numbers read in the tutor: a few significant digits, no noise.
public enum NumberFormat {
  /// 4 significant digits, plain notation when sensible: 0.05, 1234, 3.142e-05.
  public static func short(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
    if x == 0 { return "0" }
    let magnitude = abs(x)
    if magnitude >= 1e-4 && magnitude < 1e7 {
      var s = String(format: "%.4g", x)
      if s.contains("e") { s = String(format: "%.1f", x) }
      return s
    }
    return String(format: "%.3e", x)
  }

  public static func short(_ x: Float) -> String { short(Double(x)) }

  /// A fraction as a percentage with one decimal: 0.9312 → "93.1%"; NaN (a diverged model's
  /// probabilities) reads "NaN", not C's "-nan%".
  public static func percent(_ x: Double) -> String {
    guard x.isFinite else { return short(x) }
    return String(format: "%.1f%%", x * 100)
  }

  /// Fixed decimals; beyond ±10⁷ (a diverged R², say) the short form, not 40 digits.
  public static func fixed(_ x: Double, _ decimals: Int) -> String {
    guard x.isFinite, abs(x) < 1e7 else { return short(x) }
    return String(format: "%.\(decimals)f", x)
  }
}
