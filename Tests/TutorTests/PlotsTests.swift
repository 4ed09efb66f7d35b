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

  @Test func shortCurvesAreDrawnWhole() {
    let losses = curve(Plots.maximumTrainPoints)
    let s = Plots.trainSeries("train", losses)
    #expect(s.values == losses.map(Double.init))
    #expect(s.x == nil)
  }

  @Test func longCurvesKeepTheEnvelopeOfEveryBucket() throws {
    let n = 100_003
    let losses = curve(n)
    let s = Plots.trainSeries("train", losses)
    let xs = try #require(s.x)
    #expect(s.values.count <= Plots.maximumTrainPoints)
    #expect(s.values.count > Plots.maximumTrainPoints / 2)
    #expect(xs == xs.sorted())
    // Every kept point is a real step with its own loss.
    for (x, v) in zip(xs, s.values) { #expect(Double(losses[Int(x) - 1]) == v) }
    // Any range of whole buckets spans exactly the losses of its steps.
    let buckets = Plots.maximumTrainPoints / 2
    for (first, last) in [(0, buckets - 1), (10, 10), (100, 163), (1000, 1023)] {
      let from = first * n / buckets
      let to = (last + 1) * n / buckets
      let original = losses[from..<to]
      let kept = zip(xs, s.values).filter { Int($0.0) - 1 >= from && Int($0.0) - 1 < to }.map(\.1)
      #expect(kept.min() == Double(original.min()!))
      #expect(kept.max() == Double(original.max()!))
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

  @Test func thinnedHistoriesStillShowTheirEnvelope() throws {
    let losses = curve(300_001)
    var trace = LossTrace()
    for (i, loss) in losses.enumerated() { trace.append(loss, step: i + 1) }
    #expect(!trace.isWhole)
    let s = Plots.trainSeries("train", trace)
    let xs = try #require(s.x)
    #expect(s.values.count <= Plots.maximumTrainPoints)
    #expect(s.values.count > Plots.maximumTrainPoints / 2)
    #expect(xs == xs.sorted())
    for (x, v) in zip(xs, s.values) { #expect(Double(losses[Int(x) - 1]) == v, "step \(x) is drawn with its own loss") }
    #expect(s.values.min() == losses.min().map(Double.init))
    #expect(s.values.max() == losses.max().map(Double.init))
    // A spike every 997 steps: every 64th of the run still shows one.
    for part in 0..<64 {
      let from = Double(part * losses.count / 64)
      let to = Double((part + 1) * losses.count / 64)
      let top = zip(xs, s.values).filter { $0.0 > from && $0.0 <= to }.map(\.1).max() ?? 0
      #expect(top >= 5, "part \(part) lost its spikes")
    }
  }
}
