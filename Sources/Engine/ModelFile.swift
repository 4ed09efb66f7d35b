import CZlib
import Foundation

/// Saves and loads trained networks.
///
/// Format (version 1), all in one file:
/// 1. the line `mltutor-model 1` (ASCII, ending in a newline);
/// 2. one line of JSON: `architecture` (sizes, activation, task), `parameters` (name and shape
///    of each tensor, in order), `payload_bytes`, `crc32` (zlib's CRC-32 of the payload) and
///    `metadata` (free-form strings: settings, data set, seed);
/// 3. the payload: every parameter's values as little-endian float32, row-major, in order.
///
/// Dense weights have shape inputs × outputs, so numpy computes a layer as `x @ W + b`.
///
/// Version 2 is written for a network with residual blocks or batch normalisation; a plain
/// network is still written as version 1, byte for byte as before. Both versions are read.
/// Version 2 is version 1 with these differences:
/// 1. the first line is `mltutor-model 2`;
/// 2. `architecture` has a field `blocks`, the string `"residual"` or `"batchnorm"` (a header
///    without it, as every version-1 header, is plain);
/// 3. `parameters` lists the tensors in the network's order. With `"residual"` they are the
///    same as version 1's: for each dense layer i = 1, 2, … (sizes[i−1] → sizes[i]),
///    `dense<i>.weights` [sizes[i−1], sizes[i]] then `dense<i>.bias` [1, sizes[i]]. With
///    `"batchnorm"`, each hidden dense layer i (every one but the last) is followed by
///    `norm<i>.scale` [1, sizes[i]] (γ) then `norm<i>.shift` [1, sizes[i]] (β);
/// 4. a field `statistics` lists, in the same way, the state that is not learned: for each
///    batch normalisation, `norm<i>.running_mean` [1, sizes[i]] then `norm<i>.running_var`
///    [1, sizes[i]] (the unbiased running variance); it is `[]` for `"residual"`;
/// 5. the payload holds every parameter's values, then every statistic's, all little-endian
///    float32 in the order listed; `payload_bytes` and `crc32` cover both.
///
/// The layers, for a hidden activation f (the output layer is always x·W + b):
/// - `"residual"`: dense layer i with 2 ≤ i ≤ (number of dense layers − 1) and
///   sizes[i−1] = sizes[i] computes y = x + f(x·W + b); the others compute f(x·W + b);
/// - `"batchnorm"`: hidden dense layer i computes
///   f(γ · (x·W + b − running_mean) / √(running_var + 1e-5) + β) at inference (training uses
///   the batch's mean and biased variance instead, and moves the running ones by momentum 0.1),
///   as PyTorch's `Linear` → `BatchNorm1d(eps=1e-5, momentum=0.1)` → activation.
public enum ModelFile {
  public static let magicLine = "mltutor-model 1"
  /// The first line of a version-2 file (residual blocks or batch normalisation).
  public static let magicLineVersion2 = "mltutor-model 2"

  struct Header: Codable {
    var architecture: Architecture
    var parameters: [Tensor]
    var payload_bytes: Int
    var crc32: UInt32
    var metadata: [String: String]
    /// Version 2 only: the batch normalisations' running statistics.
    var statistics: [Tensor]?
  }

  struct Tensor: Codable {
    var name: String
    var shape: [Int]
  }

  /// The file's bytes for `network`: version 1 for a plain network, else version 2.
  public static func encode(_ network: Network, metadata: [String: String] = [:]) -> [UInt8] {
    let version2 = network.architecture.blocks != .plain
    let statistics = network.statistics
    var payload = [UInt8]()
    payload.reserveCapacity((network.parameterCount + statistics.reduce(0) { $0 + $1.count }) * 4)
    for values in network.parameters.map(\.value.values) + statistics.map(\.values) {
      for v in values {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { payload.append(contentsOf: $0) }
      }
    }
    let tensors = expectedTensors(network.architecture)
    let header = Header(
      architecture: network.architecture,
      parameters: network.parameters.map { Tensor(name: $0.name, shape: [$0.value.rows, $0.value.cols]) },
      payload_bytes: payload.count, crc32: checksum(payload), metadata: metadata,
      statistics: version2 ? tensors.statistics : nil)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json = (try? encoder.encode(header)) ?? Data("{}".utf8)
    let first = version2 ? magicLineVersion2 : magicLine
    return Array((first + "\n").utf8) + Array(json) + [UInt8(ascii: "\n")] + payload
  }

  /// The tensors a file holds for `a`, parameters and statistics, in order (see the format).
  static func expectedTensors(_ a: Architecture) -> (parameters: [Tensor], statistics: [Tensor]) {
    var parameters: [Tensor] = []
    var statistics: [Tensor] = []
    let last = a.sizes.count - 2
    for (i, io) in zip(a.sizes, a.sizes.dropFirst()).enumerated() {
      parameters += [
        Tensor(name: "dense\(i + 1).weights", shape: [io.0, io.1]), Tensor(name: "dense\(i + 1).bias", shape: [1, io.1]),
      ]
      guard a.blocks == .batchnorm, i < last else { continue }
      parameters += [
        Tensor(name: "norm\(i + 1).scale", shape: [1, io.1]), Tensor(name: "norm\(i + 1).shift", shape: [1, io.1]),
      ]
      statistics += [
        Tensor(name: "norm\(i + 1).running_mean", shape: [1, io.1]),
        Tensor(name: "norm\(i + 1).running_var", shape: [1, io.1]),
      ]
    }
    return (parameters, statistics)
  }

  /// Writes `network` to `path` atomically. An existing file is replaced only when it is an
  /// mltutor model file (or empty): anything else is the learner's and is refused.
  public static func save(
    _ network: Network, to path: String, metadata: [String: String] = [:]
  ) throws(EngineError) {
    try checkSavable(path)
    do {
      try AtomicFile.write(encode(network, metadata: metadata), to: path)
    } catch {
      throw .modelFile(path: path, problem: error.reason)
    }
  }

  /// Fails unless a model can be saved at `path`: a folder that exists and may be written in,
  /// and no file there but a model file. To call before training whose result goes there.
  public static func checkSavable(_ path: String) throws(EngineError) {
    do {
      try AtomicFile.checkWritable(path)
    } catch {
      throw .modelFile(path: path, problem: error.reason)
    }
    guard let input = try? FileInput(path: path), let head = try? input.read(upTo: magicLine.utf8.count),
      !head.isEmpty
    else { return }
    guard head.starts(with: Array("mltutor-model ".utf8)) else {
      throw .modelFile(
        path: path, problem: "exists and is not an mltutor model file: choose another name, or remove it first")
    }
  }

  /// The longest header line read (its metadata are a few settings).
  static let headerLimit = 1 << 20

  /// Reads a network and its metadata from `path`. The header is checked against the file's
  /// size before the parameters are read, and nothing past what it announces is read, so a
  /// device, a pipe or a damaged file costs no more memory than a real model.
  public static func load(_ path: String) throws(EngineError) -> (Network, [String: String]) {
    func fail(_ problem: String) -> EngineError { .modelFile(path: path, problem: problem) }
    func reading<T>(_ body: () throws(AtomicFile.FileError) -> T) throws(EngineError) -> T {
      do { return try body() } catch { throw fail(error.reason) }
    }
    let input = try reading { () throws(AtomicFile.FileError) in try FileInput(path: path) }
    let magic = Array((magicLine + "\n").utf8)
    var bytes = try reading { () throws(AtomicFile.FileError) in try input.read(upTo: magic.count) }
    guard bytes == magic || bytes == Array((magicLineVersion2 + "\n").utf8) else { return try decode(bytes, path: path) }
    let line = try reading { () throws(AtomicFile.FileError) in try input.readLine(limit: headerLimit) }
    bytes += line
    guard line.last == UInt8(ascii: "\n") else {
      if line.count < headerLimit { return try decode(bytes, path: path) }
      throw fail(
        "the header that starts at byte \(magic.count) is longer than "
          + "\(MemoryBudget.describe(headerLimit)): this is not a model file")
    }
    let header = try parseHeader(line.dropLast(), at: magic.count, path: path)
    try checkPayload(header, version2: bytes.starts(with: Array(magicLineVersion2.utf8)), path: path)
    if let remaining = input.remaining {
      try checkLength(available: remaining, header: header, payloadStart: bytes.count, path: path)
    }
    let payload = try reading { () throws(AtomicFile.FileError) in try input.read(upTo: header.payload_bytes + 1) }
    return try decode(bytes + payload, path: path)
  }

  /// Parses a model file's bytes; every error names `path` and what is wrong where.
  public static func decode(_ bytes: [UInt8], path: String) throws(EngineError) -> (Network, [String: String]) {
    func fail(_ problem: String) -> EngineError { .modelFile(path: path, problem: problem) }
    let magic = Array((magicLine + "\n").utf8)
    if bytes.count < magic.count && magic.starts(with: bytes) {
      throw fail(
        bytes.isEmpty
          ? "truncated: the file is empty"
          : "truncated: the file ends after \(bytes.count) bytes, inside its first line")
    }
    guard let firstEnd = bytes.firstIndex(of: UInt8(ascii: "\n")),
      [magicLine, magicLineVersion2].contains(String(decoding: bytes[0..<firstEnd], as: UTF8.self))
    else {
      if bytes.starts(with: Array("mltutor-model ".utf8)) {
        throw fail("unsupported model file version (this mltutor reads '\(magicLine)' and '\(magicLineVersion2)')")
      }
      throw fail("not an mltutor model file: it should start with the line '\(magicLine)'")
    }
    let headerStart = firstEnd + 1
    guard let headerEnd = bytes[headerStart...].firstIndex(of: UInt8(ascii: "\n")) else {
      throw fail("truncated: the header that starts at byte \(headerStart) has no end")
    }
    let header = try parseHeader(bytes[headerStart..<headerEnd], at: headerStart, path: path)
    try checkPayload(header, version2: bytes.starts(with: Array(magicLineVersion2.utf8)), path: path)
    let payloadStart = headerEnd + 1
    try checkLength(available: bytes.count - payloadStart, header: header, payloadStart: payloadStart, path: path)
    let payload = Array(bytes[payloadStart...])
    let crc = checksum(payload)
    guard crc == header.crc32 else {
      throw fail("corrupt: the parameters' CRC-32 is \(crc), the header says \(header.crc32)")
    }
    var generator = SeededGenerator(seed: 0)
    let network: Network
    do {
      network = try Network(header.architecture, initializer: .zeros, generator: &generator)
    } catch {
      throw fail("the header describes an invalid model: \(error)")
    }
    var offset = 0
    func read(_ m: inout Matrix) {
      for i in 0..<m.count {
        let bits =
          UInt32(payload[offset]) | UInt32(payload[offset + 1]) << 8
          | UInt32(payload[offset + 2]) << 16 | UInt32(payload[offset + 3]) << 24
        m.values[i] = Float(bitPattern: bits)
        offset += 4
      }
    }
    for p in network.parameters { read(&p.value) }
    var statistics = network.statistics
    for i in statistics.indices { read(&statistics[i]) }
    network.statistics = statistics
    return (network, header.metadata)
  }

  /// The header line (without its newline) that starts at byte `start`.
  private static func parseHeader(_ line: ArraySlice<UInt8>, at start: Int, path: String)
    throws(EngineError) -> Header
  {
    do {
      return try JSONDecoder().decode(Header.self, from: Data(line))
    } catch {
      throw .modelFile(path: path, problem: "the header at byte \(start) is not valid: \(describe(error))")
    }
  }

  /// Checks, before anything is allocated, that the architecture is one the engine accepts
  /// (and the file's version can hold), that the tensor lists and the payload size agree with
  /// it, and that the model fits the memory budget.
  private static func checkPayload(_ header: Header, version2: Bool, path: String) throws(EngineError) {
    func fail(_ problem: String) -> EngineError { .modelFile(path: path, problem: problem) }
    do {
      try header.architecture.validate()
    } catch {
      throw fail("the header describes an invalid model: \(error)")
    }
    let a = header.architecture
    if !version2 && a.blocks != .plain {
      throw fail("a version-1 file cannot hold \(a.blocks.rawValue) blocks: its first line should be '\(magicLineVersion2)'")
    }
    let expected = expectedTensors(a)
    guard expected.parameters.map(\.name) == header.parameters.map(\.name),
      expected.parameters.map(\.shape) == header.parameters.map(\.shape)
    else {
      throw fail("the parameter list does not match the architecture \(a.specText)")
    }
    let statistics = header.statistics ?? []
    guard expected.statistics.map(\.name) == statistics.map(\.name),
      expected.statistics.map(\.shape) == statistics.map(\.shape)
    else {
      throw fail("the statistics list does not match the architecture \(a.specText)")
    }
    let statisticCount = expected.statistics.reduce(0) { $0 + $1.shape[1] }
    guard (a.parameterCount + statisticCount) * 4 == header.payload_bytes else {
      let what = statisticCount > 0 ? "the parameters and statistics need" : "the parameters need"
      throw fail(
        "the header promises \(header.payload_bytes.formatted) bytes but \(what) "
          + "\(((a.parameterCount + statisticCount) * 4).formatted)")
    }
    do {
      // The file's bytes, the payload's copy, and the network's weights and gradients.
      try MemoryBudget.current.check(
        MemoryEstimate.model(a, optimizer: .sgd) + 2 * header.payload_bytes,
        for: "the model \(a.sizesText) it holds")
    } catch {
      throw fail(error.description)
    }
  }

  /// The payload must be exactly as long as the header says.
  private static func checkLength(available: Int, header: Header, payloadStart: Int, path: String)
    throws(EngineError)
  {
    func fail(_ problem: String) -> EngineError { .modelFile(path: path, problem: problem) }
    if available < header.payload_bytes {
      throw fail(
        "truncated: expected \(header.payload_bytes.formatted) bytes of parameters from byte "
          + "\(payloadStart.formatted), found \(available.formatted)")
    }
    if available > header.payload_bytes {
      throw fail(
        "\((available - header.payload_bytes).formatted) unexpected bytes after the parameters, "
          + "from byte \((payloadStart + header.payload_bytes).formatted)")
    }
  }

  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer in
      UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
    }
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      let path = context.codingPath.map { $0.stringValue }.joined(separator: ".")
      return path.isEmpty ? "not JSON" : "bad value at '\(path)'"
    default: return "not JSON"
    }
  }
}
