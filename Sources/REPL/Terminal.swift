@preconcurrency import Glibc

/// What the REPL asks of the terminal: is a descriptor one, and how wide is it.
enum Terminal {
  static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

  /// The width of the terminal on `fd`, else `$COLUMNS`, else 80.
  static func columns(_ fd: Int32 = STDOUT_FILENO, environment: [String: String]) -> Int {
    var size = winsize()
    if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
    if let text = environment["COLUMNS"], let n = Int(text), n > 0 { return n }
    return 80
  }

  /// Writes out what `print` has buffered.
  static func flushOutput() { fflush(stdout) }

  /// Writes text to standard error at once.
  static func writeError(_ text: String) {
    fputs(text, stderr)
    fflush(stderr)
  }
}
