import Charts
import Foundation
import Testing
import Tutor

/// Charts drawn from the model or the ball name the step they show, and the session remembers
/// the last command that drew a chart so that a screen can draw it again.
@Suite struct ChartCommandTests {
  let learner = SessionTests()

  func titles(_ outputs: [Output]) -> [String] {
    outputs.compactMap { if case .chart(_, let title, _) = $0 { return title } else { return nil } }
  }

  /// Lesson 8, step 1: the ball's chart after `step 200` says 200, not 0.
  @Test func theBallsChartNamesItsStep() {
    let s = learner.session()
    learner.run(s, ["data two-valleys", "set x 2"])
    #expect(titles(learner.run(s, ["plot landscape"])) == ["two-valleys: the ball's path · step 0"])
    learner.run(s, ["step 200"])
    #expect(titles(s.redraw(.plot(kind: "landscape", index: nil))) == ["two-valleys: the ball's path · step 200"])
  }

  @Test func chartsOfTheModelNameTheirStep() {
    let s = learner.session()
    learner.run(s, ["data moons", "model 2-8-2", "train 40 steps"])
    #expect(titles(learner.run(s, ["plot boundary"])) == ["decision boundary · step 40"])
    #expect(titles(learner.run(s, ["plot confusion"])) == ["test confusion matrix · step 40"])
    let predicted = titles(learner.run(s, ["predict #3"]))
    #expect(predicted.count == 1 && predicted[0].hasPrefix("test #3: predicted ") && predicted[0].hasSuffix(" · step 40"))
    // The data alone depend on no step.
    #expect(titles(learner.run(s, ["data apartments", "model linear", "plot data"])) == ["price (k€) against surface (m²)"])
  }

  @Test func theLastChartCommandIsRememberedAndRedrawingIsNotACommand() {
    let s = learner.session()
    learner.run(s, ["data moons", "model 2-8-2"])
    #expect(s.lastChartCommand == nil && s.chartCommands == 0)
    learner.run(s, ["plot boundary", "show hyper"])
    #expect(s.lastChartCommand == .plot(kind: "boundary", index: nil) && s.chartCommands == 1)
    _ = s.redraw(.plot(kind: "confusion", index: nil))
    learner.run(s, ["plot nothing"], errorsAllowed: true)
    #expect(s.lastChartCommand == .plot(kind: "boundary", index: nil) && s.chartCommands == 1)
    learner.run(s, ["predict #5"])
    #expect(s.lastChartCommand == .predict(.example(5)) && s.chartCommands == 2)
  }

  /// Lesson 3, step 8: on scaled flats the fit is drawn over surfaces in m² (as the title says,
  /// not in standard deviations), so the line can be read at 120 m² as `predict 120` answers.
  @Test func aStandardisedFeatureIsDrawnInItsOwnUnit() throws {
    let s = learner.session()
    learner.run(s, ["data apartments scale=standard", "model linear", "set lr 0.1", "train 100"])
    guard case .chart(.scatter(let plot), _, _)? = learner.run(s, ["plot fit"]).first,
      case .polynomial(let c)? = plot.fit
    else {
      Issue.record("no fitted line")
      return
    }
    #expect((plot.points.map(\.x).min() ?? 0) > 10, "surfaces, not z")
    guard case .text(let lines)? = learner.run(s, ["predict 120"]).first,
      let answer = lines.first?.split(separator: " ").last.flatMap({ Double($0) })
    else {
      Issue.record("no prediction")
      return
    }
    #expect(abs(c[0] + c[1] * 120 - answer) < 0.1, "line \(c[0] + c[1] * 120), predict \(answer)")
  }

  /// Lesson 6, step 5: the digit asked about is drawn beside its probabilities.
  @Test func aTestDigitIsShownBesideItsProbabilities() throws {
    let s = learner.session()
    learner.run(s, ["data mnist-5k", "model 784-16-10"])
    let outputs = learner.run(s, ["predict #193"])
    guard case .chart(.example(let example), let title, _)? = outputs.first else {
      Issue.record("no image beside the bars: \(outputs)")
      return
    }
    #expect(outputs.count == 1)
    #expect(title.hasPrefix("test #193: predicted ") && title.contains("true 3"))
    #expect(example.picture.rows == 28 && example.bars.truth == 3)
    #expect(s.execute(line: "plot probs #193") == outputs)
    let lines = OutputPrinterLines.lines(outputs)
    // Rows with the digit's ink in the first 28 columns and a probability to their right.
    #expect(lines.contains { $0.prefix(28).contains { $0 != " " } && $0.dropFirst(28).contains("0.") }, "\(lines.joined(separator: "\n"))")
  }

  /// The first layer's weights are drawn as what training changed: flat grey before a step.
  @Test func theWeightsChartShowsWhatTrainingChanged() throws {
    let s = learner.session()
    learner.run(s, ["data mnist-5k", "model 784-16-10"])
    func images() -> [GrayImage] {
      for case .chart(.imageGrid(let grid), _, _) in s.redraw(.plot(kind: "weights", index: nil)) { return grid.images }
      return []
    }
    #expect(images().count == 16 && images().allSatisfy { $0.pixels.allSatisfy { $0 == 0.5 } })
    learner.run(s, ["train 50 steps"])
    #expect(images().allSatisfy { $0.pixels.contains { $0 != 0.5 } })
    #expect(titles(s.redraw(.plot(kind: "weights", index: nil))) == ["layer-1 weights' change: light +, dark − · step 50"])
  }
}

/// The lines a script would print for outputs, without the REPL module: the title, then the
/// chart at 80 columns and the height it asks for, trailing blank rows dropped.
enum OutputPrinterLines {
  static func lines(_ outputs: [Output]) -> [String] {
    outputs.flatMap { output -> [String] in
      guard case .chart(let spec, let title, let height) = output else { return [] }
      return [title] + spec.render(width: 80, height: height, style: .monochrome).trimmed().lines()
    }
  }
}
