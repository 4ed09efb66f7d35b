import Foundation

/// A 2-D loss surface with an analytic gradient, for watching optimizer paths on a heat map.
///
/// Each surface lists its critical points (minima, saddles, maxima). Their positions are found
/// by Newton's method on ∇f = 0 from a rough guess when the surface is built (the Hessian by
/// central differences of ∇f), so ∇f vanishes there to about 1e-10.
public struct Landscape2D: Sendable {
  public enum Kind: String, Sendable, Equatable {
    case globalMinimum = "global minimum"
    case localMinimum = "local minimum"
    case saddle
    case maximum
  }

  public struct CriticalPoint: Sendable, Equatable {
    public let x: Double
    public let y: Double
    public let value: Double
    public let kind: Kind
  }

  public let name: String
  public let summary: String
  public let formula: String
  public let xDomain: ClosedRange<Double>
  public let yDomain: ClosedRange<Double>
  public let criticalPoints: [CriticalPoint]
  private let f: @Sendable (Double, Double) -> Double
  private let grad: @Sendable (Double, Double) -> (Double, Double)

  /// `guesses` pair a rough position with what it is; minima are sorted into global and local
  /// by their values.
  init(
    name: String, summary: String, formula: String, x: ClosedRange<Double>,
    y: ClosedRange<Double>, near guesses: [(Double, Double, Kind)],
    f: @escaping @Sendable (Double, Double) -> Double,
    gradient: @escaping @Sendable (Double, Double) -> (Double, Double)
  ) {
    self.name = name
    self.summary = summary
    self.formula = formula
    self.xDomain = x
    self.yDomain = y
    self.f = f
    self.grad = gradient
    let refined = guesses.map { g -> (Double, Double, Kind) in
      let (px, py) = Self.newton(gradient, from: (g.0, g.1))
      return (px, py, g.2)
    }
    let minimumValues = refined.filter { $0.2 != .saddle && $0.2 != .maximum }.map { f($0.0, $0.1) }
    let lowest = minimumValues.min() ?? 0
    self.criticalPoints = refined.map { p in
      var kind = p.2
      if kind == .globalMinimum || kind == .localMinimum {
        kind = f(p.0, p.1) <= lowest + 1e-9 ? .globalMinimum : .localMinimum
      }
      return CriticalPoint(x: p.0, y: p.1, value: f(p.0, p.1), kind: kind)
    }
  }

  /// f(x, y).
  public func value(x: Double, y: Double) -> Double { f(x, y) }
  /// ∇f(x, y) = (∂f/∂x, ∂f/∂y), analytic.
  public func gradient(x: Double, y: Double) -> (dx: Double, dy: Double) {
    let g = grad(x, y)
    return (g.0, g.1)
  }

  /// The minima, global first.
  public var minima: [CriticalPoint] {
    criticalPoints.filter { $0.kind == .globalMinimum } + criticalPoints.filter { $0.kind == .localMinimum }
  }
  public var saddles: [CriticalPoint] { criticalPoints.filter { $0.kind == .saddle } }

  static func newton(
    _ grad: (Double, Double) -> (Double, Double), from start: (Double, Double)
  ) -> (Double, Double) {
    var (x, y) = start
    let h = 1e-6
    for _ in 0..<100 {
      let (gx, gy) = grad(x, y)
      let (ax, ay) = grad(x + h, y)
      let (bx, by) = grad(x - h, y)
      let (cx, cy) = grad(x, y + h)
      let (dx, dy) = grad(x, y - h)
      let hxx = (ax - bx) / (2 * h)
      let hyx = (ay - by) / (2 * h)
      let hxy = (cx - dx) / (2 * h)
      let hyy = (cy - dy) / (2 * h)
      let det = hxx * hyy - hxy * hyx
      guard det != 0, det.isFinite else { break }
      let stepX = (hyy * gx - hxy * gy) / det
      let stepY = (hxx * gy - hyx * gx) / det
      x -= stepX
      y -= stepY
      if abs(stepX) + abs(stepY) < 1e-14 { break }
    }
    return (x, y)
  }

  public static let ravine = Landscape2D(
    name: "ravine", summary: "a long narrow valley: steep across, gentle along (momentum helps)",
    formula: "f(x, y) = x² + 10y²", x: -3...3, y: -2...2, near: [(0, 0, .globalMinimum)],
    f: { x, y in x * x + 10 * y * y }, gradient: { x, y in (2 * x, 20 * y) })

  public static let rosenbrock = Landscape2D(
    name: "rosenbrock", summary: "a curved banana-shaped valley with its minimum at (1, 1)",
    formula: "f(x, y) = (1 − x)² + 100(y − x²)²", x: -2...2, y: -1...3,
    near: [(1, 1, .globalMinimum)],
    f: { x, y in (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) },
    gradient: { x, y in (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)) })

  public static let doubleWell = Landscape2D(
    name: "double-well", summary: "two valleys, the left one deeper, joined over a saddle",
    formula: "f(x, y) = (x² − 1)² + y² + 0.3x", x: -2...2, y: -1.5...1.5,
    near: [(-1, 0, .globalMinimum), (1, 0, .localMinimum), (0.07, 0, .saddle)],
    f: { x, y in (x * x - 1) * (x * x - 1) + y * y + 0.3 * x },
    gradient: { x, y in (4 * x * (x * x - 1) + 0.3, 2 * y) })

  public static let himmelblau = Landscape2D(
    name: "himmelblau", summary: "four equally deep minima, four saddles and a peak between",
    formula: "f(x, y) = (x² + y − 11)² + (x + y² − 7)²", x: -5...5, y: -5...5,
    near: [
      (3, 2, .globalMinimum), (-2.8, 3.1, .globalMinimum), (-3.8, -3.3, .globalMinimum),
      (3.6, -1.8, .globalMinimum), (0.09, 2.88, .saddle), (-3.07, -0.08, .saddle),
      (3.39, 0.07, .saddle), (-0.13, -1.95, .saddle), (-0.27, -0.92, .maximum),
    ],
    f: { x, y in (x * x + y - 11) * (x * x + y - 11) + (x + y * y - 7) * (x + y * y - 7) },
    gradient: { x, y in
      let a = x * x + y - 11
      let b = x + y * y - 7
      return (4 * x * a + 2 * b, 2 * a + 4 * y * b)
    })

  /// Every 2-D surface, by name.
  public static let all: [Landscape2D] = [ravine, rosenbrock, doubleWell, himmelblau]

  /// The surface called `name`, or an error listing the names.
  public static func named(_ name: String) throws(DatasetError) -> Landscape2D {
    guard let found = all.first(where: { $0.name == name }) else {
      throw DatasetError(
        file: name, "no such 2-D landscape; there are " + all.map(\.name).joined(separator: ", "))
    }
    return found
  }
}
