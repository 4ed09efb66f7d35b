import Charts

/// What a command produced, as values; each front end decides how to show them.
public enum Output: Sendable, Equatable {
  /// Lines of text.
  case text([String])
  case table(Table)
  /// A chart, with a title line and the height it reads best at.
  case chart(ChartSpec, title: String, height: Int)
  /// Something went wrong; the session is unchanged.
  case error(String)

  public static func line(_ s: String) -> Output { .text([s]) }

  public var isError: Bool {
    if case .error = self { return true }
    return false
  }
}

/// A small table of text cells, rendered with aligned columns.
public struct Table: Sendable, Equatable {
  public var headers: [String]
  public var rows: [[String]]
  /// Columns whose cells are right-aligned (numbers).
  public var rightAligned: Set<Int>
  /// Columns left out, in this order, where the table must fit a narrow width.
  public var optionalColumns: [Int]

  public init(headers: [String], rows: [[String]], rightAligned: Set<Int> = [], optionalColumns: [Int] = []) {
    self.headers = headers
    self.rows = rows
    self.rightAligned = rightAligned
    self.optionalColumns = optionalColumns
  }

  public func lines() -> [String] {
    let all = [headers] + rows
    let columns = all.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in all {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    return all.map { row in
      var line = ""
      for (i, cell) in row.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        line += rightAligned.contains(i) ? pad + cell : cell + pad
        if i < row.count - 1 { line += "  " }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }
}
