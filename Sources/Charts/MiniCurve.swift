/// A loss-curve shape drawn small, without axes: a picture to choose from, not a plot to
/// read. Braille (2 × 4 dots a cell) in Unicode; in ASCII four heights a row, `_ . - '`.
///
///     MiniCurve(.fallsThenFlat).render(width: 10, height: 1).lines()   // ["⠑⠤⠤⢄⣀⣀⣀⣀⣀⣀"]
public struct MiniCurve: Hashable, Sendable {
  public var shape: CurveShape

  public init(_ shape: CurveShape) { self.shape = shape }

  static let asciiLevels: [Character] = ["_", ".", "-", "'"]

  public func render(width: Int, height: Int = 1, style: ChartStyle = .unicode) -> Grid {
    var grid = Grid(width: max(0, width), height: max(0, height))
    guard grid.width > 0, grid.height > 0 else { return grid }
    let color = style.tint(.brightCyan)
    if style.isUnicode {
      var canvas = DotCanvas(columns: grid.width, rows: grid.height, dotsX: 2, dotsY: 4)
      let ys = heights(count: canvas.width, levels: canvas.height)
      for x in ys.indices {
        // Each column joins the one before it, so that a steep part stays one line.
        let before = x > 0 ? ys[x - 1] : ys[x]
        let from = before == ys[x] ? before : before + (ys[x] > before ? 1 : -1)
        canvas.span(x, Double(from), Double(ys[x]), layer: 0)
      }
      canvas.draw(into: &grid, x: 0, y: 0, character: { _ in "*" }, color: { _ in color })
      return grid
    }
    let levels = Self.asciiLevels.count
    let ys = heights(count: grid.width, levels: grid.height * levels)
    for (x, y) in ys.enumerated() {
      // y counts from the top; a row's levels count from its bottom.
      let row = y / levels
      let level = levels - 1 - y % levels
      grid[x, row] = Cell(Self.asciiLevels[level], foreground: color)
    }
    return grid
  }

  /// For each of `count` columns, the dot row (0 at the top) of the curve among `levels` rows.
  func heights(count: Int, levels: Int) -> [Int] {
    (0..<count).map { x in
      let t = count > 1 ? Double(x) / Double(count - 1) : 0
      let v = min(1, max(0, shape.value(at: t)))
      return Int(((1 - v) * Double(levels - 1)).rounded())
    }
  }
}
