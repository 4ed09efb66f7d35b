import Engine
import Foundation
import Testing

/// Saving and loading trained networks: exact round trips, and clear errors for bad files.
@Suite struct ModelFileTests {
  static let metadata = ["seed": "7", "lr": "0.05", "data": "blobs/v1 \"quoted\" é"]

  /// A trained-looking 3-5-4-2 leaky-ReLU classifier, with a few awkward values planted.
  static func model() throws -> Network {
    var g = SeededGenerator(seed: 17)
    let net = try Network(
      Architecture(sizes: [3, 5, 4, 2], activation: .leakyRelu, task: .classification),
      initializer: .he, generator: &g)
    for dense in net.denseLayers {
      for i in 0..<dense.bias.count { dense.bias.value.values[i] = Float(g.normal()) }
    }
    let first = try #require(net.denseLayers.first)
    first.weights.value.values[0] = -0.0
    first.weights.value.values[1] = .leastNonzeroMagnitude
    first.weights.value.values[2] = .greatestFiniteMagnitude
    return net
  }

  static func expectSame(_ loaded: Network, _ original: Network) {
    #expect(loaded.architecture == original.architecture)
    #expect(loaded.parameters.map(\.name) == original.parameters.map(\.name))
    #expect(parameterBits(loaded) == parameterBits(original), "parameters are bit-identical")
  }

  /// The problem text of a model-file error, or nil (and a recorded failure) for anything else.
  static func problem(
    _ bytes: [UInt8], path: String = "model.mlt", sourceLocation: SourceLocation = #_sourceLocation
  ) -> String? {
    do {
      _ = try ModelFile.decode(bytes, path: path)
      Issue.record("a bad file was accepted", sourceLocation: sourceLocation)
    } catch {
      if case .modelFile(let p, let problem) = error {
        #expect(p == path, sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("\(path): "), sourceLocation: sourceLocation)
        return problem
      }
      Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
    return nil
  }

  @Test func roundTripThroughAFile() throws {
    let net = try Self.model()
    let folder = Fixtures.temporaryPath("models")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = "\(folder)/trained.mlt"
    try ModelFile.save(net, to: path, metadata: Self.metadata)
    let (loaded, metadata) = try ModelFile.load(path)
    Self.expectSame(loaded, net)
    #expect(metadata == Self.metadata)
    let x = Matrix([[0.1, -0.2, 0.3], [1, 2, -3]])
    #expect(bits(loaded.predict(x).values) == bits(net.predict(x).values))
    // Written atomically: nothing but the model is left in the folder.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["trained.mlt"])
    // Saving again over it works and gives the same bytes.
    try ModelFile.save(net, to: path, metadata: Self.metadata)
    let bytes = try #require(FileManager.default.contents(atPath: path))
    #expect(Array(bytes) == ModelFile.encode(net, metadata: Self.metadata))
  }

  @Test func layout() throws {
    let bytes = ModelFile.encode(try Self.model(), metadata: Self.metadata)
    let text = String(decoding: bytes.prefix(16), as: UTF8.self)
    #expect(text == "mltutor-model 1\n")
    let headerEnd = try #require(bytes[16...].firstIndex(of: UInt8(ascii: "\n")))
    let parameters = 3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2
    #expect(
      bytes.count - (headerEnd + 1) == 4 * parameters, "float32 payload after the header line")
  }

  @Test func truncatedFilesSayTruncated() throws {
    let bytes = ModelFile.encode(try Self.model(), metadata: Self.metadata)
    let headerEnd = try #require(bytes[16...].firstIndex(of: UInt8(ascii: "\n")))
    // Cuts in the first line, in the JSON header, at the payload's start, inside it, and
    // one byte short of the end.
    for cut in [0, 1, 8, 15, 16, 40, headerEnd, headerEnd + 1, headerEnd + 7, bytes.count - 1] {
      let problem = Self.problem(Array(bytes.prefix(cut)))
      #expect(problem?.contains("truncated") == true, "cut at byte \(cut): \(problem ?? "-")")
    }
  }

  @Test func truncatedFileOnDiskNamesTheFile() throws {
    let path = Fixtures.temporaryPath("truncated.mlt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let bytes = ModelFile.encode(try Self.model())
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes.dropLast(10))))
    #expect {
      try ModelFile.load(path)
    } throws: { error in
      let text = "\(error)"
      return text.hasPrefix(path) && text.contains("truncated")
    }
  }

  @Test func wrongMagic() throws {
    let problem = Self.problem(Array("PK\u{3}\u{4} this is a zip\n{}\n".utf8))
    #expect(problem?.contains("not an mltutor model file") == true, "\(problem ?? "-")")
    let newer = Self.problem(Array("mltutor-model 3\n{}\n".utf8))
    #expect(newer?.contains("version") == true, "\(newer ?? "-")")
  }

  @Test func corruptPayloadFailsTheCRC() throws {
    var bytes = ModelFile.encode(try Self.model())
    bytes[bytes.count - 5] ^= 0x10
    let problem = Self.problem(bytes)
    #expect(
      problem?.contains("corrupt") == true && problem?.contains("CRC") == true, "\(problem ?? "-")")
  }

  @Test func otherDamage() throws {
    let bytes = ModelFile.encode(try Self.model())
    let extra = Self.problem(bytes + [0, 0])
    #expect(extra?.contains("2 unexpected bytes") == true, "\(extra ?? "-")")
    let headerEnd = try #require(bytes[16...].firstIndex(of: UInt8(ascii: "\n")))
    let badHeader = Array(bytes[0..<16]) + Array("{\"architecture\": 3}".utf8) + bytes[headerEnd...]
    let header = Self.problem(badHeader)
    #expect(header?.contains("header") == true, "\(header ?? "-")")
    let missing = Fixtures.temporaryPath("absent.mlt")
    #expect(
      throws: EngineError.modelFile(path: missing, problem: "no such file")
    ) {
      try ModelFile.load(missing)
    }
  }

  /// numpy reads the file in a few lines (the loader the README documents) and computes the
  /// same forward pass, x @ W + b with ReLU between layers.
  @Test(.enabled(if: Self.numpyAvailable, "python3 with numpy is not installed"))
  func numpyReadsTheFile() throws {
    var g = SeededGenerator(seed: 23)
    let net = try Network(
      Architecture(sizes: [3, 6, 4, 2], activation: .relu, task: .regression), initializer: .he,
      generator: &g)
    for dense in net.denseLayers {
      for i in 0..<dense.bias.count { dense.bias.value.values[i] = g.uniform(-0.5, 0.5) }
    }
    let path = Fixtures.temporaryPath("numpy.mlt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ModelFile.save(net, to: path, metadata: ["note": "numpy test"])
    let x = Matrix([[0.5, -1.5, 2.0], [1.0, 0.25, -0.75], [-2.0, 0.0, 1.0]])
    let script = """
      import json, sys
      import numpy as np
      with open(sys.argv[1], "rb") as f:
          assert f.readline() == b"mltutor-model 1\\n"
          header = json.loads(f.readline())
          payload = np.frombuffer(f.read(), dtype="<f4")
      params, offset = {}, 0
      for p in header["parameters"]:
          n = p["shape"][0] * p["shape"][1]
          params[p["name"]] = payload[offset:offset + n].reshape(p["shape"])
          offset += n
      x = np.array(json.loads(sys.argv[2]), dtype=np.float32)
      layers = len(header["architecture"]["sizes"]) - 1
      for i in range(1, layers + 1):
          x = x @ params[f"dense{i}.weights"] + params[f"dense{i}.bias"]
          if i < layers:
              x = np.maximum(x, 0)
      print(json.dumps([float(v) for v in x.ravel()]))
      """
    let rows = (0..<x.rows).map { x.row($0).map { "\($0)" }.joined(separator: ",") }
    let output = try Self.python(["-c", script, path, "[[" + rows.joined(separator: "],[") + "]]"])
    let values = try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Double],
      "numpy printed \(output)")
    let engine = net.predict(x).values.map(Double.init)
    #expect(engine.count == 6)
    expectAllClose(values, engine, absolute: 1e-5, "numpy forward pass against predict")
  }

  static let numpyAvailable: Bool = (try? python(["-c", "import numpy"])) != nil

  /// Runs python3 with `arguments` and returns its standard output; throws when it fails.
  static func python(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: data, as: UTF8.self)
  }
}

/// What a save may replace, and headers that claim more than their file holds.
@Suite struct ModelFileSafetyTests {
  @Test func onlyAModelFileIsReplaced() throws {
    let net = try ModelFileTests.model()
    let notes = Fixtures.temporaryPath("notes.txt")
    try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: notes))
    #expect(throws: EngineError.modelFile(
      path: notes, problem: "exists and is not an mltutor model file: choose another name, or remove it first")
    ) { try ModelFile.save(net, to: notes) }
    #expect(FileManager.default.contents(atPath: notes) == Data("my notes\n".utf8), "the notes are untouched")
    let empty = Fixtures.temporaryPath("empty.mlt")
    #expect(FileManager.default.createFile(atPath: empty, contents: nil))
    try ModelFile.save(net, to: empty)
    try ModelFile.save(net, to: empty)
    ModelFileTests.expectSame(try ModelFile.load(empty).0, net)
  }

  /// A header line that describes a model the payload does not match.
  static func file(sizes: [Int], payload: Int, crc: UInt32 = 0, extra: [UInt8] = []) -> [UInt8] {
    var parameters: [String] = []
    for (i, (a, b)) in zip(sizes, sizes.dropFirst()).enumerated() {
      parameters.append(#"{"name":"dense\#(i + 1).weights","shape":[\#(a),\#(b)]}"#)
      parameters.append(#"{"name":"dense\#(i + 1).bias","shape":[1,\#(b)]}"#)
    }
    let header =
      #"{"architecture":{"sizes":[\#(sizes.map(String.init).joined(separator: ","))],"activation":"relu","task":"regression"},"#
      + #""parameters":[\#(parameters.joined(separator: ","))],"payload_bytes":\#(payload),"crc32":\#(crc),"metadata":{}}"#
    return Array("mltutor-model 1\n\(header)\n".utf8) + extra
  }

  @Test func aHeaderIsCheckedAgainstItsPayloadFirst() throws {
    // 90 million parameters announced, none there: refused from the header alone.
    let promised = ModelFileTests.problem(Self.file(sizes: [9000, 10000], payload: 0))
    #expect(promised == "the header promises 0 bytes but the parameters need 360,040,000")
    let path = Fixtures.temporaryPath("claims.mlt")
    try Data(Self.file(sizes: [9000, 10000], payload: 360_040_000)).write(to: URL(fileURLWithPath: path))
    let header = Self.file(sizes: [9000, 10000], payload: 360_040_000).count
    #expect(throws: EngineError.modelFile(
      path: path, problem: "truncated: expected 360,040,000 bytes of parameters from byte \(header.formatted), found 0")
    ) { try ModelFile.load(path) }
  }
}
