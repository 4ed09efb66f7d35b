/// Why a check could not be decided: a quantity it names has no value yet.
public struct CheckUnavailable: Error, Equatable, Sendable {
  public let quantity: String
  /// What is missing, in words: "no model yet".
  public let reason: String
}

extension CheckExpression {
  /// The value of the expression, reading quantities through `read`.
  ///
  /// `and` and `or` decide from one side when they can: `false and x` is false and
  /// `true or x` is true even when `x` has no value.
  public func evaluate(
    _ read: (String) -> QuantityValue
  ) throws(CheckUnavailable) -> CheckValue {
    switch self {
    case .number(let x): return .number(x)
    case .string(let s): return .string(s)
    case .boolean(let b): return .boolean(b)
    case .quantity(let name):
      switch read(name) {
      case .value(let v): return v
      case .unavailable(let why): throw CheckUnavailable(quantity: name, reason: why)
      }
    case .negate(let x): return .number(-(try x.evaluate(read).numberValue))
    case .not(let x): return .boolean(!(try x.evaluate(read).booleanValue))
    case .arithmetic(let op, let a, let b):
      let x = try a.evaluate(read).numberValue
      let y = try b.evaluate(read).numberValue
      switch op {
      case .plus: return .number(x + y)
      case .minus: return .number(x - y)
      case .times: return .number(x * y)
      case .divided: return .number(x / y)
      }
    case .compare(let op, let a, let b):
      return .boolean(CheckExpression.compare(op, try a.evaluate(read), try b.evaluate(read)))
    case .logic(let op, let a, let b):
      return .boolean(try CheckExpression.logic(op, a, b, read))
    case .call(let function, let arguments):
      var values: [Double] = []
      for argument in arguments { values.append(try argument.evaluate(read).numberValue) }
      switch function {
      case .abs: return .number(Swift.abs(values.first ?? 0))
      case .min: return .number(values.min() ?? 0)
      case .max: return .number(values.max() ?? 0)
      }
    }
  }

  /// Whether the check holds; nil with the reason when a quantity it needs has no value.
  public func holds(_ read: (String) -> QuantityValue) -> Result<Bool, CheckUnavailable> {
    do {
      return .success(try evaluate(read).booleanValue)
    } catch {
      return .failure(error)
    }
  }

  private static func compare(_ op: ComparisonOperator, _ a: CheckValue, _ b: CheckValue) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)):
      switch op {
      case .equal: return x == y
      case .notEqual: return x != y
      case .less: return x < y
      case .lessOrEqual: return x <= y
      case .greater: return x > y
      case .greaterOrEqual: return x >= y
      }
    default:
      // The parser lets only numbers be ordered, so only == and != reach here.
      return op == .notEqual ? a != b : (op == .equal && a == b)
    }
  }

  private static func logic(
    _ op: LogicOperator, _ a: CheckExpression, _ b: CheckExpression, _ read: (String) -> QuantityValue
  ) throws(CheckUnavailable) -> Bool {
    let decisive = op == .or
    var pending: CheckUnavailable?
    for side in [a, b] {
      do {
        if try side.evaluate(read).booleanValue == decisive { return decisive }
      } catch {
        pending = pending ?? error
      }
    }
    if let pending { throw pending }
    return !decisive
  }
}

extension CheckValue {
  /// The number inside; the parser guarantees the type, so anything else reads as NaN.
  var numberValue: Double {
    if case .number(let x) = self { return x }
    return .nan
  }

  /// The truth inside; the parser guarantees the type, so anything else reads as false.
  var booleanValue: Bool {
    if case .boolean(let b) = self { return b }
    return false
  }
}
