import Foundation
import Testing
import Tutor

@testable import Course

@Suite struct QuantityTests {
  func value(_ reader: QuantityReader, _ name: String) -> QuantityValue { reader.value(of: name) }

  @Test func everyQuantityIsDocumentedInTheLessonsReadme() throws {
    let readme = try String(contentsOfFile: TestSupport.lessons + "/README.md", encoding: .utf8)
    for name in QuantityCatalog.names {
      #expect(readme.contains("| `\(name)` |"), "Lessons/README.md does not document \(name)")
    }
    #expect(Set(QuantityCatalog.names).count == QuantityCatalog.names.count)
  }

  @Test func settingsReadAsTyped() {
    let session = TestSupport.session()
    let reader = QuantityReader(session: session)
    _ = session.execute(line: "set lr 0.1")
    #expect(value(reader, "lr") == .value(.number(0.1)))
    #expect(value(reader, "optimizer") == .value(.string("sgd")))
    #expect(value(reader, "model") == .value(.string("linear")))
    #expect(value(reader, "data") == .unavailable("no data yet"))
    #expect(value(reader, "steps") == QuantityReader.noModel)
  }

  @Test func theLineModelsWeightAndBiasAndItsResults() throws {
    let session = TestSupport.session()
    let reader = QuantityReader(session: session)
    _ = session.execute(line: "data apartments")
    _ = session.execute(line: "set w 4")
    _ = session.execute(line: "set b 60")
    #expect(value(reader, "w") == .value(.number(4)))
    #expect(value(reader, "b") == .value(.number(60)))
    #expect(value(reader, "task") == .value(.string("regression")))
    #expect(value(reader, "outliers") == .value(.number(3)))
    guard case .value(.number(let loss)) = value(reader, "train_loss") else {
      Issue.record("no train_loss")
      return
    }
    let expected = session.trainer.map { $0.network.evaluate($0.train).loss } ?? 0
    #expect(abs(loss - expected) < 1e-9)
    #expect(value(reader, "train_accuracy") == .unavailable("accuracy is not defined for this data"))
    _ = session.execute(line: "set w 5")
    guard case .value(.number(let after)) = value(reader, "train_loss") else { return }
    #expect(after != loss, "a weight set by hand must invalidate the cached evaluation")
  }

  @Test func gradientNormMatchesTheGradientOfTheMeanSquaredError() throws {
    let session = TestSupport.session()
    let reader = QuantityReader(session: session)
    _ = session.execute(line: "data apartments")
    _ = session.execute(line: "set w 4")
    _ = session.execute(line: "set b 60")
    // ∂L/∂w = 2/n Σ (w·x + b − t)·x and ∂L/∂b = 2/n Σ (w·x + b − t), computed here by hand.
    let train = try #require(session.dataset?.train)
    let x = train.features(0..<train.count)
    guard case .values(let t) = train.targets(0..<train.count) else { return }
    var dw = 0.0
    var db = 0.0
    for i in 0..<train.count {
      let e = 4 * Double(x[i, 0]) + 60 - Double(t.values[i])
      dw += 2 * e * Double(x[i, 0]) / Double(train.count)
      db += 2 * e / Double(train.count)
    }
    guard case .value(.number(let norm)) = value(reader, "grad_norm") else {
      Issue.record("no grad_norm")
      return
    }
    let expected = (dw * dw + db * db).squareRoot()
    #expect(abs(norm - expected) / expected < 1e-4, "grad_norm \(norm), by hand \(expected)")
  }

  @Test func divergenceAndHistoryMeasures() {
    let session = TestSupport.session()
    let reader = QuantityReader(session: session)
    _ = session.execute(line: "data apartments")
    #expect(value(reader, "diverged") == .value(.boolean(false)))
    #expect(value(reader, "loss_dropped") == .value(.number(0)))
    _ = session.execute(line: "set lr 0.02")
    _ = session.execute(line: "train 30")
    #expect(value(reader, "diverged") == .value(.boolean(true)))
    #expect(value(reader, "lr_changes") == .value(.number(1)))
    #expect(value(reader, "markers") == .value(.number(1)))
  }

  @Test func lossDroppedComparesTheFirstAndLastThreeSteps() {
    #expect(HistoryMeasures.lossDropped([]) == 0)
    #expect(HistoryMeasures.lossDropped([4, 1]) == 0.75)
    #expect(abs(HistoryMeasures.lossDropped([10, 10, 10, 9, 5, 4, 1, 1, 1, 1, 1, 1]) - 0.9) < 1e-12)
    #expect(HistoryMeasures.lossDropped([1, 2]) == -1)
  }

  @Test func overfittingCountsTheLatestEpochsOfFallingTrainAndRisingTestLoss() {
    let rising: [(train: Double, test: Double?)] = [(5, 5), (4, 3), (3, 3.5), (2, 4), (1, 4.5)]
    #expect(HistoryMeasures.overfittingEpochs(rising) == 3)
    #expect(HistoryMeasures.overfittingEpochs(rising + [(0.9, 4.4)]) == 0)
    #expect(HistoryMeasures.overfittingEpochs([]) == 0)
  }

  @Test func theBallOnALandscape() {
    let session = TestSupport.session()
    let reader = QuantityReader(session: session)
    _ = session.execute(line: "data bowl")
    #expect(value(reader, "task") == .value(.string("landscape")))
    #expect(value(reader, "at_global_minimum") == .value(.boolean(false)))
    _ = session.execute(line: "set lr 0.1")
    _ = session.execute(line: "step 200")
    #expect(value(reader, "at_global_minimum") == .value(.boolean(true)))
    #expect(value(reader, "at_local_minimum") == .value(.boolean(false)))
    #expect(value(reader, "steps") == .value(.number(200)))
    #expect(value(reader, "y") == .unavailable("bowl is a curve: it has no y"))
  }

  @Test func lastCommandIsTheFirstWordTyped() {
    let course = CourseSession(course: Course(directory: "none", lessons: []), session: TestSupport.session(), store: nil)
    _ = course.execute(line: "HELP train")
    #expect(course.reader.value(of: "last_command") == .value(.string("help")))
  }

  /// `last_plot` names what was drawn, so that a step asking for the confusion matrix is not done
  /// by `plot loss`; a plot that fails, or another command, leaves it as it was.
  @Test func lastPlotIsWhatWasDrawn() {
    let course = CourseSession(course: Course(directory: "none", lessons: []), session: TestSupport.session(), store: nil)
    #expect(course.reader.value(of: "last_plot") == .value(.string("")))
    for line in ["data mnist-5k", "model 784-16-10"] { _ = course.execute(line: line) }
    let drawn: [(String, String)] = [
      ("plot data", "data"), ("PLOT Confusion", "confusion"), ("plot mistakes", "mistakes"),
      ("plot weights", "weights"), ("plot nothing", "weights"), ("step 3", "weights"),
      ("plot landscape line", "landscape line"),
    ]
    for (line, kind) in drawn {
      _ = course.execute(line: line)
      #expect(course.reader.value(of: "last_plot") == .value(.string(kind)), "after \(line)")
    }
  }
}
