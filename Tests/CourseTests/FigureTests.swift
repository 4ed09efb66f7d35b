import Testing

@testable import Course

@Suite struct FigureTests {
  /// A reader over fixed values, as a session's quantities would give them.
  static func read(_ values: [String: CheckValue]) -> (String) -> QuantityValue {
    { name in values[name].map { .value($0) } ?? .unavailable("no \(name) yet") }
  }

  static let values: [String: CheckValue] = [
    "test_accuracy": .number(0.93125), "train_loss": .number(124035.46), "epochs": .number(14),
    "epochs_since_best_test": .number(6), "prediction": .string("2"), "w": .number(-0.0312),
  ]

  @Test func placeholdersAreFilledFromTheSession() {
    let read = FigureTests.read(FigureTests.values)
    #expect(LessonText.render("It gets {{test_accuracy:.1%}} right.", read) == "It gets 93.1% right.")
    #expect(LessonText.render("loss {{train_loss:,.0f}}, {{train_loss:.2f}}", read) == "loss 124,035, 124035.46")
    #expect(LessonText.render("at epoch {{epochs - epochs_since_best_test}}, {{epochs_since_best_test}} ago", read) == "at epoch 8, 6 ago")
    #expect(LessonText.render("It says {{prediction}}; w is {{w}}.", read) == "It says 2; w is \u{2212}0.0312.")
    #expect(LessonText.render("{{test_accuracy:.0%}}{{epochs}}", read) == "93%14")
    #expect(LessonText.render("no value: {{test_loss:.2f}}", read) == "no value: …")
    #expect(LessonText.render("quoted {{93% ~ test_accuracy}} as written", read) == "quoted 93% as written")
    #expect(LessonText.render("no figures, {braces} kept", read) == "no figures, {braces} kept")
  }

  @Test func aQuotedFigureHoldsToThePrecisionItIsQuotedTo() throws {
    let thousand = try #require(QuotedNumber("124,000"))
    #expect(thousand.precision == 1000)
    #expect(thousand.matches(124_499) && thousand.matches(123_500))
    #expect(!thousand.matches(124_501) && !thousand.matches(123_400))
    let percent = try #require(QuotedNumber("93%"))
    #expect(percent.matches(0.9349) && percent.matches(0.925) && !percent.matches(0.9351))
    let decimals = try #require(QuotedNumber("0.0498"))
    #expect(decimals.matches(0.04984) && !decimals.matches(0.04986))
    let negative = try #require(QuotedNumber("−0.32"))
    #expect(negative.matches(-0.318) && !negative.matches(0.32))
    #expect(QuotedNumber("about 5") == nil)
    #expect(QuotedNumber("") == nil)
  }

  @Test func aFigureSaysWhyItIsNotTrue() throws {
    let read = FigureTests.read(FigureTests.values)
    func problem(_ source: String) throws -> String? {
      try LessonFigure.parse(source).get().problem(read)
    }
    #expect(try problem("93% ~ test_accuracy") == nil)
    #expect(try problem("93.1% ~ test_accuracy") == nil)
    #expect(try problem("92% ~ test_accuracy") == "the text says 92% but the replay gives 93.12% (`92% ~ test_accuracy`)"
      || problem("92% ~ test_accuracy") == "the text says 92% but the replay gives 93.13% (`92% ~ test_accuracy`)")
    #expect(try problem("124,000 ~ train_loss") == nil)
    #expect(try problem("test_loss:.2f") == "the figure `{{test_loss:.2f}}` has no value when it is shown (test_loss: no test_loss yet)")
    #expect(try problem("train_loss") == nil)
  }

  @Test func malformedFiguresAreRefusedWithAReason() {
    func error(_ text: String) -> String? {
      if case .failure(let e) = LessonText.pieces(text) { return e.message }
      return nil
    }
    #expect(error("a {{test_accuracy:.1%}} b") == nil)
    #expect(error("a {{test_accuracy b") == "`{{` is never closed by `}}`")
    #expect(error("a }} b") == "`}}` without a `{{` before it")
    #expect(error("{{test_accuracy:.2q}}") == "unknown format `.2q`: use .2f, .1%, or ,.0f")
    #expect(error("{{test_acuracy}}")?.hasPrefix("`test_acuracy` does not parse at column 1: unknown quantity") == true)
    #expect(error("{{diverged}}") == "`diverged` is true or false; a figure shows a number or a name")
    #expect(error("{{about 5 ~ w}}")?.hasPrefix("`about 5` before `~` is not a number") == true)
  }

  @Test func formatsGroupAndRound() {
    #expect(FigureFormat(",.1f")?.format(.number(-1234567.25)) == "-1,234,567.2" || FigureFormat(",.1f")?.format(.number(-1234567.25)) == "-1,234,567.3")
    #expect(FigureFormat(".3f")?.format(.number(0.0375)) == "0.037" || FigureFormat(".3f")?.format(.number(0.0375)) == "0.038")
    #expect(FigureFormat(".0%")?.format(.number(0.5)) == "50%")
    #expect(FigureFormat("")  == nil)
    #expect(FigureFormat(".f") == nil)
    #expect(FigureFormat(".9f") == nil)
  }
}
