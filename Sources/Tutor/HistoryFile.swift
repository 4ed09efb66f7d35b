import Foundation

/// The command history file shared with `mltutor repl`, in libedit's format: a first line
/// `_HiStOrY_V2_`, then one line per entry with spaces, tabs, newlines and backslashes
/// written as octal escapes (`set lr 0.1` is stored as `set\040lr\0400.1`).
public enum HistoryFile {
  static let header = "_HiStOrY_V2_"

  /// The entries of a history file's text, oldest first.
  public static func parse(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: true)
      .filter { $0 != header }
      .map { decode(String($0)) }
  }

  /// A history file's text for `entries`.
  public static func format(_ entries: [String]) -> String {
    ([header] + entries.map(encode)).joined(separator: "\n") + "\n"
  }

  static func encode(_ line: String) -> String {
    var out = ""
    for c in line {
      switch c {
      case " ": out += "\\040"
      case "\t": out += "\\011"
      case "\n": out += "\\012"
      case "\\": out += "\\\\"
      default: out.append(c)
      }
    }
    return out
  }

  static func decode(_ line: String) -> String {
    var out: [Character] = []
    let chars = Array(line)
    var i = 0
    while i < chars.count {
      if chars[i] == "\\", i + 1 < chars.count {
        if chars[i + 1] == "\\" {
          out.append("\\")
          i += 2
          continue
        }
        if i + 3 < chars.count, let v = UInt32(String(chars[(i + 1)...(i + 3)]), radix: 8),
          let scalar = Unicode.Scalar(v)
        {
          out.append(Character(scalar))
          i += 4
          continue
        }
      }
      out.append(chars[i])
      i += 1
    }
    return String(out)
  }

  /// Reads the entries at `path`; none when it cannot be read. Of a file larger than
  /// `maximumBytes` only the end is read (the newest entries), so a huge file costs no more
  /// memory than a full one.
  public static func load(_ path: String) -> [String] {
    guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
    defer { try? handle.close() }
    guard let size = try? handle.seekToEnd() else { return [] }
    let start = size > UInt64(maximumBytes) ? size - UInt64(maximumBytes) : 0
    guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return [] }
    var text = String(decoding: data, as: UTF8.self)
    // A cut in the middle of an entry: drop its rest.
    if start > 0, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
    return parse(text)
  }

  /// The most bytes of a history file read: `limit` entries of a long line each.
  static let maximumBytes = 1 << 20

  /// The most entries a history file keeps (the oldest go first).
  public static let limit = 1000

  /// Adds `entries` to the end of the file at `path` as it is now, so that lines another
  /// mltutor (a REPL and a tutor at once) saved meanwhile are kept; keeps the last `limit`.
  /// The read and the write happen under a lock on `PATH.lock`, so two processes appending
  /// at once both keep their lines.
  public static func append(_ entries: [String], to path: String) {
    guard !entries.isEmpty else { return }
    let url = URL(fileURLWithPath: path)
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    FileLock.withLock(path + ".lock") {
      save(Array((load(path) + entries).suffix(limit)), to: path)
    }
  }

  /// Writes `entries` to `path` through a temporary file renamed over it; failures are ignored
  /// (history is a convenience).
  public static func save(_ entries: [String], to path: String) {
    let url = URL(fileURLWithPath: path)
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(format(entries).utf8))
    else { return }
    if rename(temporary, path) != 0 { unlink(temporary) }
  }
}
