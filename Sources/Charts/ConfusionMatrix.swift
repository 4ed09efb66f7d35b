/// Counts of (true class, predicted class) as a table: one row per true class, one column per
/// prediction, correct counts on the diagonal in brackets ("[97]"), zeros as "·" (ASCII ".").
///
///     ConfusionMatrix(counts: [[5, 1], [0, 4]]).render(width: 20, height: 4, style: .ascii)
///     // true\pred   0   1
///     // ---------+--------
///     //         0 [5]   1
///     //         1   . [4]
///
/// Where the room is narrow the table gets more compact, in two stages: first the brackets go
/// (the diagonal stays bold and green) and the corner shortens to "t\p"; then the diagonal
/// shows "■" (ASCII "#") and its counts move to a last column "✓" (ASCII "ok"), so that the
/// other columns are only as wide as the mistakes' counts. A line under the table says what
/// the rows and columns are when the corner cannot.
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
  func count(_ t: Int, _ p: Int) -> Int { p < counts[t].count ? counts[t][p] : 0 }

  /// How the table is laid out in the room it has.
  struct Layout: Equatable {
    enum Stage: Equatable {
      /// "[97]" on the diagonal.
      case brackets
      /// Plain counts, the diagonal bold.
      case plain
      /// "■" on the diagonal, its counts in a last column.
      case separateDiagonal
    }
    var stage: Stage
    var corner: String
    /// Columns of the row labels (and the corner).
    var rowLabel: Int
    var cellWidth: Int
    /// Columns of the last column's counts (`separateDiagonal`), 0 otherwise.
    var diagonalWidth: Int
    var width: Int
  }

  /// The most readable layout that fits `width`; nil when none does.
  func layout(width: Int) -> Layout? {
    let n = counts.count
    let names = (0..<n).map { label($0).count }.max() ?? 1
    let diagonal = (0..<n).map { String(count($0, $0)).count }.max() ?? 1
    let mistakes = (0..<n).flatMap { t in (0..<n).filter { $0 != t }.map { String(count(t, $0)).count } }.max() ?? 1
    let widest = max(diagonal, mistakes)
    var candidates: [Layout] = []
    for corner in ["true\\pred", "t\\p"] {
      let rowLabel = max(corner.count, names)
      let cell = max(widest + 2, names) + 1
      candidates.append(Layout(stage: .brackets, corner: corner, rowLabel: rowLabel, cellWidth: cell, diagonalWidth: 0, width: rowLabel + 1 + n * cell))
    }
    let plainLabel = max(3, names)
    let plainCell = max(widest, names) + 1
    candidates.append(Layout(stage: .plain, corner: "t\\p", rowLabel: plainLabel, cellWidth: plainCell, diagonalWidth: 0, width: plainLabel + 1 + n * plainCell))
    let cell = max(mistakes, names, 1) + 1
    let last = max(diagonal, 2) + 1
    candidates.append(Layout(stage: .separateDiagonal, corner: "", rowLabel: names, cellWidth: cell, diagonalWidth: last, width: names + 1 + n * cell + 1 + last))
    return candidates.first { $0.width <= width }
  }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    let n = counts.count
    guard n > 0 else { return Message.grid(Message.noData, width: width, height: height) }
    guard let l = layout(width: width), n + 2 <= height else {
      return Message.grid(Message.tooSmall, width: width, height: height)
    }
    var grid = Grid(width: width, height: height)
    grid.write(l.corner, x: l.rowLabel - l.corner.count, y: 0, attributes: .dim)
    for x in 0..<l.width { grid[x, 1] = Cell(style.glyph("─", "-")) }
    grid[l.rowLabel, 1] = Cell(style.glyph("┼", "+"))
    let largestError = (0..<n).flatMap { t in (0..<n).filter { $0 != t }.map { count(t, $0) } }.max() ?? 0
    for p in 0..<n {
      let name = label(p)
      grid.write(name, x: l.rowLabel + 1 + (p + 1) * l.cellWidth - 1 - name.count, y: 0, attributes: .bold)
    }
    let lastX = l.rowLabel + 1 + n * l.cellWidth
    if l.stage == .separateDiagonal {
      let head = style.text("✓", "ok")
      grid.write(head, x: l.width - head.count, y: 0, attributes: .bold)
      grid[lastX, 0] = Cell(style.glyph("│", "|"))
      grid[lastX, 1] = Cell(style.glyph("┼", "+"))
    }
    let green = style.tint(.brightGreen)
    for t in 0..<n {
      let y = t + 2
      let name = label(t)
      grid.write(name, x: l.rowLabel - name.count, y: y, attributes: .bold)
      grid[l.rowLabel, y] = Cell(style.glyph("│", "|"))
      for p in 0..<n {
        let c = count(t, p)
        let right = l.rowLabel + 1 + (p + 1) * l.cellWidth - 1
        if p == t {
          let text: String
          switch l.stage {
          case .brackets: text = "[\(c)]"
          case .plain: text = String(c)
          case .separateDiagonal: text = String(style.glyph("■", "#"))
          }
          let x = l.stage == .brackets ? right - text.count + 1 : right - text.count
          grid.write(text, x: x, y: y, foreground: green, attributes: .bold)
        } else {
          let text = c == 0 ? String(style.glyph("·", ".")) : String(c)
          let hot = c > 0 && c == largestError
          grid.write(text, x: right - text.count, y: y, foreground: style.tint(c > 0 ? (hot ? .brightRed : .red) : nil))
        }
      }
      if l.stage == .separateDiagonal {
        grid[lastX, y] = Cell(style.glyph("│", "|"))
        let text = String(count(t, t))
        grid.write(text, x: l.width - text.count, y: y, foreground: green, attributes: .bold)
      }
    }
    if let note = footnote(l, width: width, style: style), n + 3 <= height {
      grid.write(note, x: 0, y: n + 2, attributes: .dim)
    }
    return grid
  }

  /// The line under the table that says what its rows and columns are, when the corner
  /// does not say it in full; the longest wording that fits.
  func footnote(_ l: Layout, width: Int, style: ChartStyle) -> String? {
    let right = style.text("✓", "ok")
    let wordings: [String]
    switch l.stage {
    case .brackets where l.corner == "true\\pred": return nil
    case .brackets, .plain:
      wordings = ["rows: true class, columns: predicted", "rows true, columns predicted", "t: true, p: predicted"]
    case .separateDiagonal:
      wordings = [
        "rows: true class, columns: predicted, \(right): right", "rows true, columns predicted, \(right) right",
        "rows true, columns predicted",
      ]
    }
    return wordings.first { $0.count <= width }
  }
}
