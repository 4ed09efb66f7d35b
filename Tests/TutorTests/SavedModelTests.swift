import Datasets
import Engine
import Foundation
import Testing
import Tutor

/// Models saved by the tutor or by `mltutor train --save`: what they record, and what a
/// load says about a file whose settings or shape cannot be used.
@Suite struct SavedModelTests {
  let tests = SessionTests()

  func path(_ name: String) -> String {
    FileManager.default.temporaryDirectory.path + "/mltutor-saved-\(UUID().uuidString)-\(name)"
  }

  /// A 1-1 linear model saved with `metadata`.
  func saved(_ metadata: [String: String]) throws -> String {
    var g = SeededGenerator(seed: 0)
    let net = try Network(Architecture(sizes: [1, 1], task: .regression), initializer: .zeros, generator: &g)
    let file = path("m.mlt")
    try ModelFile.save(net, to: file, metadata: metadata)
    return file
  }

  @Test func theMetadataRecordsTheDataSettings() throws {
    var settings = SessionSettings()
    settings.dataName = "apartments"
    settings.dataOptions = ["scale": "standard", "noise": "30"]
    settings.seed = 4
    settings.initializer = .xavier
    let metadata = ModelMetadata.record(settings: settings, hyper: settings.hyper, steps: 12)
    #expect(metadata["data.scale"] == "standard" && metadata["data.noise"] == "30")
    #expect(metadata["steps"] == "12" && metadata["seed"] == "4")
    var g = SeededGenerator(seed: 0)
    let net = try Network(Architecture(sizes: [1, 1], task: .regression), initializer: .zeros, generator: &g)
    let back = try ModelMetadata.settings(from: metadata, network: net, base: SessionSettings())
    #expect(back == settings)
  }

  @Test func aBadSavedSettingIsNamed() throws {
    let s = tests.session()
    let negative = try saved(["data": "apartments", "lr": "-1"])
    #expect(s.execute(line: "load \(negative)") == [
      .error("\(negative): the saved setting lr must be a number greater than 0 (got -1.0)")
    ])
    let text = try saved(["data": "apartments", "batch": "many"])
    #expect(s.execute(line: "load \(text)") == [
      .error("\(text): the saved setting batch is 'many', not a whole number")
    ])
  }

  @Test func aModelThatDoesNotFitItsDataNamesTheFile() throws {
    let s = tests.session()
    // A 1-input model that says it was trained on moons, which has 2 features.
    let file = try saved(["data": "moons", "model": "1-2"])
    #expect(s.execute(line: "load \(file)") == [
      .error("\(file): model and data do not fit: the model takes 1 inputs but the training data has 2 features")
    ])
  }

  @Test func anEmptyTestSplitSaysThereIsNoTestData() throws {
    let s = tests.session()
    let csv = path("t.csv")
    try Data("x,y\n1,2\n2,4\n3,6\n4,8\n".utf8).write(to: URL(fileURLWithPath: csv))
    tests.run(s, ["data csv:\(csv):y test=0 task=regression", "model linear"])
    let eval = s.execute(line: "eval")
    #expect(eval.last == .line("no test data: this data set holds no examples out"))
    let shown = tests.text(eval)
    #expect(!shown.split(separator: "\n").contains { $0.hasPrefix("test") }, "no row of zeros for the test split: \(shown)")
    let trained = tests.text(tests.run(s, ["train 2 steps"]))
    #expect(trained.contains("· no test data"), "\(trained)")
  }
}

/// An export replaces an earlier export, never a file of the learner's.
@Suite struct ExportTargetTests {
  @Test func anExportDoesNotOverwriteOtherFiles() throws {
    let tests = SessionTests()
    let s = tests.session()
    tests.run(s, ["data xor", "model 2-4-2"])
    let notes = FileManager.default.temporaryDirectory.path + "/mltutor-export-\(UUID().uuidString).py"
    try Data("print('mine')\n".utf8).write(to: URL(fileURLWithPath: notes))
    #expect(s.execute(line: "export pytorch \(notes)") == [
      .error("\(notes): exists and is not a script mltutor exported: choose another name, or remove it first")
    ])
    #expect(try String(contentsOfFile: notes, encoding: .utf8) == "print('mine')\n")
    try FileManager.default.removeItem(atPath: notes)
    tests.run(s, ["export pytorch \(notes)", "set lr 0.2", "export pytorch \(notes)"])
    #expect(try String(contentsOfFile: notes, encoding: .utf8).contains("LEARNING_RATE = 0.2"))
  }
}
