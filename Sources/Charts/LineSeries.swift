/// A named series of values for a `LineChart`, with their x positions (1, 2, 3, … when not
/// given: the step numbers of a loss curve).
///
///     LineSeries("train", [0.9, 0.5, 0.3] as [Float])           // x = 1, 2, 3
///     LineSeries("test", [0.8, 0.6], x: [100, 200])             // evaluated every 100 steps
public struct LineSeries: Hashable, Sendable {
  public var name: String
  public var values: [Double]
  /// One x per value, in increasing order; nil for 1, 2, 3, …
  public var x: [Double]?
  /// Drawn as one point per dot column, the mean of the column's values (in axis position),
  /// joined by a line; otherwise each column spans its lowest to highest value. A noisy curve
  /// of many points (a batch loss over 10⁵ steps) stays a line instead of a solid band.
  public var averaged = false

  public init<V: BinaryFloatingPoint>(_ name: String, _ values: [V], x: [Double]? = nil) {
    self.name = name
    self.values = (values as? [Double]) ?? values.map { Double($0) }
    self.x = x
  }

  /// Float values, converted without going through the generic initialiser.
  public init(_ name: String, _ values: [Float], x: [Double]? = nil) {
    self.name = name
    self.values = values.map(Double.init)
    self.x = x
  }

  /// The number of points drawn: the shorter of `values` and `x`.
  public var count: Int { x.map { min($0.count, values.count) } ?? values.count }

  func xValue(_ i: Int) -> Double { x.map { $0[i] } ?? Double(i + 1) }

  var xRange: ClosedRange<Double>? {
    guard count > 0 else { return nil }
    if x == nil { return 1...Double(count) }
    return Axis.range(of: (0..<count).lazy.map { self.xValue($0) }, scale: .linear)
  }
}
