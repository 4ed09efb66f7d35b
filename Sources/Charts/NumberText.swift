import Foundation

/// Short number labels for axes and values: as many decimals as the spacing of the labels
/// needs, thousands as k/M/G, small numbers in scientific notation.
///
///     NumberText.format(0.001, step: 0.001)   // "0.001"
///     NumberText.format(1200, step: 200)      // "1.2k"
///     NumberText.format(3e-5, step: 1e-5)     // "3e-5"
enum NumberText {
  static func format(_ value: Double, step: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
    let step = step.isFinite && step > 0 ? step : max(abs(value) / 100, 1e-300)
    if value == 0 || abs(value) < step * 1e-6 { return "0" }
    let magnitude = abs(value)
    let sign = value < 0 ? "-" : ""
    if magnitude >= 999.5 {
      let units: [(Double, String)] = [(1e3, "k"), (1e6, "M"), (1e9, "G"), (1e12, "T")]
      var unit = units[0]
      for u in units where magnitude >= u.0 * 0.9995 { unit = u }
      if magnitude >= 1e15 { return scientific(value, step: step) }
      let decimals = min(max(0, -exponent(of: step / unit.0)), 2)
      return sign + fixed(magnitude / unit.0, decimals: decimals) + unit.1
    }
    if magnitude < 0.000_999_5 { return scientific(value, step: step) }
    let decimals = min(max(0, -exponent(of: step)), 6)
    return sign + fixed(magnitude, decimals: decimals)
  }

  /// A value with three significant digits: 0.8312 → "0.831", 12345 → "12.3k".
  static func compact(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return format(value, step: 1) }
    return format(value, step: pow10(exponent(of: abs(value)) - 2))
  }

  static func scientific(_ value: Double, step: Double) -> String {
    var e = exponent(of: abs(value))
    // NB: 10^e underflows below 1e-308, so scale in two steps.
    let mantissa = (value * 1e30) / pow10(e + 30)
    guard mantissa.isFinite else { return "0" }
    let decimals = min(max(0, e - exponent(of: step)), 3)
    var m = fixed(abs(mantissa), decimals: decimals)
    if m == "10" {
      m = "1"
      e += 1
    }
    if value < 0 { m = "-" + m }
    return m + "e" + String(e)
  }

  /// floor(log10(x)) for x > 0, robust to rounding (0.001 → -3).
  static func exponent(of x: Double) -> Int {
    guard x > 0, x.isFinite else { return 0 }
    var e = Int(log10(x).rounded(.down))
    if pow10(e + 1) <= x * (1 + 1e-12) { e += 1 }
    if pow10(e) > x * (1 + 1e-12) { e -= 1 }
    return e
  }

  static func pow10(_ e: Int) -> Double { pow(10, Double(e)) }

  /// `value` ≥ 0 with `decimals` digits after the point, trailing zeros removed.
  static func fixed(_ value: Double, decimals: Int) -> String {
    let scale = pow10(decimals)
    let scaled = (value * scale).rounded()
    guard value.isFinite, scaled.isFinite else { return "inf" }
    guard scaled < 9e15 else { return value < 9e15 ? String(Int64(value.rounded())) : "many" }
    let digits = String(Int64(scaled))
    guard decimals > 0 else { return digits }
    let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
    let cut = padded.index(padded.endIndex, offsetBy: -decimals)
    var fraction = String(padded[cut...])
    while fraction.hasSuffix("0") { fraction.removeLast() }
    let whole = String(padded[..<cut])
    return fraction.isEmpty ? whole : whole + "." + fraction
  }

  /// A value with exactly `decimals` decimals (trailing zeros kept): 0.5 → "0.50".
  static func padded(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return format(value, step: 1) }
    let text = fixed(abs(value), decimals: decimals)
    var parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if decimals > 0 {
      if parts.count == 1 { parts.append("") }
      parts[1] += String(repeating: "0", count: max(0, decimals - parts[1].count))
    }
    let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
    return sign + parts.joined(separator: ".")
  }
}
