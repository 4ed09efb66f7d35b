/// Values on a regular grid over a rectangle of the plane, row 0 at the top (largest y),
/// for heat maps and decision maps.
///
///     Field.sample(x: -1...1, y: -1...1, columns: 2, rows: 2) { x, y in x + y }
///     // values [0, 1, -1, 0]: x = -0.5, 0.5 and y = 0.5, -0.5 (cell centres)
public struct Field: Hashable, Sendable {
  public var columns: Int
  public var rows: Int
  /// Row-major, `rows * columns` values.
  public var values: [Double]
  public var x: ClosedRange<Double>
  public var y: ClosedRange<Double>

  public init(
    columns: Int, rows: Int, values: [Double], x: ClosedRange<Double>, y: ClosedRange<Double>
  ) {
    self.columns = max(columns, 0)
    self.rows = max(rows, 0)
    self.values = values
    self.x = x
    self.y = y
  }

  /// `f` evaluated at the centre of each of `columns` × `rows` cells.
  public static func sample(
    x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int,
    _ f: (Double, Double) -> Double
  ) -> Field {
    let c = max(columns, 0)
    let r = max(rows, 0)
    var values: [Double] = []
    values.reserveCapacity(c * r)
    for i in 0..<r {
      let yv = y.upperBound - (Double(i) + 0.5) / Double(r) * (y.upperBound - y.lowerBound)
      for j in 0..<c {
        let xv = x.lowerBound + (Double(j) + 0.5) / Double(c) * (x.upperBound - x.lowerBound)
        values.append(f(xv, yv))
      }
    }
    return Field(columns: c, rows: r, values: values, x: x, y: y)
  }

  var isEmpty: Bool { columns == 0 || rows == 0 || values.count < columns * rows }

  /// The value nearest to the centre of plot cell (`column`, `row`) of a plot `width` ×
  /// `height` cells showing the whole field.
  func value(column: Int, row: Int, width: Int, height: Int) -> Double {
    let j = min(columns - 1, (column * columns + columns / 2) / max(width, 1))
    let i = min(rows - 1, (row * rows + rows / 2) / max(height, 1))
    return values[i * columns + j]
  }
}
