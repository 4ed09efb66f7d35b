import Foundation

/// Runs the mltutor executable as a learner would, capturing what it prints.
///
/// The binary is `$MLTUTOR_BIN` (set by `make test` to the release build), else the first of
/// `.build/release/mltutor` and `.build/debug/mltutor` found from the package root.
enum Binary {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static let packageRoot: URL = {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" {
      if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
        return dir
      }
      dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }()

  static var path: String? {
    if let bin = ProcessInfo.processInfo.environment["MLTUTOR_BIN"], !bin.isEmpty { return bin }
    for config in ["release", "debug"] {
      let candidate = packageRoot.appendingPathComponent(".build/\(config)/mltutor").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs `mltutor ARGS` with `environment` added, in `directory`, with standard input read
  /// from the file `input` (none when nil).
  static func run(
    _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
    input: URL? = nil
  ) throws -> Run {
    guard let path else { throw MissingBinary() }
    return try runProgram(path, arguments, environment: environment, directory: directory, input: input)
  }

  static func runProgram(
    _ program: String, _ arguments: [String], environment: [String: String] = [:],
    directory: URL? = nil, input: URL? = nil
  ) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    // Output goes to files, read after the child exits: no pipe can fill up and block it.
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("stdout")
    let errURL = dir.appendingPathComponent("stderr")
    for url in [outURL, errURL] {
      guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw CocoaError(.fileWriteUnknown)
      }
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    let inputHandle = try input.map { try FileHandle(forReadingFrom: $0) }
    defer { try? inputHandle?.close() }
    process.standardInput = inputHandle ?? FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Run(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }

  struct MissingBinary: Error, CustomStringConvertible {
    var description: String { "no mltutor binary: run `swift build` or set MLTUTOR_BIN" }
  }
}

/// A fresh temporary folder for one test.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("mltutor-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// The JSON objects printed one per line.
func jsonLines(_ text: String) throws -> [[String: Any]] {
  try text.split(separator: "\n").map { line in
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return object as? [String: Any] ?? [:]
  }
}
