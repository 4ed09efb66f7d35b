/// A run's evaluations (one per epoch), in memory that stays bounded however long it trains.
///
/// The latest are kept exactly: at least `exactCount`, at most twice as many. Older ones are
/// folded into buckets of consecutive evaluations; a bucket keeps how many it holds, and the
/// evaluations with the lowest and the highest test loss (real records, drawn on the loss
/// chart), and how many evaluations with a test loss came after its lowest, so that "epochs
/// since the best test loss" is still exact. When there are more than `maximumBuckets`,
/// neighbours merge in pairs.
///
/// Cutting the trace back to step s is exact when s is not strictly inside a bucket's steps
/// (`exactCut(atOrBefore:)`).
public struct EvaluationTrace: Equatable, Sendable {
  public typealias Evaluated = History.Evaluated

  /// Consecutive evaluations folded together.
  public struct Bucket: Equatable, Sendable {
    /// Steps of its first and last evaluation.
    public var firstStep: Int
    public var lastStep: Int
    public var count: Int
    /// Evaluations in it with a test loss.
    public var tests: Int
    /// The evaluations with the lowest and the highest test loss (the first on ties).
    public var lowestTest: Evaluated?
    public var highestTest: Evaluated?
    /// Evaluations with a test loss after `lowestTest`.
    public var testsAfterLowest: Int

    init(_ e: Evaluated) {
      (firstStep, lastStep, count, tests, testsAfterLowest) = (e.step, e.step, 0, 0, 0)
      add(e)
    }

    mutating func add(_ e: Evaluated) {
      lastStep = e.step
      count += 1
      guard let test = e.test else { return }
      tests += 1
      if let low = lowestTest?.test, !(test.loss < low.loss) {
        testsAfterLowest += 1
      } else {
        lowestTest = e
        testsAfterLowest = 0
      }
      if let high = highestTest?.test, !(test.loss > high.loss) { return }
      highestTest = e
    }

    /// This bucket followed by `next`.
    func merged(with next: Bucket) -> Bucket {
      var m = self
      m.lastStep = next.lastStep
      m.count += next.count
      m.tests += next.tests
      if let theirs = next.lowestTest?.test,
        lowestTest?.test.map({ theirs.loss < $0.loss }) ?? true
      {
        m.lowestTest = next.lowestTest
        m.testsAfterLowest = next.testsAfterLowest
      } else {
        m.testsAfterLowest += next.tests
      }
      if let theirs = next.highestTest?.test,
        highestTest?.test.map({ theirs.loss > $0.loss }) ?? true
      {
        m.highestTest = next.highestTest
      }
      return m
    }
  }

  /// At least this many of the latest evaluations are kept exactly.
  public static let exactCount = 512
  public static let maximumBuckets = 512

  public private(set) var buckets: [Bucket] = []
  /// The latest evaluations, in order.
  public private(set) var exact: [Evaluated] = []
  /// Evaluations recorded in all.
  public private(set) var count = 0
  private(set) var bucketWidth = 4

  public init() {}

  public var last: Evaluated? { exact.last }

  /// Records an evaluation made at or after the step of the last one.
  mutating func append(_ e: Evaluated) {
    if let last = exact.last?.step ?? buckets.last?.lastStep, e.step < last {
      truncate(toStep: e.step)
    }
    exact.append(e)
    count += 1
    if exact.count >= 2 * Self.exactCount { fold(exact.count - Self.exactCount) }
  }

  private mutating func fold(_ n: Int) {
    for e in exact.prefix(n) {
      // Evaluations of one step stay in one bucket, so that bucket edges fall between steps.
      if let b = buckets.last, b.count < bucketWidth || b.lastStep == e.step {
        buckets[buckets.count - 1].add(e)
      } else {
        buckets.append(Bucket(e))
      }
    }
    exact.removeFirst(n)
    while buckets.count > Self.maximumBuckets {
      buckets = stride(from: 0, to: buckets.count, by: 2).map { i in
        i + 1 < buckets.count ? buckets[i].merged(with: buckets[i + 1]) : buckets[i]
      }
      bucketWidth *= 2
    }
  }

  /// The largest step at or before `step` where `truncate(toStep:)` loses nothing it keeps.
  public func exactCut(atOrBefore step: Int) -> Int {
    var s = step
    while let b = buckets.last(where: { $0.firstStep <= s }), s < b.lastStep { s = b.firstStep - 1 }
    return s
  }

  /// Forgets every evaluation made after `step`; a bucket that `step` cuts is dropped whole.
  mutating func truncate(toStep step: Int) {
    while let e = exact.last, e.step > step { exact.removeLast() }
    if exact.isEmpty {
      while let b = buckets.last, b.lastStep > step { buckets.removeLast() }
    }
    count = buckets.reduce(0) { $0 + $1.count } + exact.count
  }

  /// How many evaluations with a test loss came after the one with the lowest (the first
  /// lowest on ties); 0 before any.
  public var testsSinceLowest: Int {
    var lowest: Double?
    var after = 0
    for b in buckets {
      if let l = b.lowestTest?.test?.loss, lowest.map({ l < $0 }) ?? true {
        lowest = l
        after = b.testsAfterLowest
      } else {
        after += b.tests
      }
    }
    for e in exact {
      guard let t = e.test?.loss else { continue }
      if lowest.map({ t < $0 }) ?? true {
        lowest = t
        after = 0
      } else {
        after += 1
      }
    }
    return after
  }

  /// Evaluations with a test loss in step order: every exact one, and each bucket's lowest
  /// and highest.
  public func testPoints() -> [Evaluated] {
    var out: [Evaluated] = []
    for b in buckets {
      let pair = [b.lowestTest, b.highestTest].compactMap { $0 }.sorted { $0.step < $1.step }
      for (i, e) in pair.enumerated() where i == 0 || e != pair[0] { out.append(e) }
    }
    out.append(contentsOf: exact.filter { $0.test != nil })
    return out
  }
}
