import Foundation
import Glibc

/// What every fuzz target shares: the input as text or bytes, a scratch folder that each
/// input finds empty, and the repository's paths.
enum FuzzSupport {
  /// The repository's root: `$MLTUTOR_ROOT`, else found from this file's place in it
  /// (`Fuzz/Targets/`) when it was built.
  static let root = ProcessInfo.processInfo.environment["MLTUTOR_ROOT"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// A folder of this process's own (in memory, under /dev/shm, where there is one), made the
  /// working directory, emptied before each input so that no input depends on what an
  /// earlier one left.
  static let scratch: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
    let path = base + "mltutor-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    _ = FileManager.default.changeCurrentDirectoryPath(path)
    atexit { try? FileManager.default.removeItem(atPath: FuzzSupport.scratch) }
    return path
  }()

  static func emptyScratch() -> String {
    let path = scratch
    for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
      try? FileManager.default.removeItem(atPath: path + "/" + name)
    }
    return path
  }

  static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
  }

  static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  }

  /// Writes the input to a file of the scratch folder and returns its path.
  static func file(_ data: UnsafePointer<UInt8>, _ size: Int, name: String) -> String {
    let path = emptyScratch() + "/" + name
    write(UnsafeBufferPointer(start: data, count: size), to: path)
    return path
  }

  /// Writes bytes to a file with plain system calls (Foundation's writes sync to disk).
  static func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return }
    var done = 0
    while done < bytes.count, let base = bytes.baseAddress {
      let n = Glibc.write(fd, base + done, bytes.count - done)
      if n <= 0 { break }
      done += n
    }
    close(fd)
  }
}
