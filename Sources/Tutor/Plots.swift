import Charts
import Engine

/// Charts made from engine values, shared by the session and the command line.
public enum Plots {
  /// Batch loss per step and test loss at each evaluation, for one run or several; markers
  /// where settings changed (one run only). A log axis when the losses span over two decades.
  public static func lossChart(_ runs: [(name: String, history: History)]) -> LineChart {
    var series: [LineSeries] = []
    var markers: [LineChart.Marker] = []
    for (name, h) in runs {
      let prefix = runs.count > 1 ? name + " " : ""
      series.append(trainSeries(prefix + "train", h.losses))
      let tests = h.evaluationTrace.testPoints().compactMap { e in e.test.map { (Double(e.step), $0.loss) } }
      if !tests.isEmpty {
        series.append(LineSeries(prefix + "test", tests.map(\.1), x: tests.map(\.0)))
      }
      if runs.count == 1 {
        markers = h.markers.map { LineChart.Marker(x: Double($0.step), label: $0.label) }
      }
    }
    var low = Double.infinity
    var high = -Double.infinity
    for s in series {
      for v in s.values where v.isFinite && v > 0 {
        low = min(low, v)
        high = max(high, v)
      }
    }
    let spread = low <= high ? high / max(low, 1e-300) : 1
    return LineChart(series: series, yScale: spread > 100 ? .log : .linear, markers: markers)
  }

  /// At most this many points of a loss curve are handed to the chart.
  public static let maximumTrainPoints = 2048

  /// The batch losses, step numbers as x. A long run is thinned to its envelope: the steps are
  /// cut into at most `maximumTrainPoints / 2` equal buckets and each keeps its lowest and
  /// highest loss (in step order), so that every pixel column still spans exactly the losses
  /// of its steps while a frame costs the same after a million steps as after a thousand.
  /// NaN and infinite losses are always kept, so the chart still marks them.
  static func trainSeries(_ name: String, _ losses: [Float]) -> LineSeries {
    let n = losses.count
    guard n > maximumTrainPoints else { return LineSeries(name, losses) }
    let buckets = maximumTrainPoints / 2
    var values: [Double] = []
    var xs: [Double] = []
    values.reserveCapacity(maximumTrainPoints + 8)
    xs.reserveCapacity(maximumTrainPoints + 8)
    losses.withUnsafeBufferPointer { l in
      for b in 0..<buckets {
        let from = b * n / buckets
        let to = (b + 1) * n / buckets
        var lo = from
        var hi = from
        for i in from..<to {
          let v = l[i]
          if !v.isFinite {
            values.append(Double(v))
            xs.append(Double(i + 1))
            continue
          }
          if !l[lo].isFinite || v < l[lo] { lo = i }
          if !l[hi].isFinite || v > l[hi] { hi = i }
        }
        for i in lo == hi ? [lo] : [min(lo, hi), max(lo, hi)] where l[i].isFinite {
          values.append(Double(l[i]))
          xs.append(Double(i + 1))
        }
      }
    }
    // Non-finite losses were appended where met; put everything back in step order.
    let order = xs.indices.sorted { xs[$0] < xs[$1] }
    return LineSeries(name, order.map { values[$0] }, x: order.map { xs[$0] })
  }

  /// The batch losses of a run's history: all of them while it keeps them all; otherwise its
  /// exact latest losses and its older buckets' lowest and highest, thinned in the same way
  /// over equal ranges of steps, so that each range still spans exactly its steps' losses.
  static func trainSeries(_ name: String, _ trace: LossTrace) -> LineSeries {
    if trace.isWhole { return trainSeries(name, trace.exact) }
    let (steps, losses) = trace.points()
    guard steps.count > maximumTrainPoints, let first = steps.first, let last = steps.last else {
      return LineSeries(name, losses.map(Double.init), x: steps.map(Double.init))
    }
    let buckets = maximumTrainPoints / 2
    let span = last - first + 1
    var values: [Double] = []
    var xs: [Double] = []
    var i = 0
    for b in 0..<buckets {
      let end = first + Int((Double(b + 1) * Double(span) / Double(buckets)).rounded(.down))
      var lo = i
      var hi = i
      let start = i
      while i < steps.count && (steps[i] < end || b == buckets - 1) {
        if losses[i] < losses[lo] { lo = i }
        if losses[i] > losses[hi] { hi = i }
        i += 1
      }
      guard i > start else { continue }
      for k in lo == hi ? [lo] : [min(lo, hi), max(lo, hi)] {
        values.append(Double(losses[k]))
        xs.append(Double(steps[k]))
      }
    }
    return LineSeries(name, values, x: xs)
  }

  /// The probability array of one example: softmax of the network's output, the truth marked.
  public static func probabilities(
    _ network: Network, _ features: Matrix, truth: Int?, labels: [String]?
  ) -> BarChart {
    let p = SoftmaxCrossEntropy.probabilities(network.predict(features))
    return BarChart(values: p.values, labels: labels, truth: truth)
  }
}
