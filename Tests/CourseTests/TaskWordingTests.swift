import Testing

@testable import Course

@Suite struct TaskWordingTests {
  func problems(_ text: String, _ check: String) throws -> [String] {
    TaskWording.problems(text: text, check: try CheckParser.parse(check), checkSource: check)
  }

  @Test func numbersInTheTaskMustBeThresholdsOfTheCheck() throws {
    #expect(try problems("Get the test loss below 0.05.", "test_loss < 0.05") == [])
    #expect(try problems("Get the test loss below 0.05.", "test_loss <= 0.05") == [])
    #expect(
      try problems("Get the test loss below 0.05.", "data == \"poly\" and test_loss < 0.045") == [
        "the task says \"below 0.05\" but the check `data == \"poly\" and test_loss < 0.045` has no such threshold: make the two agree"
      ])
    #expect(try problems("Classify at least 85% of the test points right.", "test_accuracy >= 0.85") == [])
    #expect(try problems("Classify at least 85% of the test points right.", "0.85 <= test_accuracy") == [])
    #expect(try problems("Set w and b until the training loss is below 15,000.", "train_loss < 15000") == [])
    #expect(try problems("See the test error fall below 35 k€.", "outliers == 0 and test_rmse < 35") == [])
    // The direction counts too: "below" is not met by `>`.
    #expect(try problems("Keep the loss below 2.", "train_loss > 2").count == 1)
    #expect(try problems("Reach more than 90% on the digits.", "test_accuracy >= 0.9") == [])
    #expect(try problems("Reach more than 90% on the digits.", "test_accuracy >= 0.8").count == 1)
  }

  @Test func wordsWithoutANumberOrOtherNumbersAreLeftAlone() throws {
    #expect(try problems("Train 2,000 steps, then draw the fit.", "steps >= 2000") == [])
    #expect(try problems("Reach the bottom within 100 steps.", "at_global_minimum") == [])
    #expect(try problems("Take at least three steps.", "steps >= 3") == [])
    #expect(try problems("Put the ball at x = 2 and roll it over the ridge.", "x < 0") == [])
  }
}
