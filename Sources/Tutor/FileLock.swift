#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a lock file beside a state file, so that two
/// mltutor processes (a REPL and a tutor, or two of either) read, merge and write the shared
/// history and progress one at a time.
///
/// The lock belongs to an open file description, so two threads of one process exclude each
/// other as two processes do; the system drops it when its holder dies.
///
///     FileLock.withLock(path + ".lock") { /* read, merge, write path */ }
public enum FileLock {
  /// Runs `body` holding the lock on `lockPath` (the file is created when missing). When the
  /// lock file cannot be opened (a read-only folder), `body` runs unlocked: the write that
  /// follows would fail anyway, and reading needs no lock.
  public static func withLock<T, E: Error>(_ lockPath: String, _ body: () throws(E) -> T) throws(E) -> T {
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return try body() }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 {
      guard errno == EINTR else { return try body() }
    }
    defer { _ = flock(fd, LOCK_UN) }
    return try body()
  }
}
