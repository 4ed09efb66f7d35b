import Engine

/// Seeded splits, shuffles and batches. Every function takes the generator it draws from, so
/// one seed gives the same split on every machine.
public enum Split {
  /// Splits `0..<labels.count` so that each class keeps its share in the test part:
  /// class `k` with `n_k` examples gives `round(n_k × testFraction)` of them to the test part,
  /// chosen at random. Both index lists come back in increasing order.
  public static func stratified(
    labels: [Int32], testFraction: Double, generator: inout SeededGenerator
  ) -> (train: [Int], test: [Int]) {
    var byClass: [Int32: [Int]] = [:]
    for (i, label) in labels.enumerated() { byClass[label, default: []].append(i) }
    var train = [Int]()
    var test = [Int]()
    for label in byClass.keys.sorted() {
      var members = byClass[label] ?? []
      generator.shuffle(&members)
      let testCount = testShare(members.count, testFraction)
      test.append(contentsOf: members[..<testCount])
      train.append(contentsOf: members[testCount...])
    }
    return (train.sorted(), test.sorted())
  }

  /// Splits `0..<count` at random: `round(count × testFraction)` indices go to the test part.
  public static func random(count: Int, testFraction: Double, generator: inout SeededGenerator)
    -> (train: [Int], test: [Int])
  {
    let order = generator.permutation(count)
    let testCount = testShare(count, testFraction)
    return (Array(order[testCount...]).sorted(), Array(order[..<testCount]).sorted())
  }

  /// Deals `0..<count` into `k` folds for cross-validation, each index in exactly one fold.
  /// With `labels` (classes) each class is shuffled and dealt in turn, carrying on where the
  /// class before stopped, so every fold keeps each class's share and the folds' sizes differ by
  /// one at most; without, a random permutation is dealt. Each fold comes back in increasing order.
  public static func folds(
    count: Int, labels: [Int32]?, k: Int, generator: inout SeededGenerator
  ) -> [[Int]] {
    let parts = max(1, k)
    var folds = [[Int]](repeating: [], count: parts)
    var next = 0
    func deal(_ members: [Int]) {
      for i in members {
        folds[next].append(i)
        next = (next + 1) % parts
      }
    }
    if let labels {
      var byClass: [Int32: [Int]] = [:]
      for (i, label) in labels.enumerated() { byClass[label, default: []].append(i) }
      for label in byClass.keys.sorted() {
        var members = byClass[label] ?? []
        generator.shuffle(&members)
        deal(members)
      }
    } else {
      deal(generator.permutation(count))
    }
    return folds.map { $0.sorted() }
  }

  /// `0..<count` shuffled and cut into batches of `size` (the last one may be smaller).
  public static func batches(count: Int, size: Int, generator: inout SeededGenerator) -> [[Int]] {
    let order = generator.permutation(count)
    let step = max(1, size)
    return stride(from: 0, to: count, by: step).map { Array(order[$0..<min($0 + step, count)]) }
  }

  private static func testShare(_ n: Int, _ fraction: Double) -> Int {
    let share = Int((Double(n) * min(max(fraction, 0), 1)).rounded())
    return min(n, max(0, share))
  }
}
