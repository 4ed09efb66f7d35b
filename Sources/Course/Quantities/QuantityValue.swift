/// What a quantity reads right now: a value, or why it has none ("no model yet").
public enum QuantityValue: Equatable, Sendable {
  case value(CheckValue)
  case unavailable(String)

  static func number(_ x: Double) -> QuantityValue { .value(.number(x)) }
  /// A Float setting read as the decimal it was typed as: `set lr 0.1` reads 0.1, not
  /// 0.100000001490116, so that `lr == 0.1` holds.
  static func number(_ x: Float) -> QuantityValue {
    .value(.number(x.isFinite ? Double(x.description) ?? Double(x) : Double(x)))
  }
  static func number(_ x: Int) -> QuantityValue { .value(.number(Double(x))) }
  static func string(_ s: String) -> QuantityValue { .value(.string(s)) }
  static func boolean(_ b: Bool) -> QuantityValue { .value(.boolean(b)) }
}
