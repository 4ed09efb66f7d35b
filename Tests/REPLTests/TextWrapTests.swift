@testable import REPL
@testable import Tutor
import Testing

struct TextWrapTests {
  @Test func shortLinesStay() {
    #expect(TextWrap.lines("error: short", width: 20) == ["error: short"])
  }

  @Test func longLinesBreakAtSpacesWithIndent() {
    #expect(
      TextWrap.lines("error: the loss became infinite at step 9", width: 20)
        == ["error: the loss", "  became infinite at", "  step 9"])
    #expect(TextWrap.lines("  w = 3 and b = 10 here", width: 12) == ["  w = 3 and", "    b = 10", "    here"])
  }

  @Test func longWordsAreCut() {
    #expect(TextWrap.lines("abcdefghijklmnopqrstuvwxyz", width: 10) == ["abcdefghij", "  klmnopqr", "  stuvwxyz"])
  }

  @Test func everyPieceFits() {
    let line = (0..<200).map { String(repeating: "x", count: $0 % 13) }.joined(separator: " ")
    for width in [8, 9, 17, 40, 80] {
      let pieces = TextWrap.lines(line, width: width)
      #expect(pieces.allSatisfy { $0.count <= width }, "width \(width)")
      let words = { (s: String) in s.split(separator: " ").joined() }
      #expect(words(pieces.joined(separator: " ")) == words(line))
    }
  }
}

struct ProgressLineTests {
  let progress = TrainingProgress(
    step: 1240, epoch: 3, epochFraction: 0.482, loss: 0.23154, samplesPerSecond: 11520.4, done: 240,
    target: 500)

  @Test func oneLineWithTheNumbersThatMatter() {
    #expect(
      ProgressLine.text(progress, width: 200)
        == "training: step 1,240 (240 of 500) · epoch 3 (48%) · loss 0.2315 · 11,520 samples/s · Ctrl-C stops")
  }

  @Test func leavesRoomForTheEchoedInterrupt() {
    #expect(ProgressLine.text(progress, width: 40).count == 36)
  }
}
