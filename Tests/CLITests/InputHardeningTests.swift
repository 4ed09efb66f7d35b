import Datasets
import Foundation
import Testing

/// Hostile input at the command line: sizes too large to allocate, files whose headers lie,
/// devices and pipes, paths that cannot be saved to. Each is refused in one line (or read
/// with a cap), never a crash. `MLTUTOR_MEMORY_LIMIT` makes the budget the same on every
/// machine; `ulimit -v` makes an allocation the input dictates crash the old way.
@Suite(.serialized) struct InputHardeningTests {
  /// Runs `mltutor ARGS` with its address space limited to `kilobytes`.
  static func runLimited(
    _ kilobytes: Int, _ arguments: [String], environment: [String: String] = [:], input: URL? = nil
  ) throws -> Binary.Run {
    guard let path = Binary.path else { throw Binary.MissingBinary() }
    return try Binary.runProgram(
      "/bin/sh", ["-c", "ulimit -v \(kilobytes); exec \"$0\" \"$@\"", path] + arguments,
      environment: environment, input: input)
  }

  static func write(_ text: String, _ name: String, in dir: URL) throws -> URL {
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  static func bigEndian(_ words: [UInt32]) -> [UInt8] {
    words.flatMap { w in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: w >> $0) } }
  }

  // MARK: sizes

  @Test func aModelTooLargeForMemoryIsRefusedInOneLine() throws {
    let run = try Binary.run(
      [
        "train", "--data", "xor", "-o", "n=1000000", "--model", "2-1000000-2", "--batch", "1000000",
        "--threads", "1",
      ], environment: ["MLTUTOR_MEMORY_LIMIT": "4G"])
    #expect(run.status == 1)
    #expect(
      run.stderr
        == "mltutor: model 2-1000000-2 with batch 1000000 needs 43.7 TB, more than the 4.0 GB this machine allows (MLTUTOR_MEMORY_LIMIT)\n")
    #expect(run.stdout.isEmpty)
  }

  @Test func theTutorRefusesModelsBatchesForksAndDataThatWouldNotFit() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var rows = "x,y\n"
    for i in 0..<300_000 { rows += "\(i % 997),\(i % 13)\n" }
    let csv = try Self.write(rows, "rows.csv", in: dir)
    let script = try Self.write(
      """
      data apartments
      model 1-1000000-1
      model 1-100000-1
      set batch 44126
      fork b
      fork c
      data csv:\(csv.path):y task=regression
      step
      """, "s.mlt", in: dir)
    let run = try Binary.run(
      ["repl", script.path], environment: ["MLTUTOR_MEMORY_LIMIT": "600M", "OPENBLAS_NUM_THREADS": "1"])
    #expect(run.status == 1, "\(run.stderr)")
    let errors = run.stderr.split(separator: "\n").map(String.init)
    #expect(errors.count == 2, "\(errors)")
    let allows = ", more than the 600.0 MB this machine allows (MLTUTOR_MEMORY_LIMIT)"
    #expect(errors.first?.hasPrefix("line 2: model 1-1000000-1 with batch 32 needs 1.") == true, "\(errors)")
    #expect(errors.first?.hasSuffix(" GB" + allows) == true, "\(errors)")
    #expect(errors.last?.hasPrefix("line 6: keeping 3 runs of model 1-100000-1 needs ") == true, "\(errors)")
    #expect(errors.last?.hasSuffix(allows) == true, "\(errors)")
    #expect(run.stdout.contains("batch = 44126"), "a batch larger than the data takes the data: \(run.stdout)")
    #expect(
      run.stdout.contains("model 1-100000-1 cannot be kept (model 1-100000-1 with batch 44126 needs "),
      "300,000 rows make a batch of 44,126 rows real: \(run.stdout)")
    #expect(run.stdout.contains("step 1 (epoch 1): a batch of 44126 examples"), "\(run.stdout)")

    let generated = try Binary.run(
      ["data", "info", "xor", "n=1000000"], environment: ["MLTUTOR_MEMORY_LIMIT": "10M"])
    #expect(generated.status == 1)
    #expect(
      generated.stderr
        == "mltutor: xor: generating 1,000,200 examples needs 34.3 MB, more than the 10.0 MB this machine allows (MLTUTOR_MEMORY_LIMIT)\n")
    let tight = try Binary.run(
      ["data", "info", "csv:\(csv.path):y"], environment: ["MLTUTOR_MEMORY_LIMIT": "10M"])
    #expect(tight.status == 1)
    #expect(tight.stderr.hasPrefix("mltutor: \(csv.path): reading 300,002 lines of 2 columns needs "), "\(tight.stderr)")
    #expect(tight.stderr.hasSuffix("more than the 10.0 MB this machine allows (MLTUTOR_MEMORY_LIMIT)\n"))
  }

  // MARK: headers that lie

  @Test(.enabled(if: ProcessInfo.processInfo.environment["MLTUTOR_SANITIZER"] == nil, "a sanitizer needs more address space than the limit"))
  func idxHeadersAreCheckedAgainstTheFile() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let images = dir.appendingPathComponent("images.idx")
    try Data(Self.bigEndian([0x803, 5_000_000, 28, 28]) + [UInt8](repeating: 0, count: 784)).write(to: images)
    let labels = dir.appendingPathComponent("labels.idx")
    try Data(Self.bigEndian([0x801, 1_000_000_000]) + [UInt8](repeating: 0, count: 200)).write(to: labels)
    let small = dir.appendingPathComponent("small.idx")
    try Data(Self.bigEndian([0x803, 2, 1, 1]) + [0, 0]).write(to: small)
    let two = dir.appendingPathComponent("two.idx")
    try Data(Self.bigEndian([0x801, 2]) + [0, 1]).write(to: two)
    let gz = dir.appendingPathComponent("labels.idx.gz")
    try Data(Gzip.compress(Self.bigEndian([0x801, 1_000_000_000]) + [UInt8](repeating: 0, count: 100))).write(to: gz)
    // 600 MB of address space: reading what the headers claim (1 to 3.9 GB) would crash.
    let cases: [(String, String)] = [
      ("\(images.path),\(two.path)",
       "\(images.path): byte 800: too few bytes: expected 3,920,000,000 bytes of image data after the 16-byte header, found 784"),
      ("\(small.path),\(labels.path)",
       "\(labels.path): byte 208: too few bytes: expected 1,000,000,000 bytes of label data after the 8-byte header, found 200"),
      ("\(small.path),\(gz.path)",
       "\(gz.path): byte 108: too few bytes: expected 1,000,000,000 bytes of label data after the 8-byte header, found 100"),
      ("\(dir.path),\(two.path)", "\(dir.path): is a folder, not a file"),
    ]
    for (spec, message) in cases {
      let run = try Self.runLimited(600_000, ["data", "info", "idx:" + spec], environment: ["MLTUTOR_MEMORY_LIMIT": "100G"])
      #expect(run.status == 1)
      #expect(run.stderr == "mltutor: \(message)\n")
    }
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["MLTUTOR_SANITIZER"] == nil, "a sanitizer needs more address space than the limit"))
  func modelFilesAreReadNoFurtherThanTheyShouldBe() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A header that announces 90 million parameters and none follow.
    let header =
      #"{"architecture":{"sizes":[9000,10000],"activation":"relu","task":"regression"},"parameters":"#
      + #"[{"name":"dense1.weights","shape":[9000,10000]},{"name":"dense1.bias","shape":[1,10000]}],"#
      + #""payload_bytes":0,"crc32":0,"metadata":{}}"#
    let claims = try Self.write("mltutor-model 1\n\(header)\n", "claims.mlt", in: dir)
    let script = try Self.write("load /dev/zero\nload \(claims.path)\nload \(dir.path)\n", "s.mlt", in: dir)
    let run = try Self.runLimited(600_000, ["repl", script.path])
    #expect(run.status == 1)
    #expect(
      run.stderr == """
        line 1: /dev/zero: not an mltutor model file: it should start with the line 'mltutor-model 1'
        line 2: \(claims.path): the header promises 0 bytes but the parameters need 360,040,000
        line 3: \(dir.path): is a folder, not a file

        """)
  }

  // MARK: scripts from folders, devices and pipes

  @Test func scriptsFromFoldersDevicesAndPipes() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let folder = try Binary.run(["repl", dir.path])
    #expect(folder.status == 1)
    #expect(folder.stderr == "mltutor: cannot read \(dir.path): is a folder, not a file\n")
    let script = try Self.write("data xor\nquit\n", "s.mlt", in: dir)
    let stdin = try Binary.run(["repl", "/dev/stdin"], input: script)
    #expect(stdin.status == 0, "\(stdin.stderr)")
    #expect(stdin.stdout.hasPrefix("xor: "), "\(stdin.stdout)")
    let fifo = dir.appendingPathComponent("fifo").path
    try #require(mkfifo(fifo, 0o600) == 0)
    Thread.detachNewThread {
      guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
      handle.write(Data("data moons\n".utf8))
      try? handle.close()
    }
    let piped = try Binary.run(["repl", fifo])
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout.hasPrefix("moons: "), "\(piped.stdout)")
  }
}
