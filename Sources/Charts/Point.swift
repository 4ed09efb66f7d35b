/// A point in data coordinates.
public struct Point: Hashable, Sendable {
  public var x: Double
  public var y: Double

  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }

  public init<V: BinaryFloatingPoint>(_ x: V, _ y: V) {
    self.x = Double(x)
    self.y = Double(y)
  }

  var isFinite: Bool { x.isFinite && y.isFinite }
}

extension PlotFrame {
  /// The grid cell of a point, nil when it falls outside the plot.
  func cell(_ p: Point) -> (x: Int, y: Int)? {
    guard let c = column(p.x), let r = row(p.y) else { return nil }
    return (c, r)
  }

  /// The x value at a dot column (linear x axis).
  func xValue(atDot d: Int) -> Double {
    x.lo + (x.hi - x.lo) * Double(d) / Double(max(pixelWidth - 1, 1))
  }

  /// Draws a polyline through `points` on `canvas`, broken where a point is not drawable.
  func polyline(_ points: [Point], on canvas: inout DotCanvas, layer: Int) {
    var previous: (Double, Double)?
    for p in points {
      guard let px = dotX(p.x), let py = dotY(p.y), abs(px) < 1e7, abs(py) < 1e7 else {
        previous = nil
        continue
      }
      if let (qx, qy) = previous {
        canvas.segment(qx, qy, px, py, layer: layer)
      } else {
        canvas.span(Int(px.rounded()), py, py, layer: layer)
      }
      previous = (px, py)
    }
  }
}
