import Testing

@testable import Course

@Suite struct CheckParserTests {
  func parse(_ text: String) throws -> CheckExpression { try CheckParser.parse(text) }

  /// The error for `text`, as `column N: message`, or nil when it parses.
  func error(_ text: String) -> String? {
    do {
      _ = try CheckParser.parse(text)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func parsesComparisonsOfQuantitiesAndNumbers() throws {
    #expect(try parse("steps >= 50") == .compare(.greaterOrEqual, .quantity("steps"), .number(50)))
    #expect(try parse("diverged") == .quantity("diverged"))
    #expect(try parse("model == \"linear\"") == .compare(.equal, .quantity("model"), .string("linear")))
    #expect(try parse("lr > 1e-3") == .compare(.greater, .quantity("lr"), .number(0.001)))
  }

  @Test func multiplicationBindsTighterThanAdditionAndComparison() throws {
    #expect(
      try parse("train_loss < 0.5 * test_loss + 1")
        == .compare(
          .less, .quantity("train_loss"),
          .arithmetic(.plus, .arithmetic(.times, .number(0.5), .quantity("test_loss")), .number(1))))
  }

  @Test func andBindsTighterThanOrAndNotTighterThanAnd() throws {
    #expect(
      try parse("not diverged and steps > 1 or scaled")
        == .logic(
          .or,
          .logic(.and, .not(.quantity("diverged")), .compare(.greater, .quantity("steps"), .number(1))),
          .quantity("scaled")))
  }

  @Test func functionsAndNegativeNumbers() throws {
    #expect(
      try parse("abs(w - 4) < 1")
        == .compare(.less, .call(.abs, [.arithmetic(.minus, .quantity("w"), .number(4))]), .number(1)))
    #expect(try parse("max(x, -2) > -1.5") == .compare(.greater, .call(.max, [.quantity("x"), .number(-2)]), .number(-1.5)))
    #expect(try parse("-w > 0") == .compare(.greater, .negate(.quantity("w")), .number(0)))
  }

  @Test func listsTheQuantitiesItNames() throws {
    #expect(try parse("abs(w - 4) < 1 and abs(b - 60) < w").quantities == ["w", "b"])
  }

  @Test func errorsNameTheColumn() {
    #expect(error("trian_loss < 1") == "column 1: unknown quantity 'trian_loss' (did you mean train_loss?)")
    #expect(error("steps >= ") == "column 10: the check ends too early: a value is missing")
    #expect(error("steps = 5") == "column 7: '=' alone is not a comparison: write '==' to compare")
    #expect(error("abs(w - 4") == "column 10: expected ',' or ')' in abs(), found the end")
    #expect(error("(steps > 1") == "column 11: expected ')' to close the '(' at column 1, found the end")
    #expect(error("steps > 1 2") == "column 11: unexpected 2 after a complete check")
    #expect(error("model == \"linear") == "column 10: this string is never closed: add a \"")
    #expect(error("") == "column 1: the check is empty")
    #expect(error("sqrt(w) > 1") == "column 1: unknown function 'sqrt': the functions are abs, min and max")
    #expect(error("steps > 1 $") == "column 11: unexpected character '$'")
  }

  @Test func typesAreChecked() {
    #expect(error("steps") == "column 1: a check must be true or false, but this is a number: compare it with something")
    #expect(error("model > 3") == "column 7: '>' needs a number, not a string")
    #expect(error("model == 3") == "column 7: '==' compares a string with a number: both sides must be of one kind")
    #expect(error("steps and diverged") == "column 7: 'and' needs true or false, not a number")
    #expect(error("not steps") == "column 1: 'not' needs true or false, not a number")
    #expect(error("abs(diverged) > 1") == "column 5: abs() needs a number, not true or false")
    #expect(error("min(w) > 1") == "column 1: min() takes two or more numbers")
    #expect(error("1 < steps < 5") == "column 11: comparisons do not chain: write 'a < b and b < c'")
  }

  // MARK: - Depth

  @Test func deepNestingIsAnErrorNotACrash() {
    let limit = CheckParser.maximumDepth
    let parens = String(repeating: "(", count: 10_000) + "steps > 1" + String(repeating: ")", count: 10_000)
    #expect(error(parens) == "column \(limit + 1): the check nests more than \(limit) levels deep: write it more simply")
    let nots = String(repeating: "not ", count: 100_000) + "diverged"
    #expect(error(nots) == "column \(4 * limit + 1): the check nests more than \(limit) levels deep: write it more simply")
    let minus = "steps > " + String(repeating: "-", count: 100_000) + "1"
    #expect(error(minus)?.contains("nests more than") == true)
    let calls = "steps > " + String(repeating: "abs(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
    #expect(error(calls)?.contains("nests more than") == true)
  }

  /// A chain of operators needs no recursion to parse, but the tree it builds does to be
  /// evaluated, compared and freed: its depth is bounded too.
  @Test func longChainsAreBounded() throws {
    let sum = "steps > " + Array(repeating: "1", count: 100_000).joined(separator: " + ")
    #expect(error(sum)?.contains("nests more than") == true)
    let ands = Array(repeating: "diverged", count: 100_000).joined(separator: " and ")
    #expect(error(ands)?.contains("nests more than") == true)
    // Within the limit, all is well.
    let fine = "steps > " + Array(repeating: "1", count: 60).joined(separator: " + ")
    let expression = try parse(fine)
    #expect(expression.depth() == 61)
    #expect(try expression.evaluate { _ in .value(.number(100)) } == .boolean(true))
    let nested = String(repeating: "(", count: 60) + "steps > 1" + String(repeating: ")", count: 60)
    #expect(error(nested) == nil)
  }
}
