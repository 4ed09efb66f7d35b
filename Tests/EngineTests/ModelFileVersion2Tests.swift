import Engine
import Foundation
import Testing

/// Version 2 of the model file: residual blocks and batch normalisation with its running
/// statistics, exactly; plain networks still written as version 1.
@Suite struct ModelFileVersion2Tests {
  /// A batch-normalised classifier trained a few steps, so that every scale, shift and running
  /// statistic has moved from where it starts.
  static func trained(_ spec: String) throws -> Network {
    let data = Fixtures.blobs(count: 64, features: 6, classes: 3, seed: 2)
    let a = try Architecture.parse(spec, activation: .tanh, task: .classification, inputs: 6, outputs: 3)
    let t = try Trainer(
      architecture: a, initializer: .xavier, hyper: Fixtures.hyper(lr: 0.2, batch: 16), seed: 3, train: data)
    for _ in 0..<6 { try t.step() }
    return t.network
  }

  static func header(_ bytes: [UInt8]) throws -> (String, [String: Any]) {
    let lines = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
    let json = try JSONSerialization.jsonObject(with: Data(lines[1])) as? [String: Any]
    return (String(decoding: lines[0], as: UTF8.self), try #require(json))
  }

  @Test func batchNormalisationRoundTripsExactly() throws {
    let net = try Self.trained("6-5x2-3 batchnorm")
    let bytes = ModelFile.encode(net, metadata: ["seed": "3"])
    let (first, header) = try Self.header(bytes)
    #expect(first == "mltutor-model 2")
    let architecture = try #require(header["architecture"] as? [String: Any])
    #expect(architecture["blocks"] as? String == "batchnorm")
    let parameters = try #require(header["parameters"] as? [[String: Any]]).compactMap { $0["name"] as? String }
    #expect(
      parameters == [
        "dense1.weights", "dense1.bias", "norm1.scale", "norm1.shift", "dense2.weights", "dense2.bias",
        "norm2.scale", "norm2.shift", "dense3.weights", "dense3.bias",
      ])
    let statistics = try #require(header["statistics"] as? [[String: Any]])
    #expect(
      statistics.compactMap { $0["name"] as? String } == [
        "norm1.running_mean", "norm1.running_var", "norm2.running_mean", "norm2.running_var",
      ])
    #expect(statistics.compactMap { $0["shape"] as? [Int] } == Array(repeating: [1, 5], count: 4))
    // 6·5 + 5 + 2·5 + 5·5 + 5 + 2·5 + 5·3 + 3 = 103 parameters and 20 statistics.
    #expect(header["payload_bytes"] as? Int == (103 + 20) * 4)
    let (loaded, metadata) = try ModelFile.decode(bytes, path: "m.mlt")
    #expect(metadata == ["seed": "3"])
    ModelFileTests.expectSame(loaded, net)
    #expect(
      loaded.statistics.map { bits($0.values) } == net.statistics.map { bits($0.values) },
      "running statistics are bit-identical")
    #expect(net.statistics[0].values != [0, 0, 0, 0, 0], "training moved them")
    let x = Matrix(rows: 2, cols: 6, values: (0..<12).map { Float($0) / 12 })
    #expect(bits(loaded.predict(x).values) == bits(net.predict(x).values), "the same answers at inference")
  }

  @Test func residualRoundTripsExactlyAndSavesAndLoads() throws {
    let net = try Self.trained("6-5x3-3 residual")
    let bytes = ModelFile.encode(net)
    let (first, header) = try Self.header(bytes)
    #expect(first == "mltutor-model 2")
    #expect((header["statistics"] as? [Any])?.isEmpty == true)
    let path = Fixtures.temporaryPath("residual.mlt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ModelFile.save(net, to: path)
    let (loaded, _) = try ModelFile.load(path)
    ModelFileTests.expectSame(loaded, net)
    #expect(loaded.layers.filter { $0 is ResidualBlock }.count == 2)
  }

  @Test func plainNetworksAreStillVersion1() throws {
    let bytes = ModelFile.encode(try Self.trained("6-5x2-3"))
    let (first, header) = try Self.header(bytes)
    #expect(first == "mltutor-model 1")
    #expect(header["statistics"] == nil)
    #expect((header["architecture"] as? [String: Any])?["blocks"] == nil)
  }

  /// Replaces the first occurrence of `old` in the header line.
  static func edited(_ bytes: [UInt8], _ old: String, _ new: String) -> [UInt8] {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let range = text.range(of: old) else { return bytes }
    return Array(text.replacingCharacters(in: range, with: new).utf8)
  }

  @Test func damagedVersion2FilesSayWhat() throws {
    let bytes = ModelFile.encode(try Self.trained("6-5x2-3 batchnorm"))
    let asVersion1 = ModelFileTests.problem(Self.edited(bytes, "mltutor-model 2", "mltutor-model 1"))
    #expect(asVersion1?.contains("a version-1 file cannot hold batchnorm blocks") == true, "\(asVersion1 ?? "-")")
    let renamed = ModelFileTests.problem(Self.edited(bytes, "norm2.running_var", "norm2.running_va_"))
    #expect(renamed?.contains("the statistics list does not match the architecture 6-5-5-3 batchnorm") == true, "\(renamed ?? "-")")
    let residual = ModelFileTests.problem(Self.edited(bytes, "\"batchnorm\"", "\"residual\""))
    #expect(residual?.contains("the parameter list does not match") == true, "\(residual ?? "-")")
    let short = ModelFileTests.problem(Array(bytes.dropLast(4)))
    #expect(short?.contains("truncated") == true, "\(short ?? "-")")
  }
}
