import Engine
import Foundation
import Testing

/// Residual and batch-normalised models: the exported script's reader gives, with plain
/// Python, exactly what mltutor saved (running statistics included), and a numpy forward pass
/// on those values gives mltutor's own test figures.
extension ExportRunTests {
  /// The two models the tests save: a few steps on mnist-5k each.
  static let blockModels = [
    ("residual", "model 784-16x3-10 residual activation=tanh"),
    ("batchnorm", "model 784-16x2-10 batchnorm activation=relu"),
  ]

  /// Trains, evaluates, saves (`NAME.mltm`) and exports (`NAME.py`) each of `blockModels` in
  /// `dir`; returns the REPL's output.
  func saveBlockModels(in dir: URL) throws -> String {
    var lines = ["data mnist-5k", "set seed 5", "set lr 0.1"]
    for (name, model) in Self.blockModels {
      let file = dir.appendingPathComponent(name).path
      lines += [model, "train 30 steps", "eval", "save \(file).mltm", "export pytorch \(file).py"]
    }
    let script = dir.appendingPathComponent("s.mlt")
    try lines.joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
    let run = try Binary.run(["repl", script.path], environment: ["XDG_STATE_HOME": dir.path])
    #expect(run.status == 0, "\(run.stderr)")
    return run.stdout
  }

  /// Each tensor as (name, shape, float32 bit patterns).
  typealias Bits = [(name: String, shape: [Int], bits: [UInt32])]

  @Test func blockModelsAreReadBitForBit() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try saveBlockModels(in: dir)
    // Every tensor's values as the bits of a float32, so that nothing is lost on the way.
    let bits = """
      import struct
      saved = exported.read_model(sys.argv[2])
      bits = lambda ts: [[t["name"], t["shape"], list(struct.unpack(f"<{len(t['values'])}I",
                          struct.pack(f"<{len(t['values'])}f", *t["values"])))] for t in ts]
      """
    let expression =
      "{\"version\": saved[\"version\"], \"architecture\": saved[\"architecture\"], \"metadata\": saved[\"metadata\"], "
      + "\"parameters\": bits(saved[\"parameters\"]), \"statistics\": bits(saved[\"statistics\"])}"
    for (name, _) in Self.blockModels {
      let model = dir.appendingPathComponent("\(name).mltm").path
      let path = dir.appendingPathComponent("\(name).py").path
      let compiled = try python(["-m", "py_compile", path])
      #expect(compiled.status == 0, "\(compiled.stderr)")
      let read = try python(evaluate(path, expression, before: bits) + [model])
      #expect(read.status == 0, "\(read.stderr)")
      let object = try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any] ?? [:]
      func tensors(_ key: String) -> Bits {
        (object[key] as? [[Any]] ?? []).map {
          ($0.first as? String ?? "", $0.dropFirst().first as? [Int] ?? [], ($0.last as? [Int] ?? []).map(UInt32.init))
        }
      }
      let (network, metadata) = try ModelFile.load(model)
      #expect(object["version"] as? Int == 2)
      #expect((object["architecture"] as? [String: Any])?["blocks"] as? String == name)
      #expect((object["metadata"] as? [String: String]) == metadata)
      let parameters: Bits = network.parameters.map {
        ($0.name, [$0.value.rows, $0.value.cols], $0.value.values.map(\.bitPattern))
      }
      let statistics: Bits = network.batchNorms.flatMap { norm in
        [("\(norm.name).running_mean", norm.runningMean), ("\(norm.name).running_var", norm.runningVariance)].map {
          ($0.0, [$0.1.rows, $0.1.cols], $0.1.values.map(\.bitPattern))
        }
      }
      #expect(statistics.count == (name == "batchnorm" ? 4 : 0))
      for (key, expected) in [("parameters", parameters), ("statistics", statistics)] {
        let found = tensors(key)
        #expect(found.map(\.name) == expected.map(\.name), "\(name) \(key)")
        #expect(found.map(\.shape) == expected.map(\.shape), "\(name) \(key)")
        for (f, e) in zip(found, expected) { #expect(f.bits == e.bits, "\(name): \(e.name)") }
      }
    }
    // The running statistics were moved by training: not the starting 0 and 1.
    let (normalised, _) = try ModelFile.load(dir.appendingPathComponent("batchnorm.mltm").path)
    #expect(normalised.batchNorms.first?.runningVariance.values.contains { $0 != 1 } == true)

    // Damaged version-2 files are refused in words.
    let model = dir.appendingPathComponent("batchnorm.mltm")
    let original = try Data(contentsOf: model)
    let firstEnd = try #require(original.firstIndex(of: UInt8(ascii: "\n")))
    let headerEnd = try #require(original[(firstEnd + 1)...].firstIndex(of: UInt8(ascii: "\n")))
    let header = String(decoding: original.prefix(headerEnd + 1), as: UTF8.self)
    let payloadBytes = original.count - headerEnd - 1
    var flipped = original
    flipped[flipped.count - 1] ^= 0xFF
    func renamed(_ from: String, _ to: String) -> Data {
      Data(header.replacingOccurrences(of: from, with: to).utf8) + original.suffix(payloadBytes)
    }
    let damaged: [(Data, String)] = [
      (flipped, "corrupt: the CRC-32 of the parameters does not match the header"),
      (original.dropLast(4), "expected \(payloadBytes) bytes of parameters, found \(payloadBytes - 4)"),
      (renamed("running_var", "running_vaz"), "the statistics list does not match the architecture 784-16-16-10 batchnorm"),
      (renamed("norm2.shift", "norm2.shaft"), "the parameter list does not match the architecture 784-16-16-10 batchnorm"),
      (renamed("mltutor-model 2", "mltutor-model 1"),
       "a version-1 file cannot hold batchnorm blocks: its first line should be 'mltutor-model 2'"),
      (renamed("\"payload_bytes\"", "\"payload_bytez\""), "the header lacks its field 'payload_bytes'"),
    ]
    let script = dir.appendingPathComponent("batchnorm.py").path
    for (index, (bytes, message)) in damaged.enumerated() {
      let file = dir.appendingPathComponent("damaged\(index).mltm")
      try bytes.write(to: file)
      #expect((try? ModelFile.load(file.path)) == nil, "mltutor too refuses: \(message)")
      let refusal = try python(evaluate(script, "exported.read_model(sys.argv[2])") + [file.path])
      #expect(refusal.stdout == "{\"error\": \"\(message)\"}\n", "\(refusal.stdout)\(refusal.stderr)")
    }
  }

  @Test(.enabled(if: ExportRunTests.numpyImportable, "needs numpy"))
  func blockModelsGiveMltutorsTestFigures() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let output = try saveBlockModels(in: dir)
    // "test      1,000  1.903     35.5%", once per model.
    let rows = output.split(separator: "\n").filter { $0.hasPrefix("test ") }.map {
      $0.split(separator: " ").map(String.init)
    }
    try #require(rows.count == Self.blockModels.count, "\(output)")
    // The script's own readers and numpy, at inference as the engine computes it: batch
    // normalisation with the running statistics, (z − mean) / √(var + 1e-5) · scale + shift.
    let code = """
      import numpy as np
      saved = exported.read_model(sys.argv[2])
      t = {s["name"]: np.array(s["values"], dtype=np.float64).reshape(s["shape"])
           for s in saved["parameters"] + saved["statistics"]}
      sizes, blocks = saved["architecture"]["sizes"], saved["architecture"]["blocks"]
      f = {"relu": lambda z: np.maximum(z, 0), "leaky-relu": lambda z: np.where(z > 0, z, 0.01 * z),
           "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh}[saved["architecture"]["activation"]]
      paths = [os.path.join(exported.DATA_DIR, name) for name in exported.DATA_FILES]
      h = exported.read_idx(paths[2]).reshape(-1, 784) / 255.0
      y = exported.read_idx(paths[3])
      last = len(sizes) - 1
      for i in range(1, last + 1):
          z = h @ t[f"dense{i}.weights"] + t[f"dense{i}.bias"]
          if i == last:
              break
          if blocks == "batchnorm":
              z = (z - t[f"norm{i}.running_mean"]) / np.sqrt(t[f"norm{i}.running_var"] + 1e-5)
              z = z * t[f"norm{i}.scale"] + t[f"norm{i}.shift"]
          h = h + f(z) if blocks == "residual" and 2 <= i < last and sizes[i - 1] == sizes[i] else f(z)
      shifted = z - z.max(axis=1, keepdims=True)
      loss = -(shifted[np.arange(len(y)), y] - np.log(np.exp(shifted).sum(axis=1))).mean()
      print(f"{loss:.6f} {100 * (z.argmax(axis=1) == y).mean():.1f}%")
      """
    for ((name, _), row) in zip(Self.blockModels, rows) {
      let path = dir.appendingPathComponent("\(name).py").path
      let model = dir.appendingPathComponent("\(name).mltm").path
      let numbers = try python(evaluate(path, "0", before: code) + [model])
      #expect(numbers.status == 0, "\(numbers.stderr)")
      let figures = numbers.stdout.split(separator: "\n").first?.split(separator: " ").map(String.init) ?? []
      #expect(figures.last == row.last, "\(name): numpy \(figures), mltutor \(row)")
      // The loss as mltutor prints it (a few digits): equal to within half its last digit.
      let printed = try #require(row.dropLast().last)
      let decimals = printed.split(separator: ".").last?.count ?? 0
      let tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-6
      let loss = try #require(figures.first.flatMap(Double.init), "\(numbers.stdout)")
      #expect(abs(loss - (Double(printed) ?? .nan)) <= tolerance, "\(name): numpy loss \(loss), mltutor \(printed)")
    }
  }
}
