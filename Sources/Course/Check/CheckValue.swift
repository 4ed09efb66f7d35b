import Tutor

/// A value inside a check while it is evaluated.
public enum CheckValue: Equatable, Sendable, CustomStringConvertible {
  case number(Double)
  case string(String)
  case boolean(Bool)

  public var type: CheckType {
    switch self {
    case .number: return .number
    case .string: return .string
    case .boolean: return .boolean
    }
  }

  /// How the value reads in the tutor's messages: `0.0312`, `"adam"`, `true`.
  public var description: String {
    switch self {
    case .number(let x):
      if x.isFinite && x == x.rounded() && abs(x) < 1e9 { return String(Int(x)) }
      return NumberFormat.short(x)
    case .string(let s): return "\"\(s)\""
    case .boolean(let b): return b ? "true" : "false"
    }
  }
}
