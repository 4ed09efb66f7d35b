import Testing

@testable import Tutor

/// How the tutor writes numbers.
struct NumberFormatTests {
  @Test func percentages() {
    #expect(NumberFormat.percent(0.9312) == "93.1%")
    #expect(NumberFormat.percent(1) == "100.0%")
    #expect(NumberFormat.percent(0) == "0.0%")
  }

  /// A diverged network's probabilities are NaN: the probability chart's title said "(-nan%)".
  @Test func aPercentageThatIsNotANumber() {
    #expect(NumberFormat.percent(.nan) == "NaN")
    #expect(NumberFormat.percent(-.nan) == "NaN")
    #expect(NumberFormat.percent(.infinity) == "inf")
  }
}
