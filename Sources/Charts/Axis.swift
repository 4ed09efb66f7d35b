import Foundation

/// One axis of a plot: the span it covers (in scale positions: log10 of the value on a log
/// axis), its tick values and their labels.
struct Axis: Equatable {
  var scale: AxisScale
  var lo: Double
  var hi: Double
  var ticks: [Double]
  var labels: [String]

  /// Where `value` falls: 0 at the low end, 1 at the high end; nil when it cannot be drawn.
  func fraction(_ value: Double) -> Double? {
    guard let p = scale.position(value) else { return nil }
    let f = (p / 2 - lo / 2) / (hi / 2 - lo / 2)
    return f.isFinite ? f : nil
  }

  /// An axis over the drawable values in `data`, widened to round ticks when `widen` is set.
  /// A single value gets some room around it; no value at all gives 0...1.
  static func make(
    data: ClosedRange<Double>?, scale: AxisScale, maxTicks: Int, widen: Bool
  ) -> Axis {
    let limit = 1e300
    var lo = min(max(data?.lowerBound ?? 0, -limit), limit)
    var hi = min(max(data?.upperBound ?? 1, -limit), limit)
    switch scale {
    case .linear:
      if hi <= lo {
        let pad = lo == 0 ? 1 : abs(lo) * 0.1
        lo -= pad
        hi += pad
      }
      var range = lo...hi
      if widen { range = Ticks.widened(range, maxCount: maxTicks) }
      var ticks = Ticks.linear(range, maxCount: maxTicks)
      // A range that is not widened may fall between the ticks of the coarse step.
      for finer in [2, 4] where ticks.values.count < 2 {
        ticks = Ticks.linear(range, maxCount: maxTicks * finer)
      }
      return Axis(
        scale: .linear, lo: range.lowerBound, hi: range.upperBound, ticks: ticks.values,
        labels: ticks.labels(scale: .linear))
    case .log:
      lo = max(lo, 1e-300)
      hi = max(hi, lo)
      if hi <= lo {
        lo /= 2
        hi *= 2
      }
      var range = lo...hi
      if widen { range = Ticks.logWidened(range) }
      let ticks = Ticks.log(range, maxCount: maxTicks)
      return Axis(
        scale: .log, lo: log10(range.lowerBound), hi: log10(range.upperBound),
        ticks: ticks.values, labels: ticks.labels(scale: .log))
    }
  }

  /// The smallest range holding every drawable value of `values` on `scale`.
  static func range<S: Sequence>(of values: S, scale: AxisScale) -> ClosedRange<Double>?
  where S.Element == Double {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where scale.position(v) != nil {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    return lo <= hi ? lo...hi : nil
  }
}
