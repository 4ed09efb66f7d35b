import Foundation

/// mltutor linked again with the Swift runtime inside (`scripts/link-static.py`), from the
/// objects of the build `Binary.path` comes from, as `make` does: made once per test run, in
/// that build's folder (`mltutor-static` beside `mltutor`).
enum StaticBinary {
  static let made: Result<String, Problem> = {
    guard let bin = Binary.path else { return .failure(Problem("no mltutor binary")) }
    let real = URL(fileURLWithPath: bin).resolvingSymlinksInPath()
    // .build/x86_64-unknown-linux-gnu/release/mltutor: the manifest is .build/release.yaml.
    let configuration = real.deletingLastPathComponent()
    let scratch = configuration.deletingLastPathComponent().deletingLastPathComponent()
    let manifest = scratch.appendingPathComponent(configuration.lastPathComponent + ".yaml").path
    let output = configuration.appendingPathComponent("mltutor-static").path
    let script = Binary.packageRoot.appendingPathComponent("scripts/link-static.py").path
    do {
      let run = try Binary.runProgram("/usr/bin/env", ["python3", script, manifest, output])
      guard run.status == 0 else { return .failure(Problem(run.stderr)) }
      return .success(output)
    } catch {
      return .failure(Problem("\(error)"))
    }
  }()

  struct Problem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}

/// Runs a program with exactly `environment` (nothing inherited), in `directory`.
func runClean(
  _ program: String, _ arguments: [String], environment: [String: String], directory: URL
) throws -> Binary.Run {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program)
  process.arguments = arguments
  process.environment = environment
  process.currentDirectoryURL = directory
  let dir = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: dir) }
  let outURL = dir.appendingPathComponent("stdout")
  let errURL = dir.appendingPathComponent("stderr")
  // NB: a file that could not be made fails the FileHandle that opens it, just below.
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let out = try FileHandle(forWritingTo: outURL)
  let err = try FileHandle(forWritingTo: errURL)
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  try out.close()
  try err.close()
  return Binary.Run(
    status: process.terminationStatus,
    stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
    stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// Every file (not folder) under `root`, as paths relative to it, sorted.
func filesUnder(_ root: URL) -> [String] {
  guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
  var files: [String] = []
  while let name = walker.nextObject() as? String {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    {
      files.append(name)
    }
  }
  return files.sorted()
}
