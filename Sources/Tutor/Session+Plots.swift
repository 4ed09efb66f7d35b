import Charts
import Datasets
import Foundation
import Engine

extension Session {
  /// What a chart command (`plot`, `predict #N`, `compare`) draws for the session as it is
  /// now, without counting as a command: a screen redraws the chart it keeps with this.
  /// Any other command gives no outputs.
  public func redraw(_ command: Command) -> [Output] {
    do {
      switch command {
      case .plot(let kind, let index): return try plot(kind, index: index)
      case .predict(let input): return try predict(input)
      case .compare(let a, let b): return try compare(a, b)
      case .plotMistakes(let truth, let predicted): return try mistakesPlot(truth, predicted)
      case .plotLandscapeLine(let other): return try landscapeLine(to: other)
      default: return []
      }
    } catch {
      return [.error(error.message)]
    }
  }

  /// Notes `command` as the last one that drew a chart, when its outputs hold one.
  func recordingChart(_ command: Command, _ outputs: [Output]) -> [Output] {
    if outputs.contains(where: { if case .chart = $0 { return true } else { return false } }) {
      lastChartCommand = command
      chartCommands += 1
    }
    return outputs
  }

  /// ` · step N`: ends the title of every chart drawn from the model's (or the ball's) state.
  var stepSuffix: String { " · step \(ball?.steps ?? trainer?.steps ?? 0)" }

  func plot(_ kind: String, index: Int?) throws(CommandError) -> [Output] {
    switch kind {
    case "loss":
      if ball != nil { return try plot("landscape", index: nil) }
      _ = try requireTrainer()
      guard let run else { return [] }
      return [lossChart([run])]
    case "fit", "data": return try fitPlot(showFit: kind == "fit")
    case "probs": return try predict(.example(index ?? 0))
    case "landscape": return ball == nil ? try landscapeSlice() : try landscapePlot()
    case "boundary": return try boundaryPlot()
    case "weights": return try weightsPlot()
    case "confusion": return try confusionPlot()
    default:
      throw CommandError("plot what? usage: plot loss|fit|probs [#INDEX]|data|landscape [line [RUN]]|boundary|weights|confusion|mistakes [TRUE PREDICTED]")
    }
  }

  /// The runs' batch losses per step (and test loss per epoch) with setting-change markers.
  func lossChart(_ runs: [Run]) -> Output {
    let chart = Plots.lossChart(runs.map { ($0.name, $0.trainer.history) })
    let title = runs.count > 1 ? "loss: " + runs.map(\.name).joined(separator: " vs ") : "loss per step"
    return .chart(.line(chart), title: title, height: 14)
  }

  private func fitPlot(showFit: Bool) throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    let train = dataset.train
    if let shape = dataset.imageShape {
      let images = (0..<min(8, train.count)).map { i in
        GrayImage(pixels: train.features([i]).values, rows: shape.rows, columns: shape.cols)
      }
      return [.chart(.imageGrid(ImageGrid(images: images)), title: "the first training images", height: 16)]
    }
    if dataset.task == .classification && dataset.featureCount == 2 {
      return try boundaryPlot()
    }
    guard dataset.task == .regression, train.outputCount == 1 else {
      throw CommandError("`plot fit` draws one feature against a target; this data has \(dataset.featureCount) features")
    }
    let x = train.features(0..<train.count)
    guard case .values(let t) = train.targets(0..<train.count) else { return [] }
    let points = (0..<train.count).map { Point(x: Double(x[$0, 0]), y: Double(t.values[$0])) }
    // NB: a standardised feature is drawn in its own unit (m², not z), as the title names it.
    var mean = 0.0
    var sd = 1.0
    if dataset.featureCount == 1, let s = dataset.standardizer, s.deviations.first.map({ $0 > 0 }) == true {
      mean = Double(s.means[0])
      sd = Double(s.deviations[0])
    }
    var fit: ScatterPlot.Fit?
    if showFit {
      if dataset.featureCount == 1, let dense = trainer.network.denseLayers.first, trainer.network.denseLayers.count == 1 {
        // y = b + w·z with z = (x − mean) / sd, as a line in x.
        let b = Double(dense.bias.value.values[0])
        let w = Double(dense.weights.value.values[0])
        fit = .polynomial([b - w * mean / sd, w / sd])
      } else {
        fit = .samples(curveSamples(trainer, dataset, points).map { Point(x: $0.x * sd + mean, y: $0.y) })
      }
    }
    let name = dataset.featureNames.first ?? "x"
    let title = "\(dataset.targetName) against \(name)" + (showFit ? " with the model's fit" + stepSuffix : "")
    let shown = points.map { Point(x: $0.x * sd + mean, y: $0.y) }
    let scatter = ScatterPlot(points: shown, fit: fit, highlighted: Set(dataset.outlierIndices), names: ["train", "model", "odd ones"])
    return [.chart(.scatter(scatter), title: title, height: 16)]
  }

  /// The model's curve over the first feature; for `poly`, the other features are its powers.
  private func curveSamples(_ trainer: Trainer, _ dataset: Dataset, _ points: [Point]) -> [Point] {
    let xs = points.map(\.x)
    guard let lo = xs.min(), let hi = xs.max(), hi > lo else { return [] }
    let d = dataset.featureCount
    let powers = dataset.featureNames.first == "x" && d > 1
    var samples: [Point] = []
    for i in 0...100 {
      let x = lo + (hi - lo) * Double(i) / 100
      var row = [Float](repeating: 0, count: d)
      if powers {
        // The same powers as the data set's features (Datasets' Polynomial): x, x·x, x·x·x, …
        var power = 1.0
        for k in 0..<d {
          power *= x
          row[k] = Float(power)
        }
        if let s = dataset.standardizer { row = s.apply(row) }
      } else {
        row[0] = Float(x)
      }
      let y = trainer.network.predict(Matrix(rows: 1, cols: d, values: row))
      samples.append(Point(x: x, y: Double(y.values[0])))
    }
    return samples
  }

  private func landscapePlot() throws(CommandError) -> [Output] {
    guard let ball else { throw CommandError("no landscape loaded: try `data two-valleys` or `data himmelblau`") }
    switch ball.surface {
    case .curve(let c):
      let lo = c.domain.lowerBound
      let hi = c.domain.upperBound
      let curve = (0...200).map { i -> Point in
        let x = lo + (hi - lo) * Double(i) / 200
        return Point(x: x, y: c.value(at: x))
      }
      let path = ball.path.map { Point(x: $0[0], y: c.value(at: $0[0])) }
      return [.chart(.function(FunctionPlot(curve: curve, path: path, name: c.formula)), title: "\(c.name): the ball's path" + stepSuffix, height: 16)]
    case .surface(let s):
      let columns = 60
      let rows = 30
      var values: [Double] = []
      for r in 0..<rows {
        let y = s.yDomain.upperBound - (s.yDomain.upperBound - s.yDomain.lowerBound) * Double(r) / Double(rows - 1)
        for c in 0..<columns {
          let x = s.xDomain.lowerBound + (s.xDomain.upperBound - s.xDomain.lowerBound) * Double(c) / Double(columns - 1)
          values.append(s.value(x: x, y: y))
        }
      }
      let field = Field(columns: columns, rows: rows, values: values, x: s.xDomain, y: s.yDomain)
      let path = ball.path.map { Point(x: $0[0], y: $0[1]) }
      return [.chart(.heatMap(HeatMap(field: field, path: path, shading: .linear)), title: "\(s.name): the ball's path" + stepSuffix, height: 16)]
    }
  }

  private func boundaryPlot() throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    guard dataset.task == .classification, dataset.featureCount == 2 else {
      throw CommandError("`plot boundary` needs 2-D classification data such as `data moons`")
    }
    let train = dataset.train
    let x = train.features(0..<train.count)
    guard case .classes(let labels) = train.targets(0..<train.count) else { return [] }
    let xs = (0..<train.count).map { Double(x[$0, 0]) }
    let ys = (0..<train.count).map { Double(x[$0, 1]) }
    let xr = range(xs)
    let yr = range(ys)
    let columns = 60
    let rows = 30
    var grid = Matrix(rows: columns * rows, cols: 2)
    for r in 0..<rows {
      let y = yr.upperBound - (yr.upperBound - yr.lowerBound) * Double(r) / Double(rows - 1)
      for c in 0..<columns {
        let xv = xr.lowerBound + (xr.upperBound - xr.lowerBound) * Double(c) / Double(columns - 1)
        grid[r * columns + c, 0] = Float(xv)
        grid[r * columns + c, 1] = Float(y)
      }
    }
    let out = trainer.network.predict(grid)
    let classes = (0..<(columns * rows)).map { Double(out.argmax(row: $0)) }
    let field = Field(columns: columns, rows: rows, values: classes, x: xr, y: yr)
    let points = (0..<train.count).map { DecisionMap.ClassPoint(x: xs[$0], y: ys[$0], label: Int(labels[$0])) }
    let map = DecisionMap(classes: field, points: points, classNames: dataset.classNames ?? [])
    return [.chart(.decisionMap(map), title: "decision boundary" + stepSuffix, height: 16)]
  }

  private func range(_ values: [Double]) -> ClosedRange<Double> {
    let lo = values.min() ?? 0
    let hi = values.max() ?? 1
    let pad = max((hi - lo) * 0.05, 1e-6)
    return (lo - pad)...(hi + pad)
  }

  private func weightsPlot() throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    guard let shape = dataset.imageShape, let first = trainer.network.denseLayers.first else {
      throw CommandError("`plot weights` draws first-layer weights as images: it needs image data such as `data mnist-5k`")
    }
    let w = first.weights.value
    let units = min(16, w.cols)
    // NB: the weights start random, and what a few hundred steps add is small beside that
    // noise: drawn as they are they look like static. What training changed is what the
    // unit learned to look for, so that is what is drawn.
    let index = trainer.network.parameters.firstIndex { $0 === first.weights }
    let start = index.flatMap { i in run?.rewinder.start.map { $0.parameters[i] } }
    let initial = start.flatMap { s in s.rows == w.rows && s.cols == w.cols ? s : nil }
    let images = (0..<units).map { unit in
      GrayImage.signed(
        (0..<w.rows).map { r in w[r, unit] - (initial.map { $0[r, unit] } ?? 0) }, rows: shape.rows, columns: shape.cols)
    }
    let since = run?.rewinder.start?.step ?? 0
    let what = initial == nil ? "layer-1 weights" : "layer-1 weights' change" + (since == 0 ? "" : " since step \(since)")
    // NB: the grid shows as many of the units as fit at a size where strokes can be seen.
    return [.chart(.imageGrid(ImageGrid(images: images, minimumShown: 4)), title: what + ": light +, dark −" + stepSuffix, height: 16)]
  }

  private func confusionPlot() throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    guard dataset.task == .classification else { throw CommandError("`plot confusion` needs classification data") }
    let test = dataset.test
    let k = dataset.outputCount
    var counts = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    var start = 0
    while start < test.count {
      let end = min(start + 1000, test.count)
      let out = trainer.network.predict(test.features(start..<end))
      guard case .classes(let labels) = test.targets(start..<end) else { break }
      for (r, label) in labels.enumerated() { counts[Int(label)][out.argmax(row: r)] += 1 }
      start = end
    }
    return [.chart(.confusion(ConfusionMatrix(counts: counts, labels: dataset.classNames)), title: "test confusion matrix" + stepSuffix, height: k + 4)]
  }
}
