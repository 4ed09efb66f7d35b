import Foundation
import Testing
import Tutor

/// `model SIZES residual|batchnorm` through the command language: what it builds and shows,
/// what it refuses, and how `save`, `load` and `export pytorch` carry the blocks.
@Suite struct BlocksCommandTests {
  let tests = SessionTests()

  func path(_ name: String) -> String {
    FileManager.default.temporaryDirectory.path + "/mltutor-blocks-\(UUID().uuidString)-\(name)"
  }

  @Test func theKindOfBlockFollowsTheSizes() throws {
    #expect(
      try CommandParser.parse("model 784-64x8-10 residual activation=sigmoid")
        == .model(spec: "784-64x8-10 residual", options: ["activation": "sigmoid"]))
    #expect(try CommandParser.parse("model 2-8-2 init=he batchnorm") == .model(spec: "2-8-2 batchnorm", options: ["init": "he"]))
  }

  @Test func showModelListsTheBlocksAndTheirParameters() {
    let s = tests.session()
    let built = tests.text(tests.run(s, ["data moons", "model 2-16x3-2 batchnorm activation=tanh"]))
    #expect(built.contains("model 2-16-16-16-2 tanh batchnorm (722 parameters)"), "\(built)")
    #expect(built.contains("BatchNorm 16 (32 parameters: scale and shift; running mean and variance)"), "\(built)")
    let residual = tests.text(tests.run(s, ["model 2-16x3-2 residual activation=tanh"]))
    #expect(residual.contains("Residual 16→16: x + Tanh(x·W + b) (272 parameters)"), "\(residual)")
    #expect(residual.contains("626 parameters in all"), "\(residual)")
  }

  @Test func badBlocksAreRefusedInOneLine() {
    let s = tests.session()
    tests.run(s, ["data moons"])
    #expect(
      s.execute(line: "model 2-16-2 residual") == [
        .error(
          "invalid model: residual blocks join two hidden layers of the same width: give the model some, such as 784-64x8-10")
      ])
    #expect(s.execute(line: "model 2-8-2 skip") == [.error("invalid model: 'skip' is not a kind of block: use residual or batchnorm")])
  }

  @Test func savedBatchNormalisedModelsLoadWithTheirStatistics() throws {
    let s = tests.session()
    let file = path("bn.mlt")
    defer { try? FileManager.default.removeItem(atPath: file) }
    tests.run(s, ["data moons", "model 2-16x2-2 batchnorm activation=tanh", "set lr 0.1", "train 40"])
    // The results table (the step count starts again at 0 after a load).
    func results() -> [Substring] { tests.text(tests.run(s, ["eval"])).split(separator: "\n").filter { $0.hasSuffix("%") } }
    let before = results()
    #expect(before.count == 2)
    tests.run(s, ["save \(file)", "reset", "load \(file)"])
    #expect(results() == before)
    let head = try String(contentsOfFile: file, encoding: .isoLatin1).prefix(16)
    #expect(head == "mltutor-model 2\n")
  }

  @Test func pytorchExportsDeclareTheBlocks() throws {
    let s = tests.session()
    let residual = path("residual.py")
    let normalised = path("bn.py")
    defer {
      try? FileManager.default.removeItem(atPath: residual)
      try? FileManager.default.removeItem(atPath: normalised)
    }
    tests.run(s, ["data moons", "model 2-16x3-2 residual activation=tanh", "export pytorch \(residual)"])
    let r = try String(contentsOfFile: residual, encoding: .utf8)
    #expect(r.contains("class Residual(nn.Module if nn is not None else object):"))
    #expect(r.contains("        nn.Linear(2, 16),\n        nn.Tanh(),\n        nn.Dropout(DROPOUT),\n        Residual(nn.Linear(16, 16), nn.Tanh()),\n        nn.Dropout(DROPOUT),\n        Residual(nn.Linear(16, 16), nn.Tanh()),"), "\(r)")
    #expect(r.contains("for layer in model.modules():"))
    tests.run(s, ["model 2-16x2-2 batchnorm activation=tanh", "export pytorch \(normalised)"])
    let b = try String(contentsOfFile: normalised, encoding: .utf8)
    #expect(b.contains("        nn.Linear(2, 16),\n        nn.BatchNorm1d(16, eps=1e-5, momentum=0.1),\n        nn.Tanh(),"), "\(b)")
    #expect(!b.contains("class Residual"))
  }
}
