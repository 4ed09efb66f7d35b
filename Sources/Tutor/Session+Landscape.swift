import Charts
import Datasets
import Engine

/// The loss landscape of the session's network (`plot landscape`, `plot landscape line`),
/// evaluated with `LossSlice` on the first `LandscapeGrid.examples` training examples.
enum LandscapeGrid {
  /// Training examples every landscape is evaluated on: the first ones of the training split.
  static let examples = 500
  /// Points of a line: t = −0.25 to 1.25 in steps of 0.05, so t = 0 and t = 1 are points.
  static let lineTs = (0...30).map { Double($0 - 5) / 20 }
  /// Points of a slice: α and β from −1 to 1 in steps of 0.125 (17 × 17 points, the current
  /// weights in the middle), β from the top row down.
  static let alphas = (0...16).map { Double($0 - 8) / 8 }
  static let betas = Array(alphas.reversed())
  /// Mixed into the session's seed for the slice's directions, so that they are not the draws
  /// that initialised the weights.
  static let directionSeed: UInt64 = 0x6C61_6E64_7363_6170
}

extension Session {
  /// `plot landscape` with a network: the training loss over the plane through the current
  /// weights along two random directions normalised per unit, from the session's seed.
  func landscapeSlice() throws(CommandError) -> [Output] {
    guard dataset != nil else {
      throw CommandError("no landscape loaded: try `data two-valleys` or `data himmelblau`, or build a model to see its own")
    }
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    let network = trainer.network
    let key = ["slice", currentRunName, dataset.name, String(settings.seed), String(trainer.steps), Self.fingerprint(network.parameters.map(\.value))]
    if let cache = landscapeCache, cache.key == key { return cache.outputs }
    var generator = SeededGenerator(seed: settings.seed ^ LandscapeGrid.directionSeed)
    let d1 = LossSlice.unitNormalizedDirection(for: network, generator: &generator)
    let d2 = LossSlice.unitNormalizedDirection(for: network, generator: &generator)
    let subset = LossSlice.subset(of: dataset.train, count: LandscapeGrid.examples)
    let losses = LossSlice.plane(
      network, d1, d2, alphas: LandscapeGrid.alphas, betas: LandscapeGrid.betas, on: subset)
    let map = Plots.landscapeSlice(alphas: LandscapeGrid.alphas, betas: LandscapeGrid.betas, losses: losses)
    let title = "training loss around the weights, 2 random directions (seed \(settings.seed)), \(subset.count) examples" + stepSuffix
    let outputs: [Output] = [.chart(.heatMap(map), title: title, height: 16)]
    landscapeCache = (key, outputs)
    return outputs
  }

  /// `plot landscape line [RUN]`: the training loss along the straight line from the current
  /// weights to RUN's (t = 0 to 1, and a quarter beyond each end), or from the run's first
  /// checkpoint to its weights now.
  func landscapeLine(to other: String?) throws(CommandError) -> [Output] {
    if ball != nil {
      throw CommandError("`plot landscape line` is for a network's weights: build one with `data` and `model`")
    }
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    let network = trainer.network
    let now = network.parameters.map(\.value)
    let from: [Matrix]
    let to: [Matrix]
    let names: (String, String)
    var key = ["line", currentRunName, dataset.name, String(trainer.steps)]
    if let other {
      guard let run = runs[other] else {
        throw CommandError("no run called \(other); the runs are \(runNames.joined(separator: ", "))")
      }
      guard other != currentRunName else {
        throw CommandError("\(other) is the current run: name another one (see `runs`), or leave it out for the line from the start")
      }
      let theirs = run.trainer.network.parameters.map(\.value)
      guard LossSlice.fits(theirs, network) else {
        throw CommandError("\(other) has another model (\(run.trainer.network.architecture.sizes.map(String.init).joined(separator: "-"))): a line needs two runs of the same shape")
      }
      (from, to, names) = (now, theirs, (currentRunName, other))
      key += [other, Self.fingerprint(theirs)]
    } else {
      guard let start = run?.rewinder.start, LossSlice.fits(start.parameters, network) else {
        throw CommandError("this run has no starting point to draw a line from")
      }
      guard start.step < trainer.steps else {
        throw CommandError("the run is still at its start (step \(start.step)): train it first, or name another run")
      }
      (from, to, names) = (start.parameters, now, ("step \(start.step)", "step \(trainer.steps)"))
      key += [String(start.step), Self.fingerprint(start.parameters)]
    }
    key.append(Self.fingerprint(now))
    if let cache = landscapeCache, cache.key == key { return cache.outputs }
    let subset = LossSlice.subset(of: dataset.train, count: LandscapeGrid.examples)
    let losses = LossSlice.line(network, from: from, to: to, at: LandscapeGrid.lineTs, on: subset)
    landscapeLineLosses = losses
    let chart = Plots.landscapeLine(LandscapeGrid.lineTs, losses, from: names.0, to: names.1)
    let title = "training loss on the line from \(names.0) to \(names.1), \(subset.count) examples" + stepSuffix
    let outputs: [Output] = [.chart(.line(chart), title: title, height: 14)]
    landscapeCache = (key, outputs)
    return outputs
  }

  /// How far the loss of the last `plot landscape line` rises between its ends (0 < t < 1)
  /// above the higher of the two: 0 when it never does; nil before any line.
  public var landscapeLineRise: Double? {
    guard let losses = landscapeLineLosses, losses.count == LandscapeGrid.lineTs.count else { return nil }
    let ends = LandscapeGrid.lineTs.indices.filter { LandscapeGrid.lineTs[$0] == 0 || LandscapeGrid.lineTs[$0] == 1 }
    let inside = LandscapeGrid.lineTs.indices.filter { LandscapeGrid.lineTs[$0] > 0 && LandscapeGrid.lineTs[$0] < 1 }
    let high = ends.map { losses[$0] }.max() ?? 0
    return max(0, (inside.map { losses[$0] }.max() ?? high) - high)
  }

  /// A 64-bit FNV-1a hash of the weights' bits, in hex: equal weights give equal text.
  static func fingerprint(_ weights: [Matrix]) -> String {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for m in weights {
      for v in m.values {
        h = (h ^ UInt64(v.bitPattern)) &* 0x0000_0100_0000_01B3
      }
    }
    return String(h, radix: 16)
  }
}
