/// Which checkpoint to drop when a run holds more than its budget allows.
///
/// A rewind to step t restores the last checkpoint at or before t and replays the steps in
/// between, so the gap between two checkpoints is the most a rewind into it replays. What a
/// rewind to a step `age` steps behind the newest checkpoint may replay is its *allowance*,
/// `max(recent, age / 4)`: about `recent` steps (a second of training) for the latest steps,
/// a quarter of the distance further back. The checkpoint to drop is the one whose removal
/// leaves the smallest merged gap relative to the allowance at its end, so gaps grow with age
/// (roughly geometrically). How close they stay to their allowance depends on how many
/// checkpoints fit: over an hour of training, 64 keep every gap within 0.76 allowances, 48
/// within 1.06 (`RewinderTests`), 24 within 2.5.
enum CheckpointThinning {
  /// The share of the distance rewound that a rewind far back may replay.
  static let distanceShare = 4.0

  /// The steps a rewind to a step `age` steps behind the newest checkpoint may replay.
  static func allowance(age: Int, recent: Int) -> Double {
    max(Double(max(1, recent)), Double(age) / distanceShare)
  }

  /// The index (never the first or the last) of the checkpoint to drop among checkpoints taken
  /// at `steps` (in order), nil when there are fewer than three.
  static func victim(steps: [Int], recent: Int) -> Int? {
    guard steps.count >= 3, let newest = steps.last else { return nil }
    var best = Double.infinity
    var victim: Int?
    for i in 1..<(steps.count - 1) {
      let merged = Double(steps[i + 1] - steps[i - 1])
      let ratio = merged / allowance(age: newest - steps[i + 1] + 1, recent: recent)
      if ratio < best {
        best = ratio
        victim = i
      }
    }
    return victim
  }

  /// The largest ratio of a gap to its allowance: at most 1 means every rewind replays within
  /// its allowance.
  static func worstRatio(steps: [Int], recent: Int) -> Double {
    guard let newest = steps.last else { return 0 }
    var worst = 0.0
    for (a, b) in zip(steps, steps.dropFirst()) where b > a + 1 {
      worst = max(worst, Double(b - 1 - a) / allowance(age: newest - b + 1, recent: recent))
    }
    return worst
  }
}
