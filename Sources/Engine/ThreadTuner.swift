/// Chooses how many threads a training step uses, when no count was chosen, by timing the steps.
///
/// The candidates are the count the batch pays for (`ComputeThreads.threads(forBatch:
/// parameters:)`), then the powers of two below it, most first. Each is given a short window of
/// steps, whose first step (it wakes the threads and refills the caches) is not counted, and which
/// ends early when the count's median step is already `slowdown` times slower than the best so far;
/// such a count below the best ends the descent, since fewer threads still would only be slower (on
/// a 16-core machine a large batch then spends a few steps at 8 threads, not dozens at 1, 2 and 4,
/// while a machine whose cores are busy elsewhere keeps descending). The count a timing began with
/// is then timed once more, and its latest window counts: the first window of a run pays for
/// starting threads and filling caches, and a recheck's first figure may be one slow window (a step
/// that waited out a time slice), either of which would hand the choice to fewer threads for a
/// while (on a shared 2-core machine, a window at two threads read 2.0 ms a step at batch 128 right
/// after start, 0.6 ms a few windows later). The fastest mean step wins (the mean, not the median:
/// when two programs share two cores most steps run fast and a few wait a whole time slice, and
/// those few are part of the cost), and of the counts within `fewerThreadsMargin` of it the
/// smallest, which leaves cores to the learner's other programs. Then the winner's own steps are
/// watched, a window at a time: when two windows in a row run `watchSlowdown` times slower than the
/// winner ran when it won (another program took a core: more than `slowdown`, since a shared
/// machine's own speed drifts by a quarter over tenths of a second; and two, since one slow window
/// is most often one step that waited out a time slice, while each needless timing costs a few
/// steps at a slower count), or some training time later, the other counts are timed again. That
/// time starts at `firstRecheckSeconds` and doubles each time the same count wins again, up to
/// `recheckSeconds`, so that a choice made in a moment of noise is soon revisited while timing
/// costs ever less. A winner with fewer threads than the batch pays for starts at
/// `fewerThreadsRecheckSeconds`: on a 2-core machine one thread wins when the other core was busy
/// for the few milliseconds two were timed, and a one-epoch run at batch 128 lasts about 0.25 s, so
/// that a choice checked only then would be kept for all of it; timing more threads again costs a
/// few steps, and only while fewer keep winning.
///
/// A machine whose second core is busy elsewhere, or one with many cores where a small batch
/// gains nothing from most of them, then trains at the speed of its best count. Threads split
/// outputs, never sums, so the choice changes the speed alone, never a number.
struct ThreadTuner {
  /// A window ends after at least `windowSteps` counted steps and `windowSeconds` of them, or
  /// after `windowMaxSteps`, whichever comes first (or after `windowSteps`, for a count already
  /// `slowdown` times slower than the best timed).
  static let windowSteps = 3
  static let windowSeconds = 0.01
  static let windowMaxSteps = 64
  static let firstRecheckSeconds = 0.25
  static let fewerThreadsRecheckSeconds = 0.03
  static let recheckSeconds = 2.0
  static let slowdown = 1.25
  static let watchSlowdown = 1.5
  static let fewerThreadsMargin = 1.05

  /// The counts timed for a batch that pays for `cap` threads: `cap`, then the powers of two
  /// below it, most first.
  static func candidates(cap: Int) -> [Int] {
    var powers: [Int] = []
    var n = 1
    while n < cap {
      powers.append(n)
      n *= 2
    }
    return [max(1, cap)] + powers.reversed()
  }

  /// The count the latest `threads(cap:)` gave.
  private(set) var current = 1
  /// Whether the counts are being timed (else the chosen one is being watched).
  private(set) var timing = false
  /// The steps counted at each thread count (their first steps after a switch left out).
  private(set) var countedSteps: [Int: Int] = [:]
  private var cap = 0
  private var chosen = 0
  private var queue: [Int] = []
  private var means: [Int: Double] = [:]
  private var chosenMean = 0.0
  private var window: [Double] = []
  private var skipNext = false
  private var sinceCheck = 0.0
  /// Whether the latest watched window ran `watchSlowdown` times slower than the winner did.
  private var slowWindow = false
  private var recheckAfter = firstRecheckSeconds

  /// The thread count of the next step, for a batch that pays for `cap` threads; a new cap (a new
  /// batch size or model) starts the timing afresh.
  mutating func threads(cap: Int) -> Int {
    guard cap > 1 else {
      (self.cap, current, timing) = (cap, 1, false)
      return 1
    }
    if cap != self.cap {
      self.cap = cap
      (means, chosen) = ([:], 0)
      let counts = Self.candidates(cap: cap)
      startTiming(counts, last: counts[0])
    }
    return current
  }

  /// Counts a step that took `seconds` at the latest `threads(cap:)`'s count.
  mutating func record(seconds: Double) {
    guard cap > 1, seconds.isFinite, seconds >= 0 else { return }
    if skipNext {
      skipNext = false
      return
    }
    window.append(seconds)
    countedSteps[current, default: 0] += 1
    if !timing { sinceCheck += seconds }
    guard window.count >= Self.windowSteps else { return }
    let total = window.reduce(0, +)
    let mean = total / Double(window.count)
    // A count already clearly slower than the best timed so far needs no more steps to lose:
    // judged by the window's median step, since one step that waited out a time slice among the
    // first few would make any count look slower.
    var losing = false
    if timing {
      let median = window.sorted()[window.count / 2]
      losing = means.values.contains { median > $0 * Self.slowdown }
    }
    guard losing || window.count >= Self.windowMaxSteps || total >= Self.windowSeconds else { return }
    window = []
    if timing {
      means[current] = mean
      queue.removeFirst()
      if losing, let best = means.min(by: { $0.value < $1.value })?.key, current < best {
        queue.removeAll { $0 < current }
      }
      if let next = queue.first {
        switchTo(next)
      } else {
        choose()
      }
    } else {
      let slow = mean > chosenMean * Self.watchSlowdown
      guard (slow && slowWindow) || sinceCheck >= recheckAfter else {
        slowWindow = slow
        return
      }
      means = [current: mean]
      startTiming(Self.candidates(cap: cap).filter { $0 != current }, last: current)
    }
  }

  /// Times `counts` in order, then `last` again: its figure is then its latest window's.
  private mutating func startTiming(_ counts: [Int], last: Int) {
    guard let first = counts.first else {
      choose()
      return
    }
    timing = true
    queue = counts + [last]
    window = []
    switchTo(first)
  }

  private mutating func choose() {
    timing = false
    sinceCheck = 0
    slowWindow = false
    guard let best = means.values.min() else { return }
    let pick = means.filter { $0.value <= best * Self.fewerThreadsMargin }.keys.min() ?? current
    let first = pick < cap ? Self.fewerThreadsRecheckSeconds : Self.firstRecheckSeconds
    recheckAfter = pick == chosen ? min(recheckAfter * 2, Self.recheckSeconds) : first
    chosen = pick
    chosenMean = means[pick] ?? best
    switchTo(pick)
  }

  private mutating func switchTo(_ count: Int) {
    if count != current { skipNext = true }
    current = count
  }
}
