import Engine
import REPL
import Testing
import Tutor

/// The numbers the script tests print, checked against independent answers.
struct ScriptNumbersTests {
  func session(running lines: [String]) -> (Session, ScriptResult) {
    let session = Session(locations: checkoutLocations())
    let runner = ScriptRunner(session: session, printer: OutputPrinter(width: 80, style: .ascii))
    let result = runner.run(lines: lines, output: { _ in }, errors: { _ in })
    return (session, result)
  }

  /// Full-batch gradient descent on standardised surfaces ends at the least-squares line.
  @Test func gradientDescentFindsTheClosedFormLine() throws {
    let (session, result) = session(running: [
      "data apartments scale=standard", "model linear", "set lr 0.1", "set batch 50", "train 200 steps",
    ])
    #expect(result.failedLines.isEmpty)
    let trainer = try #require(session.trainer)
    let train = trainer.train
    let x = train.features(0..<train.count)
    guard case .values(let t) = train.targets(0..<train.count) else {
      Issue.record("apartments is a regression set")
      return
    }
    let fit = try #require(LeastSquares.fit(features: x, targets: t))
    let dense = try #require(trainer.network.denseLayers.first)
    let w = Double(dense.weights.value.values[0])
    let b = Double(dense.bias.value.values[0])
    // (1 − 2·lr)^200 of the start is left: nothing at Float precision; 1e-4 relative.
    #expect(abs(w - fit.weights[0]) <= 1e-4 * abs(fit.weights[0]), "w \(w) vs \(fit.weights[0])")
    #expect(abs(b - fit.bias[0]) <= 1e-4 * abs(fit.bias[0]), "b \(b) vs \(fit.bias[0])")
  }

  /// A line set by hand reports the same training loss as the engine's evaluation.
  @Test func handSetLineLossIsTheMeanSquaredError() throws {
    let (session, _) = session(running: ["data apartments", "model linear", "set w 4.5", "set b 20"])
    let trainer = try #require(session.trainer)
    let train = trainer.train
    let x = train.features(0..<train.count)
    guard case .values(let t) = train.targets(0..<train.count) else { return }
    var sum = 0.0
    for i in 0..<train.count {
      let e = 4.5 * Double(x[i, 0]) + 20 - Double(t.values[i])
      sum += e * e
    }
    let mse = sum / Double(train.count)
    let reported = trainer.network.evaluate(train).loss
    #expect(abs(reported - mse) <= 1e-4 * mse, "\(reported) vs \(mse)")
  }
}
