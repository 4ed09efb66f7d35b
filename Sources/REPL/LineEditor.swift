@preconcurrency import CLibEdit
import CLibEditShim
import Foundation
import Tutor
@preconcurrency import Glibc

/// libedit's line editor at a terminal: the prompt, editing keys, a history file and Tab
/// completion through `LineEditor.completer`.
///
/// libedit keeps one editor per process, so this is one too; use it from one thread only.
/// Ctrl-C at the prompt clears the line (`mlt_getc` turns it into Ctrl-U and Return), Ctrl-D
/// on an empty line ends the input.
final class LineEditor {
  private let historyPath: String?
  private var lastEntry: String?

  /// Sets libedit up and reads the history file, if any.
  /// - Parameter historyPath: the file history is read from and written to; nil for none.
  init(historyPath: String?) {
    self.historyPath = historyPath
    rl_readline_name = UnsafePointer(strdup("mltutor"))
    // Signals stay ours: libedit's handlers re-send SIGINT to the whole process group.
    rl_catch_signals = 0
    rl_getc_function = mlt_getc
    rl_attempted_completion_function = completeWord
    rl_initialize()
    using_history()
    stifle_history(Int32(Self.historyLimit))
    if let historyPath, FileManager.default.fileExists(atPath: historyPath) {
      _ = read_history(historyPath)
    }
  }

  static let historyLimit = 1000

  /// Shows `prompt` and returns the line typed, or nil at the end of the input (Ctrl-D).
  func readLine(prompt: String) -> String? {
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    return String(cString: raw)
  }

  /// Adds a line, without its trailing spaces, to the history and saves the history file;
  /// blank lines and repeats of the last entry are skipped.
  func remember(_ typed: String) {
    var line = Substring(typed)
    while line.last?.isWhitespace == true { line = line.dropLast() }
    guard !line.allSatisfy(\.isWhitespace), String(line) != lastEntry else { return }
    lastEntry = String(line)
    _ = add_history(String(line))
    // NB: added to the file as it is now (through a temporary file renamed over it), not
    // libedit's whole list: a tutor running at the same time keeps its lines.
    if let historyPath { HistoryFile.append([String(line)], to: historyPath) }
  }
}

/// libedit's completion hook: the word's candidates from `CompletionSource`, or nil to let
/// libedit complete a file name.
private func completeWord(
  _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
  let word = text.map { String(cString: $0) } ?? ""
  let line = rl_line_buffer.map { String(cString: $0) } ?? ""
  // NB: libedit counts `start` in characters, not bytes.
  let before = String(line.unicodeScalars.prefix(max(0, Int(start))))
  switch CompletionSource.completer.withLock({ $0.complete(before: before, word: word) }) {
  case .files:
    rl_attempted_completion_over = 0
    rl_completion_append_character = 0x20
    return nil
  case .words(let candidates):
    rl_attempted_completion_over = 1
    let single = candidates.count == 1 ? candidates[0] : nil
    rl_completion_append_character = single?.hasSuffix("=") == true ? 0 : 0x20
    return matchList(candidates)
  }
}

/// The list libedit expects: the longest common prefix, every candidate, then NULL, all
/// allocated with malloc (libedit frees them).
private func matchList(_ candidates: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
  guard let first = candidates.first else { return nil }
  var common = Substring(first)
  for c in candidates.dropFirst() {
    while !c.hasPrefix(common) { common = common.dropLast() }
  }
  let count = candidates.count + 2
  guard let raw = malloc(count * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride) else { return nil }
  let list = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: count)
  list[0] = strdup(String(common))
  for (i, c) in candidates.enumerated() { list[i + 1] = strdup(c) }
  list[count - 1] = nil
  return list
}
