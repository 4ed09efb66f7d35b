@preconcurrency import CNCursesW
@preconcurrency import Glibc

/// Restoring the terminal on every way out: `q`, Ctrl-C, every signal that ends a process
/// (see the shim: a flag for the asynchronous ones, a handler for crashes), `exit` and a crash.
///
/// While the screen is up, stderr goes to an unlinked temporary file; when the terminal is
/// restored (normally, at exit, or in the crash handler before the previous handler — Swift's
/// backtracer — runs) what was logged is copied to the real stderr, so a crash's message is
/// seen after the screen is gone rather than lost on it.
///
/// NB: every call into the shim's restore state is in this one file. Its state lives in
/// `static` variables of the header, and each object file gets its own copy of them (one per
/// Swift file in a debug build, and in a release build too when whole-module optimisation
/// splits the module across threads). So these functions are never inlined elsewhere.
enum TerminalRestore {
  /// Installs the signal flag, the crash handlers and the `atexit` restore, and ignores SIGPIPE.
  @inline(never) static func begin() {
    // Lives as long as the process: the crash handler reads it.
    let count = Int(MLT_SIGNALS)
    let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: count)
    previous.initialize(repeating: sigaction(), count: count)
    let replaced = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
    replaced.initialize(repeating: 0, count: count)
    mlt_install_handlers(previous, replaced)
  }

  /// Puts the signal handlers back as they were before `begin` (no screen could be opened).
  @inline(never) static func end() { mlt_uninstall_handlers() }

  /// Ends the process by `signal`, as it would have ended without mltutor's handler (a shell
  /// reports 128 + its number).
  @inline(never) static func die(by signal: Int32) -> Never {
    mlt_die_by_signal(signal)
    _exit(128 + signal)
  }

  /// curses is drawing: restoring must call `endwin`, and stderr goes to the log until then.
  /// NB: only now, so that a terminal curses cannot use leaves stderr untouched for the
  /// one-line explanation.
  @inline(never) static func screenOpened() {
    mlt_set_screen_active(1)
    var template = Array("/tmp/mltutor-stderr-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      let fd = mkstemp(base)
      if fd >= 0 { unlink(base) }
      return fd
    }
    guard fd >= 0 else { return }
    if mlt_redirect_stderr(fd) != 0 { close(fd) }
  }

  /// Leaves curses, puts stderr back and replays its log; idempotent.
  @inline(never) static func restore() { mlt_restore_terminal() }

  /// The last of the asynchronous terminating signals that arrived since the last call; 0 for
  /// none.
  @inline(never) static func takeSignal() -> Int32 { mlt_take_signal() }
}
