/// A parsed check: the tree of a boolean expression over the session's quantities.
///
///     CheckParser.parse("abs(w - 4) < 1")
///     // .compare(.less, .call(.abs, [.arithmetic(.minus, .quantity("w"), .number(4))]), .number(1))
public indirect enum CheckExpression: Equatable, Sendable {
  case number(Double)
  case string(String)
  case boolean(Bool)
  /// A named quantity of the session, such as `train_loss`.
  case quantity(String)
  /// `-x`
  case negate(CheckExpression)
  /// `not x`
  case not(CheckExpression)
  /// `x + y`, `x - y`, `x * y`, `x / y`
  case arithmetic(ArithmeticOperator, CheckExpression, CheckExpression)
  /// `x < y`, `x == y` and the other comparisons
  case compare(ComparisonOperator, CheckExpression, CheckExpression)
  /// `x and y`, `x or y`
  case logic(LogicOperator, CheckExpression, CheckExpression)
  /// `abs(x)`, `min(x, y, ...)`, `max(x, y, ...)`
  case call(CheckFunction, [CheckExpression])

  public enum ArithmeticOperator: String, Sendable {
    case plus = "+"
    case minus = "-"
    case times = "*"
    case divided = "/"
  }

  public enum ComparisonOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
  }

  public enum LogicOperator: String, Sendable {
    case and
    case or
  }

  /// How many levels the tree has (a leaf is 1), counted no further than `limit + 1`.
  public func depth(limit: Int = .max) -> Int {
    guard limit > 0 else { return 1 }
    switch self {
    case .number, .string, .boolean, .quantity: return 1
    case .negate(let x), .not(let x): return 1 + x.depth(limit: limit - 1)
    case .arithmetic(_, let a, let b), .compare(_, let a, let b), .logic(_, let a, let b):
      return 1 + Swift.max(a.depth(limit: limit - 1), b.depth(limit: limit - 1))
    case .call(_, let args):
      var deepest = 0
      for a in args {
        deepest = Swift.max(deepest, a.depth(limit: limit - 1))
        if deepest >= limit { break }
      }
      return 1 + deepest
    }
  }

  /// Every quantity the expression names, in order of first appearance.
  public var quantities: [String] {
    var names: [String] = []
    func visit(_ e: CheckExpression) {
      switch e {
      case .number, .string, .boolean: break
      case .quantity(let name): if !names.contains(name) { names.append(name) }
      case .negate(let x), .not(let x): visit(x)
      case .arithmetic(_, let a, let b), .compare(_, let a, let b), .logic(_, let a, let b):
        visit(a)
        visit(b)
      case .call(_, let args): args.forEach(visit)
      }
    }
    visit(self)
    return names
  }
}

/// The functions a check may call.
public enum CheckFunction: String, Sendable, CaseIterable {
  /// |x|
  case abs
  /// The smallest of two or more numbers.
  case min
  /// The largest of two or more numbers.
  case max
}
