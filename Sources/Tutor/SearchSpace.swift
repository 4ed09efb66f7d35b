import Engine
import Foundation

/// The settings a `search` tries, read from `SETTING=VALUES` words.
///
/// - `lr=0.01,0.1,1` lists values: with lists only, the search is a grid that tries every
///   combination, in the order the values are written (the first setting varies slowest).
/// - `lr=1e-3..1` is a range: with any range, the search draws `trials` random combinations
///   (default 6), each range log-uniformly (its logarithm uniform between the ends' logarithms)
///   and each list uniformly, from a generator seeded by the session's seed.
/// - `steps=N` is each trial's budget of training steps (default 200); the whole search may
///   take at most `stepLimit` steps.
public struct SearchSpace: Equatable, Sendable {
  public enum Values: Equatable, Sendable {
    case list([String])
    case range(Double, Double)
  }

  /// The searched settings, in the order of `settings`.
  public var dimensions: [(name: String, values: Values)]
  public var steps: Int
  /// Random draws; nil for a grid.
  public var randomTrials: Int?

  /// Settings a search can vary, in the order its table shows them.
  public static let settings = ["optimizer", "lr", "batch", "momentum", "l1", "l2", "dropout", "clip"]
  public static let keys = settings + ["trials", "steps"]
  /// The most training steps one search may take in all.
  public static let stepLimit = 20_000
  /// Each trial's steps unless `steps=` says.
  public static let defaultSteps = 200
  /// Random draws unless `trials=` says.
  public static let defaultTrials = 6

  public static func == (a: SearchSpace, b: SearchSpace) -> Bool {
    a.steps == b.steps && a.randomTrials == b.randomTrials
      && a.dimensions.map(\.name) == b.dimensions.map(\.name)
      && a.dimensions.map(\.values) == b.dimensions.map(\.values)
  }

  /// Trials the search runs: the grid's size or the random draws.
  public var trialCount: Int {
    if let randomTrials { return randomTrials }
    return dimensions.reduce(1) { n, d in
      if case .list(let v) = d.values { return n * v.count }
      return n
    }
  }

  /// Reads and checks the words of `search`; every problem is one line naming the setting.
  public static func parse(_ options: [String: String]) throws(CommandError) -> SearchSpace {
    for key in options.keys.sorted() where !keys.contains(key) {
      throw CommandError("search cannot vary '\(key)': it varies \(settings.joined(separator: ", ")) (and takes trials=, steps=)")
    }
    var dimensions: [(name: String, values: Values)] = []
    for name in settings {
      guard let text = options[name] else { continue }
      let v = try values(name, text)
      dimensions.append((name: name, values: v))
    }
    guard !dimensions.isEmpty else {
      throw CommandError("search needs a setting to vary, e.g. `search lr=0.01,0.1,1 steps=200`")
    }
    let steps = try whole("steps", options["steps"], default: defaultSteps)
    let hasRange = dimensions.contains { if case .range = $0.values { return true } else { return false } }
    var trials: Int?
    if hasRange {
      trials = try whole("trials", options["trials"], default: defaultTrials)
    } else if options["trials"] != nil {
      throw CommandError("trials= is for ranges such as lr=0.001..1: a grid of lists tries every combination")
    }
    var space = SearchSpace(dimensions: dimensions, steps: steps, randomTrials: trials)
    let count = space.trialCount
    guard count <= Session.maximumRuns - 1 else {
      throw CommandError("a search of \(count) trials is too many: each is a run, and a session keeps at most \(Session.maximumRuns)")
    }
    let total = count.multipliedReportingOverflow(by: steps)
    guard !total.overflow, total.partialValue <= stepLimit else {
      throw CommandError("a search of \(count) trials × \(steps.formatted) steps is over the limit of \(stepLimit.formatted) steps: try fewer trials or steps")
    }
    space.steps = steps
    return space
  }

  private static func whole(_ name: String, _ text: String?, default value: Int) throws(CommandError) -> Int {
    guard let text else { return value }
    guard let n = Int(text), n >= 1 else { throw CommandError("\(name) must be a whole number of 1 or more (got '\(text)')") }
    return n
  }

  private static func values(_ name: String, _ text: String) throws(CommandError) -> Values {
    if let dots = text.range(of: "..") {
      guard name != "optimizer" else { throw CommandError("optimizer takes a list such as sgd,adam, not a range") }
      let low = Double(text[..<dots.lowerBound])
      let high = Double(text[dots.upperBound...])
      guard let low, let high, low.isFinite, high.isFinite, low > 0, low < high else {
        throw CommandError("\(name)=\(text): a range is LOW..HIGH with 0 < LOW < HIGH (drawn log-uniformly)")
      }
      try check(name, low)
      try check(name, high)
      return .range(low, high)
    }
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    for item in items {
      if name == "optimizer" {
        guard OptimizerKind(rawValue: item.lowercased()) != nil else {
          throw CommandError("optimizer=\(text): '\(item)' is not sgd, momentum, nesterov or adam")
        }
        continue
      }
      guard let v = Double(item), v.isFinite else {
        throw CommandError("\(name)=\(text): '\(item)' is not a number")
      }
      if name == "batch", Int(item) == nil {
        throw CommandError("batch=\(text): '\(item)' is not a whole number")
      }
      try check(name, v)
    }
    guard Set(items).count == items.count else { throw CommandError("\(name)=\(text) lists a value twice") }
    return .list(name == "optimizer" ? items.map { $0.lowercased() } : items)
  }

  /// The range each numeric setting accepts, as `set` does.
  private static func check(_ name: String, _ v: Double) throws(CommandError) {
    let ok: Bool
    switch name {
    case "lr": ok = v > 0
    case "batch": ok = v >= 1 && v <= Double(Hyperparameters.maximumBatchSize)
    case "momentum", "dropout": ok = v >= 0 && v < 1
    default: ok = v >= 0
    }
    guard ok else {
      let range: String
      switch name {
      case "lr": range = "greater than 0"
      case "batch": range = "from 1 to \(Hyperparameters.maximumBatchSize.formatted)"
      case "momentum", "dropout": range = "at least 0 and below 1"
      default: range = "0 or more"
      }
      throw CommandError("search \(name): \(NumberFormat.short(v)) is out of range; \(name) must be \(range)")
    }
  }

  /// Every trial's settings as `set` would take them, name and value text, in order.
  public func trials(seed: UInt64) -> [[(name: String, value: String)]] {
    guard let randomTrials else {
      var combos: [[(name: String, value: String)]] = [[]]
      for d in dimensions {
        guard case .list(let values) = d.values else { continue }
        combos = combos.flatMap { prefix in values.map { prefix + [(name: d.name, value: $0)] } }
      }
      return combos
    }
    // NB: a generator of its own, apart from the one that draws the weights.
    var g = SeededGenerator(seed: seed ^ 0x5EA2_C4ED_0000_0000)
    return (0..<randomTrials).map { _ in
      dimensions.map { d -> (name: String, value: String) in
        switch d.values {
        case .list(let values): return (d.name, values[g.index(below: values.count)])
        case .range(let low, let high):
          let x = exp(log(low) + g.nextUnitDouble() * (log(high) - log(low)))
          if d.name == "batch" { return (d.name, String(Int(min(max(x.rounded(), low.rounded(.up)), high)))) }
          return (d.name, SearchSpace.threeDigits(x))
        }
      }
    }
  }

  /// 3 significant digits, the value a trial uses and shows: 0.0347, 1.25e-05.
  static func threeDigits(_ x: Double) -> String {
    var s = String(format: "%.3g", x)
    if s.contains("e") { s = String(format: "%.2e", x) }
    return s
  }
}
