/// Round tick values in 1-2-5 steps (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …).
///
///     Ticks.linear(0.13...0.92, maxCount: 5)   // step 0.2: [0.2, 0.4, 0.6, 0.8]
///     Ticks.log(0.001...5, maxCount: 5)        // [0.001, 0.01, 0.1, 1]
struct Ticks: Equatable {
  var values: [Double]
  /// The spacing the labels need to tell neighbours apart.
  var step: Double

  /// The smallest 1-2-5 step that puts at most `maxCount` ticks on `range`.
  static func niceStep(span: Double, maxCount: Int) -> Double {
    let count = Double(max(maxCount - 1, 1))
    guard span > 0, span.isFinite else { return 1 }
    let raw = span / count
    let base = NumberText.pow10(NumberText.exponent(of: raw))
    for m in [1.0, 2, 5, 10] where base * m >= raw * (1 - 1e-9) { return base * m }
    return base * 10
  }

  /// Ticks inside `range` (inclusive).
  static func linear(_ range: ClosedRange<Double>, maxCount: Int) -> Ticks {
    let step = niceStep(span: range.upperBound - range.lowerBound, maxCount: maxCount)
    let first = (range.lowerBound / step - 1e-9).rounded(.up)
    let last = (range.upperBound / step + 1e-9).rounded(.down)
    guard first <= last, last - first < 1000 else { return Ticks(values: [], step: step) }
    let values = stride(from: first, through: last, by: 1).map { $0 * step }
    return Ticks(values: values.map { abs($0) < step * 1e-9 ? 0 : $0 }, step: step)
  }

  /// `range` widened to the 1-2-5 step around it, so that both ends carry a tick.
  static func widened(
    _ range: ClosedRange<Double>, maxCount: Int, depth: Int = 0
  ) -> ClosedRange<Double> {
    let step = niceStep(span: range.upperBound - range.lowerBound, maxCount: maxCount)
    guard step > 0, step.isFinite else { return range }
    let lo = (range.lowerBound / step + 1e-9).rounded(.down) * step
    let hi = (range.upperBound / step - 1e-9).rounded(.up) * step
    guard lo < hi else { return range }
    // Widening may need a coarser step to keep within maxCount.
    if (hi - lo) / step + 1 > Double(maxCount) + 1e-9 && depth < 3 {
      return widened(lo...hi, maxCount: maxCount, depth: depth + 1)
    }
    return lo...hi
  }

  /// Ticks on a log axis over `range` (values > 0): powers of ten (every k-th decade when
  /// there are many), 1-2-5 values when fewer than three powers fit, linear ticks when the
  /// range is narrower than that.
  static func log(_ range: ClosedRange<Double>, maxCount: Int) -> Ticks {
    let lo = range.lowerBound
    let hi = range.upperBound
    let first =
      NumberText.exponent(of: lo)
      + (NumberText.pow10(NumberText.exponent(of: lo)) < lo * (1 - 1e-9) ? 1 : 0)
    let last = NumberText.exponent(of: hi)
    if last - first + 1 >= 3 || maxCount < 3 {
      let count = max(last - first, 0)
      let stride = max(1, Int((Double(count) / Double(max(maxCount - 1, 1))).rounded(.up)))
      var values: [Double] = []
      var e = last
      while e >= first {
        values.insert(NumberText.pow10(e), at: 0)
        e -= stride
      }
      return Ticks(values: values, step: 0)
    }
    var values: [Double] = []
    for e in (first - 1)...last {
      for m in [1.0, 2, 5] {
        let v = m * NumberText.pow10(e)
        if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { values.append(v) }
      }
    }
    if values.count >= 2 && values.count <= maxCount { return Ticks(values: values, step: 0) }
    if values.count > maxCount {
      return Ticks(
        values: values.filter {
          NumberText.fixed($0 / NumberText.pow10(NumberText.exponent(of: $0)), decimals: 0) == "1"
        }, step: 0)
    }
    return linear(range, maxCount: maxCount)
  }

  /// `range` (values > 0) widened to the 1-2-5 values around it.
  static func logWidened(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
    func below(_ v: Double) -> Double {
      let base = NumberText.pow10(NumberText.exponent(of: v))
      return [5.0, 2, 1].map { $0 * base }.first { $0 <= v * (1 + 1e-9) } ?? base
    }
    func above(_ v: Double) -> Double {
      let base = NumberText.pow10(NumberText.exponent(of: v))
      return [1.0, 2, 5, 10].map { $0 * base }.first { $0 >= v * (1 - 1e-9) } ?? base * 10
    }
    let lo = below(range.lowerBound)
    let hi = above(range.upperBound)
    return lo < hi ? lo...hi : lo...(lo * 10)
  }

  /// Labels for the ticks, each with the decimals its own size needs on a log axis.
  func labels(scale: AxisScale) -> [String] {
    switch scale {
    case .linear: return values.map { NumberText.format($0, step: step) }
    case .log: return values.map { NumberText.format($0, step: step > 0 ? step : $0) }
    }
  }
}
