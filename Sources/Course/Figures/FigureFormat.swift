import Foundation
import Tutor

/// How a `{{…}}` figure shows its number: after the colon in `{{test_accuracy:.1%}}`.
///
/// - `.Nf`: N decimals (`{{w:.2f}}` → `4.02`);
/// - `.N%`: a fraction as a percentage with N decimals (`{{test_accuracy:.1%}}` → `93.1%`);
/// - a leading `,` groups thousands (`{{train_loss:,.0f}}` → `124,035`);
/// - no format: as `check` shows values (`125`, `0.0312`).
public struct FigureFormat: Equatable, Sendable {
  public var grouping = false
  public var decimals: Int?
  public var percent = false

  public init(grouping: Bool = false, decimals: Int? = nil, percent: Bool = false) {
    self.grouping = grouping
    self.decimals = decimals
    self.percent = percent
  }

  /// Reads `,.0f`, `.1%`, `.3f`…; nil for anything else.
  public init?(_ spec: String) {
    var rest = Substring(spec)
    if rest.first == "," {
      grouping = true
      rest = rest.dropFirst()
    }
    guard rest.first == ".", let last = rest.last, last == "f" || last == "%" else { return nil }
    let digits = rest.dropFirst().dropLast()
    guard let n = Int(digits), (0...6).contains(n), digits.allSatisfy(\.isNumber) else { return nil }
    decimals = n
    percent = last == "%"
  }

  /// The value as text.
  public func format(_ value: CheckValue) -> String {
    guard case .number(let raw) = value else {
      if case .string(let s) = value { return s }
      return value.description
    }
    guard let decimals else { return value.description }
    guard raw.isFinite else { return raw.isNaN ? "NaN" : (raw > 0 ? "∞" : "−∞") }
    let x = percent ? raw * 100 : raw
    var text = String(format: "%.\(decimals)f", x)
    if grouping { text = FigureFormat.grouped(text) }
    return percent ? text + "%" : text
  }

  /// `124035.5` → `124,035.5`.
  static func grouped(_ text: String) -> String {
    let negative = text.hasPrefix("-")
    let body = negative ? text.dropFirst() : Substring(text)
    let parts = body.split(separator: ".", maxSplits: 1)
    let whole = Array(parts.first ?? "")
    var out = ""
    for (i, c) in whole.enumerated() {
      if i > 0 && (whole.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    if parts.count == 2 { out += "." + parts[1] }
    return (negative ? "-" : "") + out
  }
}
