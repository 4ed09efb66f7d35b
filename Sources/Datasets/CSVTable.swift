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
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      let exists = FileManager.default.fileExists(atPath: path)
      throw DatasetError(file: path, exists ? "cannot read as UTF-8 text" : "no such file")
    }
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
