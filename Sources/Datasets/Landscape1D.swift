import Engine
import Foundation

/// A 1-D loss curve with an analytic derivative, for rolling gradient descent downhill.
///
/// Each curve lists its minima; their positions are the roots of f′ found by Newton's method
/// from a rough guess when the curve is built (f″ by a central difference of f′), so they are
/// exact to about 1e-12 and `derivative(at:)` vanishes there.
public struct Landscape1D: Sendable {
  public struct Minimum: Sendable, Equatable {
    public let x: Double
    public let value: Double
    /// The lowest point of the curve in its domain.
    public let isGlobal: Bool
  }

  public let name: String
  public let summary: String
  /// The formula as a learner would write it: `f(x) = x⁴ − 4x² + x`.
  public let formula: String
  /// Where the curve is meant to be looked at and started from.
  public let domain: ClosedRange<Double>
  public let minima: [Minimum]
  private let f: @Sendable (Double) -> Double
  private let df: @Sendable (Double) -> Double

  init(
    name: String, summary: String, formula: String, domain: ClosedRange<Double>,
    minimaNear guesses: [Double], f: @escaping @Sendable (Double) -> Double,
    df: @escaping @Sendable (Double) -> Double
  ) {
    self.name = name
    self.summary = summary
    self.formula = formula
    self.domain = domain
    self.f = f
    self.df = df
    let xs = guesses.map { Self.newton(df, from: $0) }
    let lowest = xs.map(f).min() ?? 0
    self.minima = xs.map { Minimum(x: $0, value: f($0), isGlobal: f($0) <= lowest + 1e-12) }
  }

  /// f(x).
  public func value(at x: Double) -> Double { f(x) }
  /// f′(x), analytic.
  public func derivative(at x: Double) -> Double { df(x) }

  /// The global minimum (the first, if several are equally low).
  public var globalMinimum: Minimum? { minima.first(where: \.isGlobal) }

  /// Solves f′(x) = 0 near `x0`: x ← x − f′(x)/f″(x), f″ by a central difference.
  static func newton(_ df: (Double) -> Double, from x0: Double) -> Double {
    var x = x0
    let h = 1e-6
    for _ in 0..<100 {
      let second = (df(x + h) - df(x - h)) / (2 * h)
      guard second != 0, second.isFinite else { break }
      let step = df(x) / second
      x -= step
      if abs(step) < 1e-14 { break }
    }
    return x
  }

  public static let bowl = Landscape1D(
    name: "bowl", summary: "a parabola: one minimum, where every slope leads",
    formula: "f(x) = x²", domain: -3...3, minimaNear: [0],
    f: { $0 * $0 }, df: { 2 * $0 })

  public static let twoValleys = Landscape1D(
    name: "two-valleys", summary: "a shallow valley on the right, the deepest one on the left",
    formula: "f(x) = x⁴ − 4x² + x", domain: -2.5...2.5, minimaNear: [-1.5, 1.3],
    f: { x in x * x * x * x - 4 * x * x + x }, df: { x in 4 * x * x * x - 8 * x + 1 })

  public static let ripples = Landscape1D(
    name: "ripples", summary: "a wide bowl covered in ripples: many local minima, one global",
    formula: "f(x) = 0.1x² − cos(2x)", domain: -7...7,
    minimaNear: [-2 * Double.pi, -Double.pi, 0, Double.pi, 2 * Double.pi],
    f: { x in 0.1 * x * x - Maths.cos(2 * x) }, df: { x in 0.2 * x + 2 * Maths.sin(2 * x) })

  /// Every 1-D curve, by name.
  public static let all: [Landscape1D] = [bowl, twoValleys, ripples]

  /// The curve called `name`, or an error listing the names.
  public static func named(_ name: String) throws(DatasetError) -> Landscape1D {
    guard let found = all.first(where: { $0.name == name }) else {
      throw DatasetError(
        file: name, "no such 1-D landscape; there are " + all.map(\.name).joined(separator: ", "))
    }
    return found
  }
}
