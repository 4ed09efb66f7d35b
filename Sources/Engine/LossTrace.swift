/// The batch loss of every step of a run, in memory that stays bounded however long it trains.
///
/// The latest losses are kept exactly: at least `exactSteps` of them, at most twice as many.
/// Older ones are folded into buckets of consecutive steps; a bucket keeps its lowest and its
/// highest loss exactly, with the steps they came from: the envelope the loss chart draws of a
/// long run. When there are more than `maximumBuckets`, neighbours merge in pairs (and new
/// buckets are made twice as wide), so the whole trace stays under about 100 KB. The losses of
/// the first `headSteps` steps are also kept, for measures that compare a run's start with its
/// end.
///
/// Cutting the trace back to step s is exact when s is not strictly inside a bucket
/// (`exactCut(atOrBefore:)` says where the nearest such step is).
public struct LossTrace: Equatable, Sendable {
  /// Consecutive steps folded together.
  public struct Bucket: Equatable, Sendable {
    public var firstStep: Int
    public var lastStep: Int
    /// Steps recorded in it (fewer than `lastStep - firstStep + 1` across a gap).
    public var count: Int
    public var lowest: Float
    public var lowestStep: Int
    public var highest: Float
    public var highestStep: Int
    /// The loss of `lastStep`.
    public var last: Float
    /// The sum of its losses (`sum / count` is their mean).
    public var sum: Double

    init(_ loss: Float, step: Int) {
      (firstStep, lastStep, count) = (step, step, 1)
      (lowest, lowestStep, highest, highestStep, last) = (loss, step, loss, step, loss)
      sum = Double(loss)
    }

    mutating func add(_ loss: Float, step: Int) {
      lastStep = step
      count += 1
      last = loss
      sum += Double(loss)
      if loss < lowest { (lowest, lowestStep) = (loss, step) }
      if loss > highest { (highest, highestStep) = (loss, step) }
    }

    /// This bucket followed by `next`; on ties the earlier step is kept.
    func merged(with next: Bucket) -> Bucket {
      var m = self
      m.lastStep = next.lastStep
      m.count += next.count
      m.last = next.last
      m.sum += next.sum
      if next.lowest < lowest { (m.lowest, m.lowestStep) = (next.lowest, next.lowestStep) }
      if next.highest > highest { (m.highest, m.highestStep) = (next.highest, next.highestStep) }
      return m
    }
  }

  /// At least this many of the latest losses are kept exactly.
  public static let exactSteps = 4096
  public static let maximumBuckets = 1024
  /// The first steps' losses are kept exactly as well.
  public static let headSteps = 16

  /// Losses of steps 1, 2, … up to `headSteps`.
  public private(set) var head: [Float] = []
  public private(set) var buckets: [Bucket] = []
  /// Losses of steps `exactFirstStep`, `exactFirstStep + 1`, … kept exactly.
  public private(set) var exact: [Float] = []
  public private(set) var exactFirstStep = 1
  /// Steps recorded in all.
  public private(set) var count = 0
  /// Steps a new bucket takes.
  private(set) var bucketWidth = 8

  public init() {}

  /// The loss of the last step recorded.
  public var last: Float? { exact.last ?? buckets.last?.last }

  /// The last step recorded.
  public var lastStep: Int? {
    exact.isEmpty ? buckets.last?.lastStep : exactFirstStep + exact.count - 1
  }

  /// True while every loss since step 1 is kept exactly.
  public var isWhole: Bool { buckets.isEmpty && (exact.isEmpty || exactFirstStep == 1) }

  /// Records the loss of `step`, which comes after every step recorded so far (a step at or
  /// before the last one first cuts the trace back).
  mutating func append(_ loss: Float, step: Int) {
    if let last = lastStep, step <= last { truncate(toStep: step - 1) }
    if step >= 1, step <= Self.headSteps, head.count == step - 1 { head.append(loss) }
    if !exact.isEmpty, step != exactFirstStep + exact.count { fold(exact.count) }
    if exact.isEmpty { exactFirstStep = step }
    exact.append(loss)
    count += 1
    if exact.count >= 2 * Self.exactSteps { fold(exact.count - Self.exactSteps) }
  }

  /// Moves the `n` oldest exact losses into buckets.
  private mutating func fold(_ n: Int) {
    for i in 0..<n {
      let step = exactFirstStep + i
      let loss = exact[i]
      if let b = buckets.last, b.lastStep == step - 1, b.lastStep - b.firstStep + 1 < bucketWidth {
        buckets[buckets.count - 1].add(loss, step: step)
      } else {
        buckets.append(Bucket(loss, step: step))
      }
    }
    exact.removeFirst(n)
    exactFirstStep += n
    while buckets.count > Self.maximumBuckets {
      buckets = stride(from: 0, to: buckets.count, by: 2).map { i in
        i + 1 < buckets.count ? buckets[i].merged(with: buckets[i + 1]) : buckets[i]
      }
      bucketWidth *= 2
    }
  }

  /// The largest step at or before `step` where `truncate(toStep:)` loses nothing it keeps.
  public func exactCut(atOrBefore step: Int) -> Int {
    guard let b = buckets.last(where: { $0.firstStep <= step }), step < b.lastStep else {
      return step
    }
    return b.firstStep - 1
  }

  /// Forgets every step after `step`. A bucket that `step` cuts is dropped whole (its steps
  /// up to `step` become a gap): cut at `exactCut(atOrBefore:)` to keep everything.
  mutating func truncate(toStep step: Int) {
    if head.count > max(0, step) { head.removeLast(head.count - max(0, step)) }
    if step < exactFirstStep {
      exact = []
    } else if step - exactFirstStep + 1 < exact.count {
      exact.removeLast(exact.count - (step - exactFirstStep + 1))
    }
    while let b = buckets.last, b.lastStep > step { buckets.removeLast() }
    count = buckets.reduce(0) { $0 + $1.count } + exact.count
  }

  /// The recorded steps as points in step order: every exact loss, and each bucket's lowest
  /// and highest.
  public func points() -> (steps: [Int], losses: [Float]) {
    var steps: [Int] = []
    var losses: [Float] = []
    steps.reserveCapacity(2 * buckets.count + exact.count)
    losses.reserveCapacity(2 * buckets.count + exact.count)
    for b in buckets {
      let pair = b.lowestStep <= b.highestStep
        ? [(b.lowestStep, b.lowest), (b.highestStep, b.highest)]
        : [(b.highestStep, b.highest), (b.lowestStep, b.lowest)]
      for (i, (s, v)) in pair.enumerated() where i == 0 || s != pair[0].0 {
        steps.append(s)
        losses.append(v)
      }
    }
    for (i, v) in exact.enumerated() {
      steps.append(exactFirstStep + i)
      losses.append(v)
    }
    return (steps, losses)
  }

  /// The trace as means: each bucket's mean loss at its middle step, weighted by its count,
  /// then every exact loss on its own step (weight 1).
  public func means() -> [(step: Double, loss: Double, weight: Int)] {
    var points: [(step: Double, loss: Double, weight: Int)] = []
    points.reserveCapacity(buckets.count + exact.count)
    for b in buckets where b.count > 0 {
      points.append((Double(b.firstStep + b.lastStep) / 2, b.sum / Double(b.count), b.count))
    }
    for (i, v) in exact.enumerated() { points.append((Double(exactFirstStep + i), Double(v), 1)) }
    return points
  }

  /// The latest `k` losses kept exactly (fewer when fewer are).
  public func latest(_ k: Int) -> ArraySlice<Float> { exact.suffix(k) }
}
