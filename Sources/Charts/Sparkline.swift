/// A one-row trend for the status line: "▁▂▃▅▇" in Unicode, "_.-=*#" in ASCII. More values
/// than cells are averaged in equal bins; NaN and ±inf show as "×".
///
///     Sparkline(values: [5, 4, 3, 2, 1]).render(width: 5, height: 1)   // "█▆▄▃▁"
public struct Sparkline: Hashable, Sendable {
  public var values: [Double]

  public init<V: BinaryFloatingPoint>(values: [V]) { self.values = values.map { Double($0) } }

  static let unicodeLevels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  static let asciiLevels: [Character] = ["_", ".", "-", "=", "*", "#"]

  /// The values in at most `count` bins, each the mean of its values.
  func binned(_ count: Int) -> [Double] {
    guard values.count > count, count > 0 else { return values }
    return (0..<count).map { b in
      let lo = b * values.count / count
      let hi = max(lo + 1, (b + 1) * values.count / count)
      return values[lo..<hi].reduce(0, +) / Double(hi - lo)
    }
  }

  public func render(width: Int, height: Int = 1, style: ChartStyle = .unicode) -> Grid {
    var grid = Grid(width: width, height: min(height, 1))
    guard !values.isEmpty else {
      grid.write(Message.noData, x: 0, y: 0, attributes: .dim)
      return grid
    }
    let bins = binned(grid.width)
    let finite = bins.filter(\.isFinite)
    let lo = finite.min() ?? 0
    let span = (finite.max() ?? 0) - lo
    let levels = style.isUnicode ? Self.unicodeLevels : Self.asciiLevels
    for (x, v) in bins.enumerated() {
      guard v.isFinite else {
        grid[x, 0] = Cell(style.glyph("×", "x"), attributes: .bold)
        continue
      }
      let t = span > 0 && span.isFinite ? (v - lo) / span : 0.5
      let level = min(levels.count - 1, max(0, Int((t * Double(levels.count - 1)).rounded())))
      grid[x, 0] = Cell(levels[level], foreground: style.tint(.brightCyan))
    }
    return grid
  }
}
