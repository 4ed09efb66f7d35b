import Charts
import Testing
import Tutor

@testable import Engine

/// The loss chart as the tutor draws it, after runs long and short: a line, never a solid
/// block; the test curve over the training curve; a loss of 0 at the bottom of a log axis,
/// not a row of "×".
@Suite struct LossChartGoldenTests {
  /// A reproducible noisy batch loss falling from about 0.7 towards `floor`, with a test
  /// evaluation every `every` steps a little above it.
  static func history(steps: Int, every: Int, floor: Double, zeroFrom: Int? = nil) -> History {
    var h = History()
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    for step in 1...steps {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let noise = Double(state >> 40) / Double(1 << 24)
      let level = floor + 0.7 / (1 + Double(step) / Double(max(1, steps / 200)))
      var loss = level * (0.2 + 1.6 * noise)
      if let zeroFrom, step >= zeroFrom, step % 3 != 0 { loss = 0 }
      h.record(stepLoss: loss, step: step)
      if step % every == 0 {
        let test = Evaluation(examples: 200, loss: level * 1.3, accuracy: 0.9)
        h.record(History.Evaluated(step: step, epoch: step / every, train: Evaluation(examples: 200, loss: level), test: test))
      }
    }
    return h
  }

  static func render(_ h: History, style: ChartStyle = .monochrome) -> [String] {
    Plots.lossChart([("main", h)]).render(width: 72, height: 18, style: style).lines()
  }

  @Test func aLongRunIsALineWithTheTestCurveOverIt() {
    let h = Self.history(steps: 300_000, every: 7, floor: 0.02)
    let lines = Self.render(h)
    Snapshot.check(lines, named: "loss-300000-steps")
    // No row of the plot is a solid block of full braille cells.
    #expect(!lines.contains { $0.contains("⣿⣿⣿⣿⣿⣿⣿⣿") }, "\(lines.joined(separator: "\n"))")
    let ascii = Self.render(h, style: .ascii)
    Snapshot.check(ascii, named: "loss-300000-steps-ascii")
    // The test curve ("o" in ASCII) shows across the whole run.
    let plot = ascii.dropFirst(1).dropLast(2)
    let columns = Set(plot.flatMap { line in line.enumerated().filter { $0.element == "o" }.map(\.offset) })
    #expect(columns.count >= 40, "test curve in \(columns.count) columns")
  }

  @Test func aLossThatReachesZeroIsDrawnAtTheBottom() {
    let h = Self.history(steps: 3_000, every: 50, floor: 0, zeroFrom: 1_500)
    let lines = Self.render(h)
    Snapshot.check(lines, named: "loss-reaches-zero")
    let text = lines.joined(separator: "\n")
    #expect(!text.contains("×") && !text.contains("≤0"), "\(text)")
    #expect(text.contains("drawn at the bottom"), "\(text)")
  }
}
