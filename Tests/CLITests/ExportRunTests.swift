import Engine
import Foundation
import Testing

/// The exported PyTorch script trains the run's own number of steps, finds its data in a
/// folder its user may change, and starts from a saved model when asked; its model-file
/// reader runs with plain Python and reads what mltutor wrote, bit for bit.
@Suite struct ExportRunTests {
  static let torchImportable: Bool = {
    (try? Binary.runProgram("/usr/bin/env", ["python3", "-c", "import torch, numpy"]).status) == 0
  }()

  /// Runs the REPL script `lines` in `dir`; returns the exported script's text.
  func session(_ lines: [String], in dir: URL) throws -> String {
    let script = dir.appendingPathComponent("s.mlt")
    try lines.joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
    let run = try Binary.run(["repl", script.path], environment: ["XDG_STATE_HOME": dir.path])
    #expect(run.status == 0, "\(run.stderr)")
    return try String(contentsOf: dir.appendingPathComponent("run.py"), encoding: .utf8)
  }

  func python(_ arguments: [String], environment: [String: String] = [:]) throws -> Binary.Run {
    try Binary.runProgram("/usr/bin/env", ["python3"] + arguments, environment: environment)
  }

  static let numpyImportable: Bool = {
    (try? Binary.runProgram("/usr/bin/env", ["python3", "-c", "import numpy"]).status) == 0
  }()

  /// Python that imports the exported script as a module (`exported`), runs `before`, and
  /// prints `expression` as JSON.
  func evaluate(_ scriptPath: String, _ expression: String, before: String = "") -> [String] {
    let code = """
      import importlib.util, json, os, sys
      spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
      exported = importlib.util.module_from_spec(spec)
      spec.loader.exec_module(exported)
      \(before)
      try:
          print(json.dumps(\(expression)))
      except ValueError as error:
          print(json.dumps({"error": str(error)}))
      """
    return ["-c", code, scriptPath]
  }

  @Test func stepsAndSavedWeightsRoundTrip() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("model.mltm").path
    let path = dir.appendingPathComponent("run.py").path
    let text = try session(
      [
        "data xor", "model 2-5-2 activation=tanh", "set seed 3", "set batch 50", "train 7 steps",
        "save \(model)", "export pytorch \(path)",
      ], in: dir)
    #expect(text.contains("STEPS = 7\n"), "\(text.prefix(1200))")
    #expect(text.contains("# The mltutor run took 7 steps (4 make an epoch); --steps N changes it."))
    #expect(!text.contains("EPOCHS"))
    let compiled = try python(["-m", "py_compile", path])
    #expect(compiled.status == 0, "\(compiled.stderr)")

    // The reader, without torch, against mltutor's own reading of the file.
    let read = try python(evaluate(path, "exported.read_model(sys.argv[2])") + [model])
    #expect(read.status == 0, "\(read.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any] ?? [:]
    let tensors = object["parameters"] as? [[String: Any]] ?? []
    let (network, metadata) = try ModelFile.load(model)
    #expect(object["version"] as? Int == 1)
    #expect((object["metadata"] as? [String: String]) == metadata)
    #expect(tensors.count == network.parameters.count)
    for (tensor, parameter) in zip(tensors, network.parameters) {
      #expect(tensor["name"] as? String == parameter.name)
      #expect(tensor["shape"] as? [Int] == [parameter.value.rows, parameter.value.cols])
      let values = (tensor["values"] as? [Double] ?? []).map(Float.init)
      #expect(values.map(\.bitPattern) == parameter.value.values.map(\.bitPattern), "\(parameter.name)")
    }
    #expect(tensors.first?["name"] as? String == "dense1.weights")

    // A damaged file and a newer format are refused in words.
    var bytes = try Data(contentsOf: URL(fileURLWithPath: model))
    bytes[bytes.count - 1] ^= 0xFF
    let damaged = dir.appendingPathComponent("damaged.mltm")
    try bytes.write(to: damaged)
    let newer = dir.appendingPathComponent("newer.mltm")
    try Data("mltutor-model 9\n{}\n".utf8).write(to: newer)
    let refusals = try [damaged, newer].map { file in
      try python(evaluate(path, "exported.read_model(sys.argv[2])") + [file.path]).stdout
    }
    #expect(refusals[0].contains("corrupt: the CRC-32 of the parameters does not match the header"), "\(refusals[0])")
    #expect(refusals[1].contains("model file version 9 is not one this script reads (it reads 1, 2)"), "\(refusals[1])")

    if Self.torchImportable {
      let trained = try python([path, "--weights", model, "--steps", "0"])
      #expect(trained.status == 0, "\(trained.stderr)")
      #expect(trained.stdout.hasPrefix("epoch 0 (0 steps): test loss "), "\(trained.stdout)")
      let more = try python([path, "--steps", "9"])
      #expect(more.status == 0, "\(more.stderr)")
      #expect(more.stdout.split(separator: "\n").last?.hasPrefix("epoch 3 (9 steps)") == true, "\(more.stdout)")
    } else {
      let untrained = try python([path])
      #expect(untrained.status == 1)
      #expect(untrained.stderr == "error: training needs PyTorch and numpy (pip install torch numpy)\n")
    }
  }

  @Test(.enabled(if: ExportRunTests.numpyImportable, "needs numpy"))
  func savedWeightsGiveMltutorsTestFigures() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("digits.mltm").path
    let path = dir.appendingPathComponent("run.py").path
    let script = dir.appendingPathComponent("s.mlt")
    try [
      "data mnist-5k", "model 784-10", "set lr 0.1", "train 1 epochs", "eval", "save \(model)",
      "export pytorch \(path)",
    ].joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
    let run = try Binary.run(["repl", script.path], environment: ["XDG_STATE_HOME": dir.path])
    #expect(run.status == 0, "\(run.stderr)")
    // "test      1,000  0.5506     84.5%"
    let row = run.stdout.split(separator: "\n").first { $0.hasPrefix("test ") }.map {
      $0.split(separator: " ").map(String.init)
    }
    let figures = try #require(row, "\(run.stdout)")
    // The script's own readers and numpy: x @ W + b on the test digits, as mltutor computes it.
    let code = """
      import numpy as np
      saved = exported.read_model(sys.argv[2])
      (w, b) = [np.array(t["values"], dtype=np.float32).reshape(t["shape"]) for t in saved["parameters"]]
      paths = [os.path.join(exported.DATA_DIR, name) for name in exported.DATA_FILES]
      x = (exported.read_idx(paths[2]).reshape(-1, 784) / 255.0).astype(np.float32)
      y = exported.read_idx(paths[3])
      logits = x @ w + b
      shifted = logits - logits.max(axis=1, keepdims=True)
      loss = -(shifted[np.arange(len(y)), y] - np.log(np.exp(shifted).sum(axis=1))).mean()
      print(f"{loss:.4f} {100 * (logits.argmax(axis=1) == y).mean():.1f}%")
      """
    let numbers = try python(evaluate(path, "0", before: code) + [model])
    #expect(numbers.status == 0, "\(numbers.stderr)")
    #expect(numbers.stdout.split(separator: "\n").first.map(String.init) == figures.suffix(2).joined(separator: " "))
  }

  @Test func imageDataComeFromAFolderTheUserMayChange() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("run.py").path
    let text = try session(["data mnist-5k", "model 784-10", "export pytorch \(path)"], in: dir)
    let folder = Binary.packageRoot.appendingPathComponent("Lessons/data").path
    #expect(text.contains("DATA_DIR = \"\(folder)\"\n"), "\(text.prefix(1500))")
    #expect(text.contains("# The mltutor run had not trained yet: one epoch of 125 steps; --steps N changes it."))
    #expect(text.contains("STEPS = 125\n"))
    let help = try python([path, "--help"], environment: ["COLUMNS": "200"])
    #expect(help.status == 0, "\(help.stderr)")
    for option in ["--steps", "--weights MODEL", "--data DIR", "(default: \(folder);", "(default: 125)"] {
      #expect(help.stdout.contains(option), "\(option) in:\n\(help.stdout)")
    }
    let moved = try python([path, "--help"], environment: ["COLUMNS": "200", "MLTUTOR_DATA": "/srv/digits"])
    #expect(moved.stdout.contains("(default: /srv/digits;"), "\(moved.stdout)")
    if Self.torchImportable {
      let missing = try python([path, "--data", dir.path])
      #expect(missing.status == 1)
      #expect(missing.stderr.hasPrefix("error: cannot find \(dir.path)/mnist-5k-train-images-idx3-ubyte.gz"))
      let trained = try python([path, "--steps", "20"])
      #expect(trained.status == 0, "\(trained.stderr)")
      #expect(trained.stdout.contains("epoch 1 (20 steps): test loss"), "\(trained.stdout)")
    }
  }
}
