/// A plot area of `columns` × `rows` cells addressed in dots: braille (2 × 4 dots a cell) in
/// Unicode, one dot a cell in ASCII. Each cell remembers the last layer that drew in it, for
/// its colour and, in ASCII, its character.
struct DotCanvas {
  let columns: Int
  let rows: Int
  let dotsX: Int
  let dotsY: Int
  private(set) var bits: [UInt8]
  private(set) var owner: [Int]

  init(columns: Int, rows: Int, dotsX: Int, dotsY: Int) {
    self.columns = max(columns, 0)
    self.rows = max(rows, 0)
    self.dotsX = dotsX
    self.dotsY = dotsY
    bits = Array(repeating: 0, count: self.columns * self.rows)
    owner = Array(repeating: -1, count: self.columns * self.rows)
  }

  init(frame: PlotFrame) {
    self.init(
      columns: frame.plotWidth, rows: frame.plotHeight, dotsX: frame.dotsX, dotsY: frame.dotsY)
  }

  var width: Int { columns * dotsX }
  var height: Int { rows * dotsY }

  private static let braille: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

  /// Sets the dot at (`x`, `y`) for `layer`; dots outside the canvas are ignored.
  mutating func set(_ x: Int, _ y: Int, layer: Int) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    let cell = (y / dotsY) * columns + x / dotsX
    bits[cell] |= dotsX == 1 ? 1 : Self.braille[x % dotsX][y % dotsY]
    owner[cell] = layer
  }

  /// Sets the dots of column `x` from row `lo` to row `hi` (rounded, clipped).
  mutating func span(_ x: Int, _ lo: Double, _ hi: Double, layer: Int) {
    guard x >= 0, x < width else { return }
    let top = max(Int(min(lo, hi).rounded()), 0)
    let bottom = min(Int(max(lo, hi).rounded()), height - 1)
    guard top <= bottom else { return }
    for y in top...bottom { set(x, y, layer: layer) }
  }

  /// Sets the dots along the segment between two dot positions, one vertical run per column.
  mutating func segment(
    _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, layer: Int,
    pattern: (Int) -> Bool = { _ in true }
  ) {
    let (ax, ay, bx, by) = x0 <= x1 ? (x0, y0, x1, y1) : (x1, y1, x0, y0)
    let first = max(Int(ax.rounded()), 0)
    let last = min(Int(bx.rounded()), width - 1)
    guard first <= last else { return }
    let dx = bx - ax
    for c in first...last where pattern(c) {
      guard dx > 1e-12 else {
        span(c, ay, by, layer: layer)
        continue
      }
      let xa = max(ax, Double(c) - 0.5)
      let xb = min(bx, Double(c) + 0.5)
      let ya = ay + (by - ay) * (xa - ax) / dx
      let yb = ay + (by - ay) * (xb - ax) / dx
      span(c, ya, yb, layer: layer)
    }
  }

  /// Lays `top` over this canvas: wherever `top` has dots, its dots and layer replace these,
  /// so that a curve drawn there is seen whole over a dense one.
  mutating func cover(with top: DotCanvas) {
    guard top.bits.count == bits.count else { return }
    for i in bits.indices where top.bits[i] != 0 {
      bits[i] = top.bits[i]
      owner[i] = top.owner[i]
    }
  }

  /// Copies the canvas into `grid` at (`x`, `y`): braille characters in Unicode, the layer's
  /// character in ASCII, coloured by layer. Empty cells are left as they are in `grid`.
  func draw(
    into grid: inout Grid, x: Int, y: Int, character: (Int) -> Character,
    color: (Int) -> Color?
  ) {
    for r in 0..<rows {
      for c in 0..<columns {
        let i = r * columns + c
        guard bits[i] != 0 else { continue }
        let layer = owner[i]
        let ch: Character =
          dotsX == 1
          ? character(layer)
          : Character(Unicode.Scalar(0x2800 + UInt32(bits[i])) ?? " ")
        grid[x + c, y + r] = Cell(ch, foreground: color(layer))
      }
    }
  }
}
