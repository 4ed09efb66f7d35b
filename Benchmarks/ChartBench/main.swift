// Times a 120 × 40 line chart of 10,000 points (a loss curve with noise and a test series),
// and prints the median over many runs. Run in release: swift run -c release chart-bench
import Charts

let count = 10_000
var train = [Double](repeating: 0, count: count)
var state: UInt64 = 42
for i in 0..<count {
  state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
  let noise = Double(state >> 11) / Double(1 << 53) - 0.5
  train[i] = 2.3 * (-Double(i) / 1500).exp() + 0.05 + 0.1 * noise
}
let chart = LineChart(
  series: [
    LineSeries("train", train),
    LineSeries(
      "test", stride(from: 0, to: count, by: 500).map { train[$0] + 0.1 },
      x: stride(from: 1, through: Double(count), by: 500).map { $0 }),
  ],
  markers: [.init(x: 5000, label: "lr 0.1")])

func median(_ runs: Int, _ body: () -> Int) -> Duration {
  let clock = ContinuousClock()
  var times: [Duration] = []
  var sink = 0
  for _ in 0..<runs {
    let start = clock.now
    sink &+= body()
    times.append(clock.now - start)
  }
  if sink == -1 { print(sink) }
  return times.sorted()[runs / 2]
}

func microseconds(_ d: Duration) -> String {
  let us = Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
  return String(Int(us.rounded())) + " µs"
}

for (name, style) in [("unicode", ChartStyle.unicode), ("ascii", .ascii)] {
  let render = median(501) { chart.render(width: 120, height: 40, style: style).width }
  let text = median(501) { chart.render(width: 120, height: 40, style: style).lines().count }
  print(
    "120x40 line chart of \(count) points, \(name): render \(microseconds(render)),"
      + " render + lines() \(microseconds(text)) (median of 501 runs)")
}

extension Double {
  func exp() -> Double {
    // e^x by squaring of a Taylor series; enough for test data, and no Foundation needed.
    var x = self / 1024
    var term = 1.0
    var sum = 1.0
    for n in 1...12 {
      term *= x / Double(n)
      sum += term
    }
    x = sum
    for _ in 0..<10 { x *= x }
    return x
  }
}
