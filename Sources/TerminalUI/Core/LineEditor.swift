/// The command line's text, cursor and history: a small editor of our own (libedit's callback
/// interface does not work inside curses).
///
/// Keys: ←/→ move, Home/End or Ctrl-A/Ctrl-E jump, Backspace/Delete erase, Ctrl-U erases to
/// the start, Ctrl-K to the end, Ctrl-W the word before the cursor, ↑/↓ walk the history.
public struct LineEditor: Equatable, Sendable {
  public private(set) var text: [Character] = []
  /// Index in `text` where the next character goes.
  public private(set) var cursor = 0
  /// Oldest first.
  public private(set) var history: [String]
  /// Where ↑/↓ are in the history; `history.count` is the line being typed.
  private var historyIndex: Int
  /// The line being typed, kept while browsing the history.
  private var draft: [Character] = []

  public static let historyLimit = 1000
  /// How many lines joined the history since the editor was made.
  public private(set) var appended = 0

  public init(history: [String] = []) {
    self.history = Array(history.suffix(Self.historyLimit))
    historyIndex = self.history.count
  }

  public var line: String { String(text) }

  public mutating func insert(_ c: Character) {
    text.insert(c, at: cursor)
    cursor += 1
  }

  public mutating func insert(_ s: String) {
    for c in s { insert(c) }
  }

  public mutating func backspace() {
    guard cursor > 0 else { return }
    cursor -= 1
    text.remove(at: cursor)
  }

  public mutating func deleteForward() {
    guard cursor < text.count else { return }
    text.remove(at: cursor)
  }

  public mutating func moveLeft() { cursor = max(0, cursor - 1) }
  public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
  public mutating func moveHome() { cursor = 0 }
  public mutating func moveEnd() { cursor = text.count }

  public mutating func killToStart() {
    text.removeSubrange(0..<cursor)
    cursor = 0
  }

  public mutating func killToEnd() { text.removeSubrange(cursor...) }

  public mutating func deleteWordBackward() {
    var start = cursor
    while start > 0 && text[start - 1] == " " { start -= 1 }
    while start > 0 && text[start - 1] != " " { start -= 1 }
    text.removeSubrange(start..<cursor)
    cursor = start
  }

  public mutating func historyPrevious() {
    guard historyIndex > 0 else { return }
    if historyIndex == history.count { draft = text }
    historyIndex -= 1
    setText(Array(history[historyIndex]))
  }

  public mutating func historyNext() {
    guard historyIndex < history.count else { return }
    historyIndex += 1
    setText(historyIndex == history.count ? draft : Array(history[historyIndex]))
  }

  /// Clears the line and returns what it held; a non-blank line different from the last one
  /// joins the history.
  public mutating func submit() -> String {
    let entered = line
    let trimmed = entered.trimmingSpaces
    if !trimmed.isEmpty && history.last != trimmed {
      history.append(trimmed)
      appended += 1
      if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
    }
    setText([])
    draft = []
    historyIndex = history.count
    return entered
  }

  /// Replaces the line (completion, history) with the cursor at its end.
  public mutating func setText(_ characters: [Character]) {
    text = characters
    cursor = characters.count
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " || s.first == "\t" { s.removeFirst() }
    while s.last == " " || s.last == "\t" { s.removeLast() }
    return String(s)
  }
}
