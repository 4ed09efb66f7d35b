import Testing

@testable import Course

@Suite struct InlineMarkupTests {
  typealias S = InlineMarkup.Span

  @Test func emphasisStrongAndCodeLoseTheirDelimiters() {
    #expect(
      InlineMarkup.spans("a *machine-learning* model, **bold** and `set w 4`")
        == [
          S("a "), S("machine-learning", .emphasis), S(" model, "), S("bold", .strong), S(" and "),
          S("set w 4", .code),
        ])
    #expect(InlineMarkup.spans("_finite difference_, __strong__.") == [
      S("finite difference", .emphasis), S(", "), S("strong", .strong), S("."),
    ])
  }

  @Test func nestedStylesAdd() {
    #expect(InlineMarkup.spans("**the last hint gives `next`**") == [
      S("the last hint gives ", .strong), S("next", [.strong, .code]),
    ])
    #expect(InlineMarkup.spans("*a **b** c*") == [
      S("a ", .emphasis), S("b", [.emphasis, .strong]), S(" c", .emphasis),
    ])
  }

  @Test func literalAsterisksAndUnderscoresStay() {
    for text in [
      "2 * 3 * 4 = 24", "price = w * surface + b", "train_loss < 0.5 * test_loss", "* an item",
      "a ** b", "lone * star", "x*y*z", "snake_case_name", "5*", "**", "`unclosed",
    ] {
      #expect(InlineMarkup.spans(text) == [S(text)], "\(text)")
      #expect(InlineMarkup.plain(text) == text)
    }
  }

  @Test func nothingIsParsedInsideCode() {
    #expect(InlineMarkup.spans("`a * b *c*` and `x_y_`") == [S("a * b *c*", .code), S(" and "), S("x_y_", .code)])
    #expect(InlineMarkup.spans("*not `closed* here`*") == [S("not ", .emphasis), S("closed* here", [.emphasis, .code])])
  }

  @Test func aHostileLineCostsOneLinearPass() {
    let openers = String(repeating: "*a _b **c `d ", count: 20_000)
    let clock = ContinuousClock()
    let took = clock.measure { #expect(InlineMarkup.plain(openers) == openers) }
    #expect(took < .seconds(2), "\(took)")
    // Nesting stops at three levels: the fourth pair is text.
    #expect(InlineMarkup.spans("**a _b *c __d__ c* b_ a**") == [
      S("a ", .strong), S("b c __d__ c b", [.strong, .emphasis]), S(" a", .strong),
    ])
  }

  @Test func plainKeepsCodeSpansForALineTerminal() {
    #expect(InlineMarkup.plain("a *machine-learning* model: `hint`") == "a machine-learning model: `hint`")
    #expect(InlineMarkup.plain("**a** `b`", keepingCode: false) == "a b")
  }
}
