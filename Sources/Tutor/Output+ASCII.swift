import Charts

extension Output {
  /// The output with its text spelt in ASCII (`ASCIIText`): for a terminal that may not
  /// decode UTF-8. Table cells are spelt before the columns are aligned; a chart keeps its
  /// spec, which draws in ASCII when the style says so.
  public func asciiText() -> Output {
    switch self {
    case .text(let lines): return .text(lines.map(ASCIIText.text))
    case .table(let table):
      return .table(
        Table(
          headers: table.headers.map(ASCIIText.text), rows: table.rows.map { $0.map(ASCIIText.text) },
          rightAligned: table.rightAligned))
    case .chart(let spec, let title, let height): return .chart(spec, title: ASCIIText.text(title), height: height)
    case .error(let message): return .error(ASCIIText.text(message))
    }
  }
}
