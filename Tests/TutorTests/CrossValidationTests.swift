import Datasets
import Foundation
import Engine
import Testing
import Tutor

/// `crossval`: the same seed gives the same folds and figures, and the current run stays as it is.
@Suite struct CrossValidationTests {
  let tests = SessionTests()

  @Test func crossValidationIsReproducibleAndLeavesTheRunAlone() throws {
    let s = tests.session()
    tests.run(s, ["data moons", "model 2-8-2", "set lr 0.3", "train 10"])
    let trainer = try #require(s.trainer)
    let before = trainer.network.parameters.map(\.value.values)
    let first = tests.text(tests.run(s, ["crossval 4 epochs=2"]))
    let second = tests.text(tests.run(s, ["crossval 4 epochs=2"]))
    #expect(first == second)
    #expect(first.contains("4 folds of 2 epochs each: mean accuracy "), "\(first)")
    #expect(trainer.steps == 10)
    #expect(trainer.network.parameters.map(\.value.values) == before)
    let record = try #require(s.crossValidation)
    #expect(record.result.folds.map(\.trainedOn) == [150, 150, 150, 150])
    #expect(record.result.folds.map(\.evaluation.examples) == [50, 50, 50, 50])
    let mean = record.result.figures.reduce(0, +) / 4
    #expect(abs(record.result.mean - mean) < 1e-12)
    let variance = record.result.figures.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3
    #expect(abs(record.result.spread - variance.squareRoot()) < 1e-12)
  }

  @Test func anotherSeedGivesOtherFolds() throws {
    let s = tests.session()
    tests.run(s, ["data moons", "model 2-8-2", "set lr 0.3", "crossval 3 epochs=1"])
    let a = try #require(s.crossValidation).result.figures
    tests.run(s, ["set seed 5", "crossval 3 epochs=1"])
    let b = try #require(s.crossValidation).result.figures
    #expect(a != b)
  }

  @Test func regressionFoldsReportRMSE() throws {
    let s = tests.session()
    let out = tests.text(tests.run(s, ["data poly degree=3", "model linear", "set optimizer adam", "set lr 0.05", "crossval 4 epochs=200"]))
    #expect(out.contains("val RMSE"), "\(out)")
    #expect(out.contains("4 folds of 200 epochs each: mean RMSE "), "\(out)")
  }

  @Test func freshPointsNeedASetThatCanDrawThem() throws {
    let s = tests.session()
    let out = tests.text(tests.run(s, ["data apartments", "model linear", "eval fresh"], errorsAllowed: true))
    #expect(out.contains("error: apartments cannot draw fresh examples"), "\(out)")
  }

  @Test func aSavedModelRecordsTheDataKnobsAndLoadsTheSameData() throws {
    let s = tests.session()
    let file = FileManager.default.temporaryDirectory.path + "/mltutor-knobs-\(UUID().uuidString).mlt"
    defer { try? FileManager.default.removeItem(atPath: file) }
    tests.run(s, ["data mnist-5k occlude=0.5 label_noise=0.3 imbalance=0.1 val=0.1", "model linear", "train 5", "save \(file)"])
    let (_, metadata) = try ModelFile.load(file)
    #expect(metadata["data.occlude"] == "0.5" && metadata["data.label_noise"] == "0.3")
    #expect(metadata["data.imbalance"] == "0.1" && metadata["data.val"] == "0.1")
    let before = tests.text(tests.run(s, ["eval"]))
    let other = tests.session()
    tests.run(other, ["load \(file)"])
    #expect(other.dataset?.validation?.count == s.dataset?.validation?.count)
    #expect(tests.text(tests.run(other, ["eval"])) == before)
  }
}
