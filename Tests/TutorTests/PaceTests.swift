import Foundation
import Testing

@testable import Tutor

/// The pace of live training: the ladder of `-` and `+`, `set pace`, the default for the
/// data, and the pacer's schedule.
@Suite struct PaceTests {
  @Test func theLadderGoesUpToMaxAndDownToOne() {
    #expect(Pace.stepsPerSecond(30).faster == .stepsPerSecond(50))
    #expect(Pace.stepsPerSecond(30).slower == .stepsPerSecond(20))
    #expect(Pace.stepsPerSecond(1000).faster == .max)
    #expect(Pace.max.slower == .stepsPerSecond(1000))
    #expect(Pace.max.faster == .max)
    #expect(Pace.stepsPerSecond(1).slower == .stepsPerSecond(1))
    // Off the ladder, the next rung either way.
    #expect(Pace.stepsPerSecond(7).faster == .stepsPerSecond(10))
    #expect(Pace.stepsPerSecond(7).slower == .stepsPerSecond(5))
  }

  @Test func smallDataIsWatchableAndImagesGoFlatOut() {
    #expect(Pace.automatic(examples: 200, images: false, landscape: false) == .stepsPerSecond(30))
    #expect(Pace.automatic(examples: 4000, images: true, landscape: false) == .max)
    #expect(Pace.automatic(examples: 60000, images: false, landscape: false) == .max)
    #expect(Pace.automatic(examples: nil, images: false, landscape: true) == .stepsPerSecond(20))
    let s = SessionTests().session()
    _ = s.execute(line: "data moons")
    #expect(s.pace == .stepsPerSecond(30))
  }

  @Test func setPaceTakesANumberMaxOrAuto() {
    let s = SessionTests().session()
    _ = s.execute(line: "data moons")
    #expect(s.execute(line: "set pace 5") == [.line("pace = 5 steps/s for live training; `train N` always runs at full speed")])
    #expect(s.pace == .stepsPerSecond(5))
    _ = s.execute(line: "set pace max")
    #expect(s.pace == .max)
    _ = s.execute(line: "set pace auto")
    #expect(s.pace == .stepsPerSecond(30))
    let bad = s.execute(line: "set pace fast")
    #expect(bad == [.error("pace must be steps per second (such as 30), `max` or `auto` (got 'fast')")])
    let zero = s.execute(line: "set pace 0")
    #expect(zero.count == 1 && zero[0].isError)
  }

  @Test func thePacerSpacesStepsAndDoesNotBurstAfterFallingBehind() {
    let t0 = ContinuousClock.now
    var pacer = Pacer(.stepsPerSecond(10))
    #expect(pacer.delay(steps: 0, now: t0) == .zero)
    // Step 1 is due 0.1 s after step 0.
    #expect(pacer.delay(steps: 1, now: t0 + .milliseconds(40)) == .milliseconds(60))
    #expect(pacer.delay(steps: 1, now: t0 + .milliseconds(100)) == .zero)
    #expect(pacer.delay(steps: 5, now: t0 + .milliseconds(300)) == .milliseconds(200))
    // Two seconds late (a long evaluation): no burst, the schedule starts again from now.
    let late = t0 + .seconds(2)
    #expect(pacer.delay(steps: 6, now: late) == .zero)
    #expect(pacer.delay(steps: 7, now: late + .milliseconds(50)) == .milliseconds(50))
    var flatOut = Pacer(.max)
    #expect(flatOut.delay(steps: 0, now: t0) == .zero)
    #expect(flatOut.delay(steps: 100, now: t0) == .zero)
  }
}
