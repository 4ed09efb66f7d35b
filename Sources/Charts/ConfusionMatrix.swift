/// Counts of (true class, predicted class) as a table: one row per true class, one column per
/// prediction, correct counts on the diagonal in brackets ("[97]"), zeros as "·" (ASCII ".").
///
///     ConfusionMatrix(counts: [[5, 1], [0, 4]]).render(width: 20, height: 4, style: .ascii)
///     // true\pred   0   1
///     // ---------+--------
///     //         0 [5]   1
///     //         1   . [4]
public struct ConfusionMatrix: Hashable, Sendable {
  /// `counts[t][p]`: examples of true class t predicted as p.
  public var counts: [[Int]]
  /// Class names; "0", "1", … when not given.
  public var labels: [String]

  public init(counts: [[Int]], labels: [String]? = nil) {
    self.counts = counts
    self.labels = labels ?? counts.indices.map(String.init)
  }

  func label(_ i: Int) -> String { i < labels.count ? labels[i] : String(i) }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    let n = counts.count
    guard n > 0 else { return Message.grid(Message.noData, width: width, height: height) }
    let widest = counts.flatMap { $0 }.map { String($0).count }.max() ?? 1
    let cellWidth = max(widest + 2, (0..<n).map { label($0).count }.max() ?? 1) + 1
    var corner = "true\\pred"
    if corner.count + 1 + n * cellWidth > width { corner = "t\\p" }
    let rowLabel = max(corner.count, (0..<n).map { label($0).count }.max() ?? 1)
    guard rowLabel + 1 + n * cellWidth <= width, n + 2 <= height else {
      return Message.grid(Message.tooSmall, width: width, height: height)
    }
    var grid = Grid(width: width, height: height)
    grid.write(corner, x: rowLabel - corner.count, y: 0, attributes: .dim)
    let tableWidth = rowLabel + 1 + n * cellWidth
    for x in 0..<tableWidth { grid[x, 1] = Cell(style.glyph("─", "-")) }
    grid[rowLabel, 1] = Cell(style.glyph("┼", "+"))
    let largestError =
      counts.enumerated().flatMap { t, row in
        row.enumerated().filter { $0.offset != t }.map(\.element)
      }.max() ?? 0
    for p in 0..<n {
      let name = label(p)
      grid.write(
        name, x: rowLabel + 1 + (p + 1) * cellWidth - 1 - name.count, y: 0, attributes: .bold)
    }
    for t in 0..<n {
      let y = t + 2
      let name = label(t)
      grid.write(name, x: rowLabel - name.count, y: y, attributes: .bold)
      grid[rowLabel, y] = Cell(style.glyph("│", "|"))
      for p in 0..<n {
        let count = p < counts[t].count ? counts[t][p] : 0
        let right = rowLabel + 1 + (p + 1) * cellWidth - 1
        if p == t {
          let text = "[\(count)]"
          grid.write(
            text, x: right - text.count + 1, y: y, foreground: style.tint(.brightGreen),
            attributes: .bold)
        } else {
          let text = count == 0 ? String(style.glyph("·", ".")) : String(count)
          let hot = count > 0 && count == largestError
          grid.write(
            text, x: right - text.count, y: y,
            foreground: style.tint(count > 0 ? (hot ? .brightRed : .red) : nil))
        }
      }
    }
    return grid
  }
}
