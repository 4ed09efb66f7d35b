import Foundation
import Testing

/// `export pytorch FILE` writes a Python script that compiles and carries the session's settings.
@Suite struct ExportTests {
  func export(_ lines: [String]) throws -> (script: String, compiled: Binary.Run) {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("experiment.py").path
    let script = dir.appendingPathComponent("s.mlt")
    try (lines + ["export pytorch \(out)"]).joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
    let run = try Binary.run(["repl", script.path], environment: ["XDG_STATE_HOME": dir.path])
    #expect(run.status == 0, "\(run.stderr)")
    let text = try String(contentsOfFile: out, encoding: .utf8)
    let compiled = try Binary.runProgram("/usr/bin/env", ["python3", "-m", "py_compile", out])
    return (text, compiled)
  }

  @Test func generatedDataWithMomentumAndDecay() throws {
    let (text, compiled) = try export([
      "data apartments scale=standard", "model linear", "set optimizer nesterov", "set lr 0.05",
      "set momentum 0.8", "set batch 16", "set l2 0.001", "set clip 5", "set seed 7",
    ])
    #expect(compiled.status == 0, "\(compiled.stderr)")
    for expected in [
      "SEED = 7", "LEARNING_RATE = 0.05", "BATCH_SIZE = 16", "MOMENTUM = 0.8", "L2 = 0.001",
      "CLIP = 5.0", "nn.Linear(1, 1)", "loss_fn = nn.MSELoss()",
      "torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM, nesterov=True)",
    ] {
      #expect(text.contains(expected), "\(expected) in:\n\(text.prefix(1500))")
    }
  }

  @Test func imagesWithAdamAndDropout() throws {
    let (text, compiled) = try export([
      "data mnist-5k", "model 784-32-10 activation=tanh", "set optimizer adam", "set lr 0.001",
      "set dropout 0.25",
    ])
    #expect(compiled.status == 0, "\(compiled.stderr)")
    for expected in [
      "LEARNING_RATE = 0.001", "DROPOUT = 0.25", "nn.Linear(784, 32)", "nn.Tanh()", "nn.Linear(32, 10)",
      "torch.optim.Adam(groups", "loss_fn = nn.CrossEntropyLoss()", "mnist-5k-train-images-idx3-ubyte.gz",
      "nn.init.xavier_uniform_",
    ] {
      #expect(text.contains(expected), "\(expected) in:\n\(text.prefix(1500))")
    }
  }
}
