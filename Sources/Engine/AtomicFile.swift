#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that a reader sees either the old content or the new, never a mix:
/// the bytes go to a temporary file in the same folder, are flushed to disk, then renamed.
public enum AtomicFile {
  public struct FileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
  }

  public static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
    let temporary = "\(path).tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
    var written = 0
    let failure: String? = bytes.withUnsafeBytes { raw -> String? in
      while written < raw.count {
        let n = Glibc.write(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return String(cString: strerror(errno))
        }
        written += n
      }
      return nil
    }
    if let failure {
      close(fd)
      unlink(temporary)
      throw FileError(path: path, reason: failure)
    }
    if fsync(fd) != 0 || close(fd) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw FileError(path: path, reason: reason)
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw FileError(path: path, reason: reason)
    }
  }

  /// The whole content of a file, or nil with the system's reason.
  public static func read(_ path: String) -> Result<[UInt8], FileError> {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      return .failure(FileError(path: path, reason: String(cString: strerror(errno))))
    }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(FileError(path: path, reason: String(cString: strerror(errno))))
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
    }
    return .success(out)
  }
}
