#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that a reader sees either the old content or the new, never a mix:
/// the bytes go to a temporary file in the same folder, are flushed to disk, then renamed.
///
/// The temporary file is `.mlt-PID-XXXXXX` (PID: the writing process), short whatever the
/// target's name, so any name the folder accepts can be saved. A writer killed before its
/// rename leaves that file behind; the next write in the folder removes those whose process
/// no longer exists.
public enum AtomicFile {
  public struct FileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
  }

  /// The start of every temporary file's name.
  static let temporaryPrefix = ".mlt-"

  public static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
    try checkWritable(path)
    let folder = folder(of: path)
    removeStaleTemporaries(in: folder)
    let (fd, temporary) = try createTemporary(in: folder, for: path)
    var written = 0
    let failure: String? = bytes.withUnsafeBytes { raw -> String? in
      while written < raw.count {
        let n = Glibc.write(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return FileInput.reason(errno)
        }
        written += n
      }
      return nil
    }
    if let failure {
      close(fd)
      unlink(temporary)
      throw FileError(path: path, reason: "cannot write: \(failure)")
    }
    if fsync(fd) != 0 || close(fd) != 0 {
      let reason = FileInput.reason(errno)
      unlink(temporary)
      throw FileError(path: path, reason: "cannot write: \(reason)")
    }
    guard rename(temporary, path) == 0 else {
      let reason = FileInput.reason(errno)
      unlink(temporary)
      throw FileError(path: path, reason: "cannot write: \(reason)")
    }
  }

  /// Fails unless a file can be written at `path`: not a folder or a device, in a folder that
  /// exists and may be written in. To call before long work whose result goes there.
  public static func checkWritable(_ path: String) throws(FileError) {
    guard !path.isEmpty else { throw FileError(path: "''", reason: "no file name") }
    var info = stat()
    if stat(path, &info) == 0 {
      if info.st_mode & S_IFMT == S_IFDIR {
        throw FileError(path: path, reason: "is a folder: give a file name, such as \(path)/model.mlt")
      }
      if info.st_mode & S_IFMT != S_IFREG {
        throw FileError(path: path, reason: "is not a regular file (a device or a pipe): give another name")
      }
    }
    let folder = folder(of: path)
    guard stat(folder, &info) == 0 else {
      throw FileError(path: path, reason: "the folder \(folder) does not exist")
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw FileError(path: path, reason: "\(folder) is not a folder")
    }
    guard access(folder, W_OK | X_OK) == 0 else {
      throw FileError(path: path, reason: "cannot write in the folder \(folder) (\(FileInput.reason(errno)))")
    }
  }

  /// The folder a path's file is in: `a/b/c` → `a/b`, `c` → `.`, `/c` → `/`.
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  private static func createTemporary(in folder: String, for path: String) throws(FileError)
    -> (Int32, String)
  {
    let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<100 {
      let suffix = String((0..<6).map { _ in letters[Int(generator.next() % UInt64(letters.count))] })
      let name = "\(folder)/\(temporaryPrefix)\(getpid())-\(suffix)"
      let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if fd >= 0 { return (fd, name) }
      if errno != EEXIST { throw FileError(path: path, reason: "cannot write: \(FileInput.reason(errno))") }
    }
    throw FileError(path: path, reason: "cannot write: no free temporary name in \(folder)")
  }

  /// Removes the temporary files in `folder` left by writers that no longer run.
  static func removeStaleTemporaries(in folder: String) {
    guard let dir = opendir(folder) else { return }
    defer { closedir(dir) }
    var stale: [String] = []
    while let entry = readdir(dir) {
      // NB: a directory entry is only as long as its name: copying `pointee` (and its 256-byte
      // name field) would read past the end of the last one.
      guard let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) else { continue }
      let name = String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
      if let pid = writerOf(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
        stale.append(name)
      }
    }
    for name in stale { unlink("\(folder)/\(name)") }
  }

  /// The process that wrote a temporary file of this name, nil when it is not one.
  static func writerOf(_ name: String) -> pid_t? {
    guard name.hasPrefix(temporaryPrefix) else { return nil }
    let parts = name.dropFirst(temporaryPrefix.count).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 6, let pid = pid_t(parts[0]), pid > 0 else { return nil }
    return pid
  }

  /// The whole content of a file, at most `limit` bytes (a longer file, or a device or pipe
  /// that gives more, fails with a reason that names `what` it should have been).
  public static func read(_ path: String, limit: Int = 1 << 30, what: String = "this file")
    -> Result<[UInt8], FileError>
  {
    do throws(FileError) {
      let input = try FileInput(path: path)
      return .success(try input.readAll(limit: limit, what: what))
    } catch {
      return .failure(error)
    }
  }
}
