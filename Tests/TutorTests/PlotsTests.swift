import Testing

@testable import Engine
@testable import Tutor

@Suite struct PlotsTests {
  /// A noisy, slowly falling loss curve with a few spikes, reproducible.
  func curve(_ n: Int) -> [Float] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    return (0..<n).map { i in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let noise = Float(state >> 40) / Float(1 << 24)
      return 2 / Float(1 + i / 100) + noise * 0.3 + (i % 997 == 0 ? 5 : 0)
    }
  }

  @Test func shortCurvesAreDrawnWholeAndAveraged() {
    let losses = curve(Plots.maximumTrainPoints)
    let s = Plots.trainSeries("train", losses)
    #expect(s.values == losses.map(Double.init))
    #expect(s.x == nil)
    #expect(s.averaged)
  }

  @Test func longCurvesAreTheMeanOfEveryBucket() throws {
    let n = 100_003
    let losses = curve(n)
    let s = Plots.trainSeries("train", losses)
    let xs = try #require(s.x)
    let buckets = Plots.maximumTrainPoints / 2
    #expect(s.values.count == buckets)
    #expect(xs == xs.sorted())
    #expect(s.averaged)
    for b in [0, 10, 163, buckets - 1] {
      let from = b * n / buckets
      let to = (b + 1) * n / buckets
      let mean = losses[from..<to].reduce(0.0) { $0 + Double($1) } / Double(to - from)
      #expect(abs(s.values[b] - mean) <= 1e-9 * mean, "bucket \(b)")
      #expect(xs[b] == Double(from + 1 + to) / 2)
    }
  }

  @Test func longCurvesKeepEveryNonFiniteLoss() throws {
    var losses = curve(50_000)
    losses[12_345] = .nan
    losses[40_000] = .infinity
    let s = Plots.trainSeries("train", losses)
    let xs = try #require(s.x)
    let nanAt = zip(xs, s.values).filter { $0.1.isNaN }.map(\.0)
    let infAt = zip(xs, s.values).filter { $0.1 == .infinity }.map(\.0)
    #expect(nanAt == [12_346])
    #expect(infAt == [40_001])
    #expect(xs == xs.sorted())
  }

  @Test func thinnedHistoriesAreDrawnAsMeans() throws {
    let losses = curve(300_001)
    var trace = LossTrace()
    for (i, loss) in losses.enumerated() { trace.append(loss, step: i + 1) }
    #expect(!trace.isWhole)
    let s = Plots.trainSeries("train", trace)
    let xs = try #require(s.x)
    #expect(s.values.count <= Plots.maximumTrainPoints)
    #expect(s.values.count > Plots.maximumTrainPoints / 4)
    #expect(xs == xs.sorted())
    #expect(s.averaged)
    // Each point is the mean of the steps around it: within the range of the whole run, and
    // the weighted mean of all points is the mean of all losses.
    let total = losses.reduce(0.0) { $0 + Double($1) } / Double(losses.count)
    var weighted = 0.0
    var weight = 0.0
    for i in s.values.indices {
      let left = i == 0 ? 0.5 : (xs[i - 1] + xs[i]) / 2
      let right = i == s.values.count - 1 ? Double(losses.count) + 0.5 : (xs[i] + xs[i + 1]) / 2
      weighted += s.values[i] * (right - left)
      weight += right - left
    }
    #expect(abs(weighted / weight - total) < 0.01 * total, "\(weighted / weight) vs \(total)")
  }
}
