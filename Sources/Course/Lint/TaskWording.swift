import Foundation

/// The linter's rule that a task's words and its check agree: a task that says "below 0.05"
/// needs a check with `< 0.05` (or `<= 0.05`) in it, "at least 85%" one with `>= 0.85`.
///
/// The phrases read are below, under, less than, lower than, at most, above, over, more than,
/// greater than and at least, each followed by a number (with thousands commas, a `%` that
/// makes it a fraction, and any unit after it).
enum TaskWording {
  /// The comparisons each phrase allows.
  static let phrases: [(words: String, operators: Set<CheckExpression.ComparisonOperator>)] = [
    ("less than", [.less, .lessOrEqual]), ("lower than", [.less, .lessOrEqual]),
    ("below", [.less, .lessOrEqual]), ("under", [.less, .lessOrEqual]), ("at most", [.lessOrEqual, .less]),
    ("more than", [.greater, .greaterOrEqual]), ("greater than", [.greater, .greaterOrEqual]),
    ("above", [.greater, .greaterOrEqual]), ("over", [.greater, .greaterOrEqual]),
    ("at least", [.greaterOrEqual, .greater]),
  ]

  /// One message per phrase of `text` that no comparison of `check` bears out.
  static func problems(text: String, check: CheckExpression, checkSource: String) -> [String] {
    let thresholds = comparisons(check)
    var found: [String] = []
    for (phrase, value, operators) in quoted(text) {
      let agrees = thresholds.contains { op, limit in
        operators.contains(op) && abs(limit - value) <= 1e-9 * max(1, abs(value))
      }
      if !agrees {
        found.append("the task says \"\(phrase)\" but the check `\(checkSource)` has no such threshold: make the two agree")
      }
    }
    return found
  }

  /// Each phrase with its number (a fraction for a percentage) and the comparisons it allows.
  static func quoted(_ text: String) -> [(String, Double, Set<CheckExpression.ComparisonOperator>)] {
    let plain = text.replacingOccurrences(of: "\u{2212}", with: "-")
    let lower = plain.lowercased()
    var result: [(String, Double, Set<CheckExpression.ComparisonOperator>)] = []
    for (words, operators) in phrases {
      let pattern = "\\b\(words) (about )?(-?[0-9][0-9,]*(\\.[0-9]+)?)( ?%)?"
      guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
      let range = NSRange(lower.startIndex..., in: lower)
      for match in regex.matches(in: lower, range: range) {
        guard let whole = Range(match.range, in: lower), let numberRange = Range(match.range(at: 2), in: lower) else { continue }
        var number = String(lower[numberRange]).replacingOccurrences(of: ",", with: "")
        while number.hasSuffix(".") { number.removeLast() }
        guard var value = Double(number) else { continue }
        if match.range(at: 4).location != NSNotFound { value /= 100 }
        result.append((String(plain[whole]), value, operators))
      }
    }
    return result
  }

  /// Every comparison of a quantity (or an expression) with a number, turned so that the
  /// number is on the right: `0.9 <= test_accuracy` reads as `test_accuracy >= 0.9`.
  static func comparisons(_ e: CheckExpression) -> [(CheckExpression.ComparisonOperator, Double)] {
    switch e {
    case .compare(let op, let a, let b):
      if let y = number(b) { return [(op, y)] }
      if let x = number(a) { return [(flipped(op), x)] }
      return []
    case .not(let x), .negate(let x): return comparisons(x)
    case .logic(_, let a, let b), .arithmetic(_, let a, let b): return comparisons(a) + comparisons(b)
    case .call(_, let args): return args.flatMap(comparisons)
    case .number, .string, .boolean, .quantity: return []
    }
  }

  private static func number(_ e: CheckExpression) -> Double? {
    switch e {
    case .number(let x): return x
    case .negate(let x): return number(x).map { -$0 }
    default: return nil
    }
  }

  private static func flipped(_ op: CheckExpression.ComparisonOperator) -> CheckExpression.ComparisonOperator {
    switch op {
    case .less: return .greater
    case .lessOrEqual: return .greaterOrEqual
    case .greater: return .less
    case .greaterOrEqual: return .lessOrEqual
    case .equal, .notEqual: return op
    }
  }
}
