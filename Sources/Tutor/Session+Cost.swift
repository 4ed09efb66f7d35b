import Engine
import Foundation

extension Session {
  /// How long each half of `cost`'s timing runs, at least.
  static let costTiming = Duration.milliseconds(250)

  /// `cost`: the model's parameters and bytes, the multiply-adds of one inference and of one
  /// training step (counted by `ComputeCost`), the optimiser's memory, and examples per second
  /// of inference and of training measured on a copy of the run (the run itself is unchanged).
  func cost() throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    let network = trainer.network
    let count = ComputeCost(network.architecture)
    let hyper = trainer.hyper
    let batch = min(hyper.batchSize, trainer.train.count)
    let parameters = network.parameterCount
    let perParameter = ComputeCost.stateValuesPerParameter(hyper.optimizer)
    let f = count.inferenceMultiplyAdds
    let first = count.layerProducts.first ?? 0
    let kept: String
    switch perParameter {
    case 0: kept = "\(hyper.optimizer.rawValue) keeps nothing between steps"
    case 1: kept = "\(hyper.optimizer.rawValue): one velocity per parameter"
    default: kept = "adam: two running averages per parameter"
    }
    let rows = [
      ["parameters", parameters.formatted, "weights and biases"],
      ["parameter bytes", (parameters * 4).formatted, "4 bytes each (fp32)"],
      ["optimizer bytes", (parameters * perParameter * 4).formatted, kept],
      ["multiply-adds, inference", f.formatted, "F = Σ inputs × outputs of each layer, one example"],
      [
        "multiply-adds, training step", count.trainingMultiplyAdds(batch: batch).formatted,
        "\(batch) × (F forward + 2F − \(first.formatted) backward)",
      ],
    ]
    let speed = measureSpeed(trainer, batch: batch)
    measured.speed = speed
    var lines = [
      "model \(network.architecture.sizesText) · batch \(batch) · \(hyper.optimizer.rawValue)",
    ]
    var timing = "measured here on batches of \(batch): inference \(Session.rate(speed.inferencePerSecond)) examples/s"
    if let training = speed.trainingPerSecond {
      timing += ", training \(Session.rate(training)) examples/s"
      lines.append(timing)
      let measuredRatio = speed.inferencePerSecond / max(training, 1e-9)
      let countedRatio = Double(count.trainingMultiplyAdds(batch: 1)) / Double(max(f, 1))
      lines.append(
        "per example, training took \(NumberFormat.fixed(measuredRatio, 1))× inference's time; it counts \(NumberFormat.fixed(countedRatio, 1))× its multiply-adds")
    } else {
      lines.append(timing + "; training not measured: this run has diverged (`rewind` or `reset`)")
    }
    return [
      .text([lines[0]]),
      .table(Table(headers: ["figure", "count", "how it is counted"], rows: rows, rightAligned: [1], optionalColumns: [2])),
      .text(Array(lines.dropFirst())),
    ]
  }

  /// Examples per second: forward passes of `batch` training examples, and training steps on a
  /// copy of the run, each timed for at least `costTiming` and three repetitions.
  private func measureSpeed(_ trainer: Trainer, batch: Int) -> MeasuredSpeed {
    let clock = ContinuousClock()
    let input = trainer.train.features(0..<batch)
    let network = trainer.network
    var passes = 0
    let inferenceStart = clock.now
    while passes < 3 || clock.now - inferenceStart < Session.costTiming {
      _ = network.predict(input)
      passes += 1
    }
    let inferenceSeconds = (clock.now - inferenceStart).seconds
    var trainingPerSecond: Double?
    if trainer.divergence == nil {
      let copy = trainer.fork()
      var examples = 0
      let trainingStart = clock.now
      while examples < 3 * batch || clock.now - trainingStart < Session.costTiming {
        guard let report = try? copy.step() else { break }
        examples += report.batch.count
      }
      let seconds = (clock.now - trainingStart).seconds
      if examples > 0 { trainingPerSecond = Double(examples) / max(seconds, 1e-9) }
    }
    return MeasuredSpeed(
      sizes: network.architecture.sizes, batch: batch,
      inferencePerSecond: Double(passes * batch) / max(inferenceSeconds, 1e-9),
      trainingPerSecond: trainingPerSecond)
  }

  /// 3 significant figures with thousands separators: 1,230,000 or 45.6.
  static func rate(_ x: Double) -> String {
    guard x >= 1000 else { return NumberFormat.short((x * 10).rounded() / 10) }
    let digits = Int(floor(log10(x))) + 1
    let unit = pow(10, Double(digits - 3))
    return Int((x / unit).rounded() * unit).formatted
  }
}
