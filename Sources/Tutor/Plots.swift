import Foundation
import Charts
import Engine

/// Charts made from engine values, shared by the session and the command line.
public enum Plots {
  /// Batch loss per step and test loss at each evaluation, for one run or several; markers
  /// where settings changed (one run only). A log axis when the losses span over two decades,
  /// with a floor at most six decades under the highest loss, so that a loss that reaches 0
  /// is drawn at the bottom. The training curve is the mean of each column's steps (a line
  /// however long the run); each test curve is drawn after its training curve, over it.
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
    guard spread > 100 else { return LineChart(series: series, yScale: .linear, markers: markers) }
    let floor = pow(10, log10(max(low, high * 1e-6)).rounded(.down))
    return LineChart(series: series, yScale: .log, markers: markers, floor: floor)
  }

  /// At most this many points of a loss curve are handed to the chart.
  public static let maximumTrainPoints = 2048

  /// The batch losses, step numbers as x, drawn averaged (`LineSeries.averaged`). A long run
  /// is cut into `maximumTrainPoints / 2` equal buckets of steps, each drawn as its mean loss
  /// at its middle step, so that a frame costs the same after a million steps as after a
  /// thousand. NaN and infinite losses are kept as points of their own, so the chart marks them.
  static func trainSeries(_ name: String, _ losses: [Float]) -> LineSeries {
    let n = losses.count
    guard n > maximumTrainPoints else {
      var s = LineSeries(name, losses)
      s.averaged = true
      return s
    }
    let buckets = maximumTrainPoints / 2
    var values: [Double] = []
    var xs: [Double] = []
    values.reserveCapacity(buckets + 8)
    xs.reserveCapacity(buckets + 8)
    losses.withUnsafeBufferPointer { l in
      for b in 0..<buckets {
        let from = b * n / buckets
        let to = (b + 1) * n / buckets
        var sum = 0.0
        var count = 0
        var firstSkipped = xs.count
        for i in from..<to {
          let v = l[i]
          if v.isFinite {
            sum += Double(v)
            count += 1
          } else {
            values.append(Double(v))
            xs.append(Double(i + 1))
          }
        }
        if count > 0 {
          // The mean goes before the bucket's non-finite losses when it is the earlier step.
          let x = Double(from + 1 + to) / 2
          while firstSkipped < xs.count && xs[firstSkipped] < x { firstSkipped += 1 }
          values.insert(sum / Double(count), at: firstSkipped)
          xs.insert(x, at: firstSkipped)
        }
      }
    }
    var s = LineSeries(name, values, x: xs)
    s.averaged = true
    return s
  }

  /// The batch losses of a run's history: all of them while it keeps them all; otherwise its
  /// buckets' means and its exact latest losses, averaged again over equal ranges of steps
  /// (weighted by how many steps each stands for) when they are too many to draw.
  static func trainSeries(_ name: String, _ trace: LossTrace) -> LineSeries {
    if trace.isWhole { return trainSeries(name, trace.exact) }
    let points = trace.means()
    var s: LineSeries
    if points.count <= maximumTrainPoints {
      s = LineSeries(name, points.map(\.loss), x: points.map(\.step))
    } else if let first = points.first?.step, let last = points.last?.step {
      let buckets = maximumTrainPoints / 2
      let span = max(last - first, 1)
      var sums = [Double](repeating: 0, count: buckets)
      var xSums = [Double](repeating: 0, count: buckets)
      var weights = [Int](repeating: 0, count: buckets)
      for p in points {
        let b = min(buckets - 1, Int((p.step - first) / span * Double(buckets)))
        sums[b] += p.loss * Double(p.weight)
        xSums[b] += p.step * Double(p.weight)
        weights[b] += p.weight
      }
      let kept = (0..<buckets).filter { weights[$0] > 0 }
      s = LineSeries(
        name, kept.map { sums[$0] / Double(weights[$0]) }, x: kept.map { xSums[$0] / Double(weights[$0]) })
    } else {
      s = LineSeries(name, [Double]())
    }
    s.averaged = true
    return s
  }

  /// The probability array of one example: softmax of the network's output, the truth marked.
  public static func probabilities(
    _ network: Network, _ features: Matrix, truth: Int?, labels: [String]?
  ) -> BarChart {
    let p = SoftmaxCrossEntropy.probabilities(network.predict(features))
    return BarChart(values: p.values, labels: labels, truth: truth)
  }
  /// A probability in at most five characters: "99.9%" (above 99%), "97%", "1.2%", "0.3%",
  /// "<0.1%", so that two fit under a small image.
  public static func shortPercent(_ p: Float) -> String {
    let x = Double(p) * 100
    guard x.isFinite else { return NumberFormat.short(x) }
    if x >= 99 { return NumberFormat.fixed(min(x, 99.9), 1) + "%" }
    if x >= 10 { return NumberFormat.fixed(x, 0) + "%" }
    if x >= 0.05 { return NumberFormat.fixed(x, 1) + "%" }
    return "<0.1%"
  }

  /// The loss at points `ts` of the line between two sets of weights, the ends (t = 0 and 1)
  /// marked with their names.
  public static func landscapeLine(_ ts: [Double], _ losses: [Double], from: String, to: String) -> LineChart {
    LineChart(
      series: [LineSeries("training loss", losses, x: ts)],
      markers: [LineChart.Marker(x: 0, label: from), LineChart.Marker(x: 1, label: to)])
  }

  /// The loss over a plane of weights, `losses` row-major with the largest β first, the
  /// current weights (α = β = 0) marked, the legend giving the lowest and highest loss.
  public static func landscapeSlice(alphas: [Double], betas: [Double], losses: [Double]) -> HeatMap {
    // NB: each value is drawn at the centre of its cell, so the field reaches half a step past
    // the outermost points.
    let da = alphas.count > 1 ? abs(alphas[1] - alphas[0]) / 2 : 0.5
    let db = betas.count > 1 ? abs(betas[1] - betas[0]) / 2 : 0.5
    let field = Field(
      columns: alphas.count, rows: betas.count, values: losses,
      x: ((alphas.min() ?? 0) - da)...((alphas.max() ?? 0) + da),
      y: ((betas.min() ?? 0) - db)...((betas.max() ?? 0) + db))
    return HeatMap(field: field, path: [Point(x: 0, y: 0)], shading: .linear, showsRange: true)
  }
}
