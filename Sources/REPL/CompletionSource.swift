import Synchronization

/// The completer libedit's C callback reads; the REPL updates it as runs come and go.
enum CompletionSource {
  static let completer = Mutex(Completer(dataNames: []))
}
