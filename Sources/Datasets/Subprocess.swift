import Foundation

/// Runs a program and waits for it: its exit status and what it printed.
struct Subprocess {
  var status: Int32
  var output: String
  var errors: String

  /// `nil` when the program cannot be started (not installed).
  static func run(_ program: String, _ arguments: [String]) -> Subprocess? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // `env` exits 127 when it cannot find the program.
    if process.terminationStatus == 127 && outData.isEmpty { return nil }
    return Subprocess(
      status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
      errors: String(decoding: errData, as: UTF8.self))
  }
}

/// Small file-system questions.
enum Files {
  static func exists(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
  }

  /// The size in bytes, or nil when there is no such file.
  static func size(_ path: String) -> Int? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
    return (attributes[.size] as? NSNumber)?.intValue
  }
}

func fileExists(_ path: String) -> Bool { Files.exists(path) }
