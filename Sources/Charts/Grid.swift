/// A rectangle of cells, `width` cells wide and `height` rows high: what every chart renders
/// to. Writing outside the rectangle is ignored, so a grid never grows past its size.
///
///     var grid = Grid(width: 5, height: 1)
///     grid.write("hello world", x: 1, y: 0)
///     grid.lines()   // [" hell"]
public struct Grid: Hashable, Sendable {
  public let width: Int
  public let height: Int
  /// Row-major: the cell at column x, row y is `cells[y * width + x]`.
  public internal(set) var cells: [Cell]

  /// A blank grid; negative sizes are taken as 0.
  public init(width: Int, height: Int) {
    self.width = max(width, 0)
    self.height = max(height, 0)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  /// The cell at column `x`, row `y`; a blank cell outside the grid, where writes are ignored.
  public subscript(x: Int, y: Int) -> Cell {
    get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
    set {
      guard contains(x: x, y: y) else { return }
      cells[y * width + x] = newValue
    }
  }

  public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

  /// Writes `text` from column `x` of row `y`, one cell per character, clipped to the grid.
  /// Returns the column after the last character written.
  ///
  /// NB: a character that is not one cell wide (CJK, emoji) is written as "?" so that the
  /// grid's columns stay the terminal's columns.
  @discardableResult
  public mutating func write(
    _ text: String, x: Int, y: Int, foreground: Color? = nil, background: Color? = nil,
    attributes: Cell.Attributes = []
  ) -> Int {
    var column = x
    guard y >= 0, y < height else { return x + text.count }
    for ch in text {
      if column >= width { break }
      let shown: Character = Cell.width(of: ch) == 1 ? ch : "?"
      if column >= 0 {
        cells[y * width + column] = Cell(
          shown, foreground: foreground, background: background, attributes: attributes)
      }
      column += 1
    }
    return column
  }

  /// Copies `other` into this grid with its top-left corner at (`x`, `y`), clipped.
  public mutating func paste(_ other: Grid, x: Int, y: Int) {
    for row in 0..<other.height {
      for column in 0..<other.width {
        self[x + column, y + row] = other.cells[row * other.width + column]
      }
    }
  }

  /// The grid without its trailing blank rows and columns, for printing a chart that did not
  /// use all the room it was given.
  public func trimmed() -> Grid {
    var usedWidth = 0
    var usedHeight = 0
    for y in 0..<height {
      for x in 0..<width where !cells[y * width + x].isBlank {
        usedWidth = max(usedWidth, x + 1)
        usedHeight = y + 1
      }
    }
    var out = Grid(width: usedWidth, height: usedHeight)
    out.paste(self, x: 0, y: 0)
    return out
  }

  /// One string per row, exactly `width` characters each, without colour.
  public func lines() -> [String] {
    (0..<height).map { y in
      var line = ""
      line.reserveCapacity(width * 3)
      for x in 0..<width { line.append(cells[y * width + x].character) }
      return line
    }
  }

  /// One string per row with ANSI SGR escape sequences for colours and attributes; each line
  /// that sets any ends with a reset (`ESC[0m`), so lines can be printed independently.
  public func ansiLines() -> [String] {
    (0..<height).map { y in
      var line = ""
      var current = Cell.blank
      for x in 0..<width {
        let cell = cells[y * width + x]
        if cell.foreground != current.foreground || cell.background != current.background
          || cell.attributes != current.attributes
        {
          line += Self.sgr(for: cell)
          current = cell
        }
        line.append(cell.character)
      }
      if current.foreground != nil || current.background != nil || !current.attributes.isEmpty {
        line += "\u{1B}[0m"
      }
      return line
    }
  }

  static func sgr(for cell: Cell) -> String {
    var codes = ["0"]
    if cell.attributes.contains(.bold) { codes.append("1") }
    if cell.attributes.contains(.dim) { codes.append("2") }
    if cell.attributes.contains(.underline) { codes.append("4") }
    if cell.attributes.contains(.reverse) { codes.append("7") }
    if let fg = cell.foreground { codes.append("38;5;\(fg.index)") }
    if let bg = cell.background { codes.append("48;5;\(bg.index)") }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
  }
}
