@testable import Engine
import Testing

/// The default thread count is chosen by timing the steps: the fastest count wins, a slowdown of
/// the winner or the passing of time has the others timed again, and the choice never changes a
/// number.
@Suite struct ThreadTunerTests {
  /// Runs `steps` steps whose time at n threads `seconds(step, n)` gives; returns the count each
  /// step ran at.
  static func run(
    _ tuner: inout ThreadTuner, cap: Int, steps: Int, seconds: (Int, Int) -> Double
  ) -> [Int] {
    (0..<steps).map { step in
      let n = tuner.threads(cap: cap)
      tuner.record(seconds: seconds(step, n))
      return n
    }
  }

  /// Runs `steps` steps at one thread's `oneThread` seconds, and two threads' `twoThreads(k)`
  /// for the k-th step run at two threads (from 1).
  static func run(
    _ tuner: inout ThreadTuner, steps: Int, oneThread: Double, twoThreads: (Int) -> Double
  ) -> [Int] {
    var twoThreadSteps = 0
    return run(&tuner, cap: 2, steps: steps) { _, n in
      guard n == 2 else { return oneThread }
      twoThreadSteps += 1
      return twoThreads(twoThreadSteps)
    }
  }

  /// The steps of one window of `seconds`-long steps, and the uncounted first.
  static func window(of seconds: Double) -> Int {
    1 + Int((ThreadTuner.windowSeconds / seconds).rounded(.up))
  }

  static func share(of count: Int, in counts: ArraySlice<Int>) -> Double {
    Double(counts.count { $0 == count }) / Double(counts.count)
  }

  /// The training time from one timing of the other counts to the next doubles, from 0.25 s up
  /// to 2 s, while the same count keeps winning; a new winner brings it back to 0.25 s, or to
  /// 0.03 s when it has fewer threads than the batch pays for.
  @Test func rechecksThinOutWhileTheWinnerHolds() {
    var tuner = ThreadTuner()
    var clock = 0.0
    var starts: [Double] = []
    var changed = 0.0
    for step in 0..<14_000 {
      if step == 8_000 { changed = clock }
      var wasTiming = tuner.timing
      let n = tuner.threads(cap: 2)
      if tuner.timing && !wasTiming { starts.append(clock) }
      let seconds = step < 8_000 ? (n == 2 ? 0.001 : 0.0018) : (n == 2 ? 0.003 : 0.0018)
      wasTiming = tuner.timing
      tuner.record(seconds: seconds)
      clock += seconds
      if tuner.timing && !wasTiming { starts.append(clock) }
    }
    let gaps = zip(starts, starts.dropFirst()).map { $1 - $0 }
    let expected = [0.25, 0.5, 1.0, 2.0, 2.0, 2.0]
    #expect(gaps.count > expected.count, "\(gaps)")
    for (gap, want) in zip(gaps, expected) {
      // Plus the timing itself (about 25 ms) and the window a recheck waits to end.
      #expect(gap > want && gap < want + 0.05, "\(gaps)")
    }
    // From step 8,000 two threads run slower: within a few windows one thread wins. Fewer threads
    // than the batch pays for are checked sooner, 0.03 s later, then 0.06 s, 0.12 s… while one
    // keeps winning (plus each timing: two threads' losing steps, then one thread's own window
    // again, about 30 ms).
    let afterChange = starts.filter { $0 > changed }
    let gapsAfter = zip(afterChange, afterChange.dropFirst()).map { $1 - $0 }
    #expect(afterChange.first.map { $0 < changed + 0.05 } == true, "\(changed), \(afterChange)")
    let reset = gapsAfter.firstIndex { (0.03..<0.06).contains($0) }
    #expect(reset.map { $0 <= 2 } == true, "\(gapsAfter)")
    if let reset {
      let rest = Array(gapsAfter[(reset + 1)...].prefix(5))
      #expect(rest.count == 5, "\(gapsAfter)")
      for (gap, want) in zip(rest, [0.06, 0.12, 0.24, 0.48, 0.96]) {
        #expect(gap > want && gap < want + 0.04, "\(gapsAfter)")
      }
    }
  }

  @Test func theCandidatesRunFromTheBatchsCountDown() {
    #expect(ThreadTuner.candidates(cap: 1) == [1])
    #expect(ThreadTuner.candidates(cap: 2) == [2, 1])
    #expect(ThreadTuner.candidates(cap: 6) == [6, 4, 2, 1])
    #expect(ThreadTuner.candidates(cap: 8) == [8, 4, 2, 1])
    #expect(ThreadTuner.candidates(cap: 16) == [16, 8, 4, 2, 1])
  }

  /// Sixteen threads take 0.5 ms a step and eight 0.8 ms, 1.6 times slower: fewer threads still
  /// are never timed, first or at a recheck, and each recheck costs eight's four steps.
  @Test func aCountClearlySlowerThanMoreThreadsEndsTheDescent() {
    var tuner = ThreadTuner()
    let times = [16: 0.0005, 8: 0.0008, 4: 0.0015, 2: 0.003, 1: 0.006]
    let counts = Self.run(&tuner, cap: 16, steps: 30_000) { _, n in times[n]! }
    #expect(Set(tuner.countedSteps.keys) == [8, 16])
    #expect(Self.share(of: 16, in: counts.dropFirst(100)) > 0.99)
    #expect(counts.count { $0 == 8 } % 4 == 0)
  }

  /// Another program holds most of the cores: four threads win, and a recheck that finds 16 and 8
  /// slower still times 2 and 1, so that when the machine gets busier still one thread wins.
  @Test func countsAboveTheWinnerDoNotEndTheDescent() {
    var tuner = ThreadTuner()
    let busy = [16: 0.004, 8: 0.002, 4: 0.001, 2: 0.0014, 1: 0.0025]
    let busier = [16: 0.008, 8: 0.004, 4: 0.003, 2: 0.0022, 1: 0.002]
    let counts = Self.run(&tuner, cap: 16, steps: 8_000) { step, n in (step < 3_000 ? busy : busier)[n]! }
    #expect(Self.share(of: 4, in: counts[500..<3_000]) > 0.97)
    #expect(Self.share(of: 1, in: counts[4_000...]) > 0.97)
  }

  @Test func aBatchThatPaysForOneThreadIsNeverTimed() {
    var tuner = ThreadTuner()
    let counts = Self.run(&tuner, cap: 1, steps: 100) { _, _ in 0.001 }
    #expect(Set(counts) == [1])
    #expect(tuner.countedSteps.isEmpty)
  }

  /// Two threads take 1 ms a step, one 1.8 ms: after timing both, two threads run from then on,
  /// but for the other count's short windows every `recheckSeconds`.
  @Test func theFasterCountWins() {
    var tuner = ThreadTuner()
    let counts = Self.run(&tuner, cap: 2, steps: 20_000) { _, n in n == 2 ? 0.001 : 0.0018 }
    #expect(counts.prefix(4) == [2, 2, 2, 2])
    let settled = counts.dropFirst(100)
    let atTwo = Self.share(of: 2, in: settled)
    #expect(atTwo > 0.97 && atTwo < 1, "\(atTwo) of the steps at two threads")
  }

  /// Another program holds the second core: two threads take 3 ms, one 1.8 ms.
  @Test func aBusyCoreMakesOneThreadWin() {
    var tuner = ThreadTuner()
    let counts = Self.run(&tuner, cap: 2, steps: 5_000) { _, n in n == 2 ? 0.003 : 0.0018 }
    #expect(Self.share(of: 1, in: counts.dropFirst(100)) > 0.97)
  }

  /// Two threads on a busy second core take 0.48 ms a step, one 0.18 ms: each time the tuner
  /// times two threads again, three steps (and the uncounted first) tell it they lose.
  @Test func aClearLoserIsTimedBriefly() {
    var tuner = ThreadTuner()
    var rechecks = 0
    var atTwo = 0
    for step in 0..<40_000 {
      let wasTiming = tuner.timing
      let n = tuner.threads(cap: 2)
      tuner.record(seconds: n == 2 ? 0.00048 : 0.00018)
      if step > 100 {
        if n == 2 { atTwo += 1 }
        if tuner.timing && !wasTiming { rechecks += 1 }
      }
    }
    #expect(rechecks >= 5)
    #expect(atTwo == 4 * rechecks, "\(atTwo) steps at two threads in \(rechecks) rechecks")
  }

  /// Another program shares both cores: nine two-thread steps in ten take 0.5 ms and the tenth
  /// waits out a 6 ms time slice (1.05 ms a step on average); one thread takes 0.9 ms. The
  /// median two-thread step looks faster, the mean is what training gets: one thread wins.
  @Test func aRareLongWaitCountsInFull() {
    var tuner = ThreadTuner()
    let counts = Self.run(&tuner, steps: 3_000, oneThread: 0.0009) { $0 % 10 == 0 ? 0.006 : 0.0005 }
    #expect(Self.share(of: 1, in: counts.dropFirst(100)) > 0.95)
  }

  /// More threads must be at least 5 % faster: otherwise the fewer win, and leave a core to the
  /// learner's other programs (the screen, another session).
  @Test(arguments: [(0.00097, 1), (0.00093, 2)])
  func moreThreadsMustPayATwentieth(twoThreads: Double, winner: Int) {
    var tuner = ThreadTuner()
    let counts = Self.run(&tuner, cap: 2, steps: 1_000) { _, n in n == 2 ? twoThreads : 0.001 }
    #expect(counts.last == winner)
    #expect(Self.share(of: winner, in: counts.dropFirst(100)) > 0.95)
  }

  /// Another program holds the second core for the first 20 ms, while two threads are first
  /// timed (0.8 ms a step, one thread 0.6 ms), then lets it go (two threads 0.4 ms). The first
  /// count is timed again at the end of the first timing, so two threads win at once, with no
  /// stint at one thread after its window.
  @Test func aNoisyFirstTimingIsRevisitedAtOnce() {
    var tuner = ThreadTuner()
    var clock = 0.0
    var counts: [(Double, Int)] = []
    for _ in 0..<1_000 {
      let n = tuner.threads(cap: 2)
      let seconds = n == 1 ? 0.0006 : clock < 0.02 ? 0.0008 : 0.0004
      tuner.record(seconds: seconds)
      counts.append((clock, n))
      clock += seconds
    }
    #expect(counts.contains { $0.0 > 0.01 && $0.0 < 0.02 && $0.1 == 1 }, "one thread was timed")
    let later = counts.filter { $0.0 >= 0.03 }.map(\.1)
    #expect(!later.prefix(200).contains(1), "no stint at one thread")
    #expect(Self.share(of: 2, in: later[...]) > 0.97)
  }

  /// The first steps of a run are slow at any count (threads start, pages and caches fill): two
  /// threads' first five counted steps take 2 ms, then 0.6 ms; one thread takes 0.9 ms. Two
  /// threads win, and in the first hundred steps one thread runs for no more than its timing
  /// window (and its first step).
  @Test func aSlowStartDoesNotHandTheChoiceToFewerThreads() {
    var tuner = ThreadTuner()
    let counts = Self.run(&tuner, steps: 2_000, oneThread: 0.0009) { $0 <= 6 ? 0.002 : 0.0006 }
    let first = counts.prefix(100)
    #expect(first.count { $0 == 1 } <= Self.window(of: 0.0009), "\(first)")
    #expect(Self.share(of: 2, in: counts.dropFirst(100)) > 0.97)
  }

  /// Two threads take 0.6 ms a step, one 0.9 ms; the first counted step of two threads' second
  /// window (after one thread's) waits out a 3 ms time slice. Its first three steps' mean is then
  /// slower than one thread's, their median is not: the window runs its full length rather than
  /// ending as a loser, two threads win, and one thread runs for no more than its own window.
  @Test func aLostTimeSliceInTheSecondWindowDoesNotEndItEarly() {
    var tuner = ThreadTuner()
    let secondWindow = Self.window(of: 0.0006) + 1
    let counts = Self.run(&tuner, steps: 1_000, oneThread: 0.0009) {
      $0 == secondWindow + 1 ? 0.003 : 0.0006
    }
    let oneThread = counts.prefix(100).count { $0 == 1 }
    #expect(oneThread <= Self.window(of: 0.0009), "\(counts.prefix(100))")
    #expect(Self.share(of: 2, in: counts.dropFirst(100)) > 0.97)
  }

  /// Two threads win; later one of their steps waits out a 7 ms time slice, which makes its
  /// window slower than one thread's. One slow window is not enough to time the counts again: no
  /// step runs at one thread in the next hundred.
  @Test func oneLostTimeSliceStartsNoTiming() {
    var tuner = ThreadTuner()
    let counts = Self.run(&tuner, cap: 2, steps: 3_000) { step, n in
      n == 1 ? 0.0009 : step == 1_000 ? 0.007 : 0.0006
    }
    #expect(!counts[1_000..<1_100].contains(1), "\(counts[1_000..<1_100])")
    #expect(Self.share(of: 2, in: counts[1_100...]) > 0.99)
  }

  /// Two threads win at 0.6 ms a step (one thread 0.9 ms); from step 1,000 on they take 1 ms
  /// (another program now shares a core): the second slow window has the counts timed again
  /// within 40 steps, and one thread wins.
  @Test func twoSlowWindowsInARowStartATiming() {
    var tuner = ThreadTuner()
    let counts = Self.run(&tuner, cap: 2, steps: 3_000) { step, n in
      n == 1 ? 0.0009 : step >= 1_000 ? 0.001 : 0.0006
    }
    #expect(counts[1_000..<1_040].contains(1), "\(counts[1_000..<1_040])")
    #expect(Self.share(of: 1, in: counts[1_100...]) > 0.95)
  }

  /// Two threads win at 0.6 ms a step (one thread 1.2 ms); from step 500 to 700 the machine runs
  /// a third slower (0.8 ms), as a shared machine drifts: no timing starts, so no step runs at
  /// one thread there (the periodic rechecks fall before step 500 and after step 1,000).
  @Test func aDriftOfAThirdStartsNoTiming() {
    var tuner = ThreadTuner()
    let counts = Self.run(&tuner, cap: 2, steps: 1_000) { step, n in
      n == 1 ? 0.0012 : (500..<700).contains(step) ? 0.0008 : 0.0006
    }
    #expect(!counts[500..<700].contains(1))
    #expect(counts[100..<500].contains(1), "a periodic recheck before the drift")
  }

  /// From step 3,000 the second core is taken (two threads 4 ms a step) until step 6,000: the
  /// tuner drops to one thread within a few windows, then goes back to two at a recheck.
  @Test func itFollowsTheMachineAsItChanges() {
    var tuner = ThreadTuner()
    let busy = 3_000..<6_000
    let counts = Self.run(&tuner, cap: 2, steps: 12_000) { step, n in
      n == 1 ? 0.0018 : busy.contains(step) ? 0.004 : 0.001
    }
    #expect(Self.share(of: 2, in: counts[1_000..<busy.lowerBound]) > 0.98)
    #expect(Self.share(of: 1, in: counts[(busy.lowerBound + 40)..<busy.upperBound]) > 0.98)
    // One thread's 1.8 ms steps bring a recheck within about 1,100 steps.
    #expect(Self.share(of: 2, in: counts[(busy.upperBound + 1_200)...]) > 0.98)
  }

  /// The first step after each switch (threads waking, caches refilling) is not counted: a
  /// hundredfold first step at every count changes nothing.
  @Test func theFirstStepAfterASwitchIsLeftOut() {
    var tuner = ThreadTuner()
    var last = 0
    let counts = Self.run(&tuner, cap: 4, steps: 2_000) { _, n in
      defer { last = n }
      let base = [1: 0.0018, 2: 0.0016, 4: 0.0015][n]!
      return n == last ? base : base * 100
    }
    #expect(Self.share(of: 4, in: counts.dropFirst(100)) > 0.97)
    #expect(Set(tuner.countedSteps.keys) == [1, 2, 4])
  }

  /// A new batch size (a new cap) times every count afresh, starting at the new cap.
  @Test func aNewBatchSizeStartsAfresh() {
    var tuner = ThreadTuner()
    _ = Self.run(&tuner, cap: 2, steps: 500) { _, n in n == 2 ? 0.003 : 0.0018 }
    #expect(tuner.threads(cap: 2) == 1)
    #expect(tuner.threads(cap: 4) == 4)
    #expect(tuner.timing)
    let counts = Self.run(&tuner, cap: 4, steps: 500) { _, n in 0.004 / Double(n) }
    #expect(counts.last == 4)
  }

  /// A trainer that times its steps, at 3, 2 and (unless two threads clearly lose) 1 thread over
  /// its first few hundred steps, computes the same bits as one at a fixed count.
  @Test func tunedStepsComputeTheSameNumbers() throws {
    let data = Fixtures.blobs(count: 512, features: 64, classes: 5, seed: 2)
    let architecture = Architecture(sizes: [64, 64, 32, 5], activation: .relu, task: .classification)
    func trainer() throws -> Trainer {
      try Trainer(
        architecture: architecture, initializer: .he, hyper: Fixtures.hyper(lr: 0.05, batch: 32),
        seed: 5, train: data)
    }
    let tuned = try trainer()
    let pool = WorkerPool(size: 3)
    tuned.threadPool = { pool }
    tuned.threadCap = { _, _ in 3 }
    tuned.tunesThreads = { true }
    let fixed = try trainer()
    fixed.threadsForBatch = { _, _ in 1 }
    while tuned.threadTuner.countedSteps.count < 2 || tuned.threadTuner.timing {
      try tuned.step()
      try fixed.step()
      try #require(tuned.history.stepLosses.count < 20_000, "the tuner never chose")
    }
    #expect(Set(tuned.threadTuner.countedSteps.keys).isSuperset(of: [2, 3]))
    #expect(tuned.history.stepLosses.map(\.bitPattern) == fixed.history.stepLosses.map(\.bitPattern))
    for (a, b) in zip(tuned.network.parameters, fixed.network.parameters) {
      #expect(a.value.values.map(\.bitPattern) == b.value.values.map(\.bitPattern), "\(a.name)")
    }
  }
}
