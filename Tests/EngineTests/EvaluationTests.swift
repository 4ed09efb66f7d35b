import Engine
import Foundation
import Testing

/// Accuracy, RMSE and R² on tiny cases whose answers are known.
@Suite struct EvaluationTests {
  /// The 1→1 regression y = 2x + 1.
  static func line() throws -> Network {
    var g = SeededGenerator(seed: 0)
    let net = try Network(
      Architecture(sizes: [1, 1], task: .regression), initializer: .zeros, generator: &g)
    let dense = try #require(net.denseLayers.first)
    dense.weights.value = Matrix([[2]])
    dense.bias.value = Matrix([[1]])
    return net
  }

  @Test func regression() throws {
    // Predictions 1, 3, 5, 7 for targets 1, 3, 5, 8: errors 0, 0, 0, −1.
    // MSE = 1/4, RMSE = 0.5. Mean target 4.25; SS_tot = 3.25² + 1.25² + 0.75² + 3.75² = 26.75;
    // R² = 1 − 1/26.75 = 0.9626168.
    let examples = Fixtures.regression([[0], [1], [2], [3]], [1, 3, 5, 8])
    let net = try Self.line()
    for chunk in [1000, 3, 1] {
      let e = net.evaluate(examples, chunk: chunk)
      #expect(e.examples == 4)
      expectClose(e.loss, 0.25, absolute: 1e-12, "loss (chunk \(chunk))")
      expectClose(try #require(e.rmse), 0.5, absolute: 1e-12, "RMSE (chunk \(chunk))")
      expectClose(try #require(e.r2), 1 - 1 / 26.75, absolute: 1e-12, "R² (chunk \(chunk))")
      #expect(e.accuracy == nil)
    }
  }

  @Test func perfectAndMeanPredictions() throws {
    let net = try Self.line()
    let perfect = net.evaluate(Fixtures.regression([[0], [1], [2]], [1, 3, 5]))
    #expect(perfect.rmse == 0 && perfect.r2 == 1)
    // With x = 1 everywhere every prediction is 3, the mean of the targets 1, 3, 5:
    // R² = 0 and RMSE = √((4 + 0 + 4)/3).
    let mean = net.evaluate(Fixtures.regression([[1], [1], [1]], [1, 3, 5]))
    expectClose(try #require(mean.r2), 0, absolute: 1e-12, "R² of the mean")
    expectClose(try #require(mean.rmse), (8.0 / 3).squareRoot(), absolute: 1e-12, "RMSE")
    // Constant targets: R² is undefined (SS_tot = 0) rather than a division by zero.
    #expect(net.evaluate(Fixtures.regression([[0], [1]], [4, 4])).r2 == nil)
  }

  @Test func classification() throws {
    // Identity weights: the predicted class is the larger feature.
    var g = SeededGenerator(seed: 0)
    let net = try Network(
      Architecture(sizes: [2, 2], task: .classification), initializer: .zeros, generator: &g)
    try #require(net.denseLayers.first).weights.value = Matrix([[1, 0], [0, 1]])
    // Predictions 0, 1, 0, 1, 0 against labels 0, 1, 1, 1, 0: 4 of 5 right.
    let rows: [[Float]] = [[1, 0], [0, 1], [2, 1], [0, 3], [5, 1]]
    let labels: [Int32] = [0, 1, 1, 1, 0]
    let examples = Fixtures.classification(rows, labels, classes: 2)
    // Loss: mean over rows of log(1 + e^(z_other − z_label)).
    var lossSum: Double = 0
    for (row, label) in zip(rows, labels) {
      let margin = Double(row[1 - Int(label)] - row[Int(label)])
      lossSum += log(1 + exp(margin))
    }
    let expectedLoss = lossSum / 5
    for chunk in [1000, 2] {
      let e = net.evaluate(examples, chunk: chunk)
      #expect(e.accuracy == 0.8, "accuracy with chunk \(chunk)")
      expectClose(e.loss, expectedLoss, absolute: 1e-6, "loss (chunk \(chunk))")
      #expect(e.rmse == nil && e.r2 == nil)
    }
  }

  @Test func trainerRecordsEvaluations() throws {
    let train = Fixtures.regression([[0], [1], [2], [3]], [1, 3, 5, 8])
    let test = Fixtures.regression([[4]], [9])
    let trainer = try Trainer(
      architecture: Architecture(sizes: [1, 1], task: .regression), initializer: .zeros,
      hyper: Fixtures.hyper(lr: 0.01, batch: 2), seed: 0, train: train, test: test)
    try trainer.trainEpoch()
    let record = trainer.evaluate()
    #expect(record.step == 2 && record.epoch == 1)
    #expect(record.train.examples == 4 && record.test?.examples == 1)
    #expect(trainer.history.evaluations == [record])
  }
}
