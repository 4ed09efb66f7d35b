#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file read from start to end, never more than asked for: a regular file's size is known
/// before anything is read, so what a header claims can be checked against it; a pipe, a
/// device or standard input is read a chunk at a time up to a limit.
public final class FileInput {
  public let path: String
  /// The size of a regular file; nil for a pipe, a device or a terminal.
  public let size: Int?
  /// Bytes read so far.
  public private(set) var offset = 0
  private let fd: Int32

  public init(path: String) throws(AtomicFile.FileError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw AtomicFile.FileError(path: path, reason: FileInput.openProblem(errno)) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let reason = FileInput.reason(errno)
      close(fd)
      throw AtomicFile.FileError(path: path, reason: "cannot read (\(reason))")
    }
    if info.st_mode & S_IFMT == S_IFDIR {
      close(fd)
      throw AtomicFile.FileError(path: path, reason: "is a folder, not a file")
    }
    self.path = path
    self.fd = fd
    self.size = info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : nil
  }

  deinit { close(fd) }

  /// Bytes left in a regular file; nil when that cannot be known.
  public var remaining: Int? { size.map { max(0, $0 - offset) } }

  /// Up to `count` bytes; fewer only at the end of the file. Never allocates more than a
  /// regular file still holds, or than a pipe has given plus one chunk.
  public func read(upTo count: Int) throws(AtomicFile.FileError) -> [UInt8] {
    var out: [UInt8] = []
    let expected = min(count, remaining ?? FileInput.chunk)
    out.reserveCapacity(max(0, expected))
    var buffer = [UInt8](repeating: 0, count: min(max(count, 0), FileInput.chunk))
    while out.count < count {
      let want = min(buffer.count, count - out.count)
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, want) }
      if n < 0 {
        if errno == EINTR { continue }
        throw AtomicFile.FileError(path: path, reason: "cannot read at byte \(offset) (\(FileInput.reason(errno)))")
      }
      if n == 0 { break }
      out.append(contentsOf: buffer[0..<n])
      offset += n
    }
    return out
  }

  /// Bytes up to and including the next newline, at most `limit`; fewer (and no newline) at
  /// the end of the file or when the limit is reached.
  public func readLine(limit: Int) throws(AtomicFile.FileError) -> [UInt8] {
    var out: [UInt8] = []
    // NB: one byte at a time, so nothing after the line is consumed; lines here are short
    // headers, and a regular file is read through a large buffer anyway by the kernel.
    while out.count < limit {
      let byte = try read(upTo: 1)
      guard let b = byte.first else { break }
      out.append(b)
      if b == UInt8(ascii: "\n") { break }
    }
    return out
  }

  /// The rest of the file, failing when it holds more than `limit` bytes.
  public func readAll(limit: Int, what: String) throws(AtomicFile.FileError) -> [UInt8] {
    if let remaining, remaining > limit {
      throw AtomicFile.FileError(
        path: path, reason: "is \(MemoryBudget.describe(offset + remaining)), too large for \(what)")
    }
    let bytes = try read(upTo: limit)
    if bytes.count == limit, try !read(upTo: 1).isEmpty {
      throw AtomicFile.FileError(
        path: path, reason: "gives more than \(MemoryBudget.describe(limit)), too large for \(what)")
    }
    return bytes
  }

  static let chunk = 1 << 16

  /// Why a file cannot be opened, in a learner's words.
  public static func openProblem(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file"
    case EACCES: return "permission denied"
    case EISDIR: return "is a folder, not a file"
    case ENOTDIR: return "a part of the path is not a folder"
    default: return "cannot open (\(reason(code)))"
    }
  }

  /// The system's text for an error number.
  public static func reason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
