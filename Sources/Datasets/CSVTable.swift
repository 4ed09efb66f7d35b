import Engine
import Foundation

/// A CSV file read as text: a header row of column names, then rows of cells, each cell kept
/// with its line and column (both from 1) for error messages.
///
/// Cells are separated by commas; a cell may be wrapped in double quotes (a doubled quote
/// inside stands for one) but may not span lines. Blank lines are skipped, `\r\n` is accepted.
struct CSVTable {
  struct Cell {
    var text: String
    var line: Int
    var column: Int
  }

  let path: String
  let header: [String]
  let rows: [[Cell]]

  init(path: String) throws(DatasetError) {
    let text = try Self.text(path)
    var header: [String]?
    var rows: [[Cell]] = []
    var lineNumber = 0
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      let cells = try Self.cells(of: line, line: lineNumber, path: path)
      if let header {
        guard cells.count == header.count else {
          throw .atLine(
            path, line: lineNumber, column: 1,
            "expected \(header.count) cells as in the header, found \(cells.count)")
        }
        rows.append(cells)
      } else {
        header = cells.map { $0.text }
      }
    }
    guard let header else { throw DatasetError(file: path, "the file is empty: no header row") }
    self.path = path
    self.header = header
    self.rows = rows
  }

  /// What one cell costs while the table is read: the cell (its text and place) and the
  /// feature values made from it (all rows, then the training and test copies, standardised).
  static let bytesPerCell = 64 + 4 * 4

  /// The file's text, read only when the table it holds fits the memory budget; a pipe or a
  /// device is read up to that budget.
  private static func text(_ path: String) throws(DatasetError) -> String {
    let budget = MemoryBudget.current
    func reading<T>(_ body: () throws(AtomicFile.FileError) -> T) throws(DatasetError) -> T {
      do { return try body() } catch { throw DatasetError(file: path, error.reason) }
    }
    let input = try reading { () throws(AtomicFile.FileError) in try FileInput(path: path) }
    if let size = input.size {
      try checkBudget(
        budget, "a CSV file of \(MemoryBudget.describe(size))",
        size.multipliedReportingOverflow(by: 2).partialValue, path)
    }
    let bytes = try reading { () throws(AtomicFile.FileError) in
      try input.readAll(limit: max(1, (budget.bytes ?? 0) / 2), what: "the memory this machine allows")
    }
    // Each line holds at least one cell; the header says how many a row has.
    let lines = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    let columns = (bytes.prefix { $0 != UInt8(ascii: "\n") }.filter { $0 == UInt8(ascii: ",") }.count) + 1
    let cells = Double(lines) * Double(columns)
    let need = Double(bytes.count) * 2 + cells * Double(bytesPerCell)
    try checkBudget(
      budget, "reading \(grouped(lines)) lines of \(grouped(columns)) columns", need < 9e18 ? Int(need) : .max, path)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let offset = firstInvalidUTF8(bytes)
      let line = bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
      throw DatasetError(file: path, place: "\(line)", "not UTF-8 text (byte \(grouped(offset)) is not part of a character)")
    }
    return text
  }

  private static func checkBudget(_ budget: MemoryBudget, _ what: String, _ bytes: Int, _ path: String)
    throws(DatasetError)
  {
    do {
      try budget.check(bytes, for: what)
    } catch {
      throw DatasetError(file: path, error.description)
    }
  }

  /// The offset of the first byte that is not part of a valid UTF-8 character.
  private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .error: return offset
      case .emptyInput: return offset
      }
    }
  }

  /// Splits one line into trimmed cells; a cell's column is that of its first character.
  private static func cells(of line: Substring, line number: Int, path: String)
    throws(DatasetError) -> [Cell]
  {
    var cells: [Cell] = []
    var current = ""
    var start = 1
    var column = 0
    var quoted = false
    var wasQuoted = false
    var previousWasQuote = false
    for ch in line {
      column += 1
      if quoted {
        if ch == "\"" {
          quoted = false
          previousWasQuote = true
        } else {
          current.append(ch)
        }
        continue
      }
      if ch == "\"" {
        if previousWasQuote { current.append("\"") }
        quoted = true
        wasQuoted = true
        previousWasQuote = false
        continue
      }
      previousWasQuote = false
      if ch == "," {
        cells.append(Cell(text: wasQuoted ? current : trim(current), line: number, column: start))
        current = ""
        start = column + 1
        wasQuoted = false
      } else {
        current.append(ch)
      }
    }
    if quoted {
      throw .atLine(path, line: number, column: start, "a quoted cell is not closed on its line")
    }
    cells.append(Cell(text: wasQuoted ? current : trim(current), line: number, column: start))
    return cells
  }

  private static func trim(_ s: String) -> String {
    s.trimmingCharacters(in: .whitespaces)
  }
}
