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
      series.append(LineSeries(prefix + "train", h.stepLosses, x: h.stepLosses.indices.map { Double($0 + 1) }))
      let tests = h.evaluations.compactMap { e in e.test.map { (Double(e.step), $0.loss) } }
      if !tests.isEmpty {
        series.append(LineSeries(prefix + "test", tests.map(\.1), x: tests.map(\.0)))
      }
      if runs.count == 1 {
        markers = h.markers.map { LineChart.Marker(x: Double($0.step), label: $0.label) }
      }
    }
    let positive = series.flatMap(\.values).filter { $0.isFinite && $0 > 0 }
    let spread = (positive.max() ?? 1) / max(positive.min() ?? 1, 1e-300)
    return LineChart(series: series, yScale: spread > 100 ? .log : .linear, markers: markers)
  }

  /// The probability array of one example: softmax of the network's output, the truth marked.
  public static func probabilities(
    _ network: Network, _ features: Matrix, truth: Int?, labels: [String]?
  ) -> BarChart {
    let p = SoftmaxCrossEntropy.probabilities(network.predict(features))
    return BarChart(values: p.values, labels: labels, truth: truth)
  }
}
