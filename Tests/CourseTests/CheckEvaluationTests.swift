import Testing

@testable import Course

@Suite struct CheckEvaluationTests {
  /// Evaluates `text` with the given values; a name missing from `values` has no value.
  func holds(_ text: String, _ values: [String: CheckValue]) throws -> Result<Bool, CheckUnavailable> {
    try CheckParser.parse(text).holds { values[$0].map(QuantityValue.value) ?? .unavailable("no model yet") }
  }

  @Test func arithmeticAndComparisons() throws {
    let v: [String: CheckValue] = ["w": .number(4.3), "b": .number(58), "train_loss": .number(1), "test_loss": .number(3)]
    #expect(try holds("abs(w - 4) < 1 and abs(b - 60) < 5", v) == .success(true))
    #expect(try holds("train_loss < 0.5 * test_loss", v) == .success(true))
    #expect(try holds("train_loss / test_loss > 0.5", v) == .success(false))
    #expect(try holds("min(w, b) == 4.3 and max(w, b, 100) == 100", v) == .success(true))
    #expect(try holds("-w < -4", v) == .success(true))
  }

  @Test func stringsAndBooleans() throws {
    let v: [String: CheckValue] = ["model": .string("linear"), "diverged": .boolean(false)]
    #expect(try holds("model == \"linear\" and not diverged", v) == .success(true))
    #expect(try holds("model != \"linear\" or diverged", v) == .success(false))
    #expect(try holds("diverged == false", v) == .success(true))
  }

  @Test func aMissingValueLeavesTheCheckUndecided() throws {
    #expect(try holds("steps > 3", [:]) == .failure(CheckUnavailable(quantity: "steps", reason: "no model yet")))
  }

  @Test func andAndOrDecideFromOneSideWhenTheyCan() throws {
    let v: [String: CheckValue] = ["diverged": .boolean(true)]
    #expect(try holds("diverged or steps > 3", v) == .success(true))
    #expect(try holds("steps > 3 or diverged", v) == .success(true))
    #expect(try holds("not diverged and steps > 3", v) == .success(false))
    #expect(try holds("diverged and steps > 3", v) == .failure(CheckUnavailable(quantity: "steps", reason: "no model yet")))
  }
}
