import Charts
import Datasets
import Engine

extension Session {
  func show(_ what: String) throws(CommandError) -> [Output] {
    switch what {
    case "hyper", "settings":
      let h = trainer?.hyper ?? settings.hyper
      // Only the settings the chosen optimizer uses: momentum for momentum and nesterov,
      // beta1 and beta2 for adam.
      var rows: [[String]] = [
        ["lr", NumberFormat.short(h.learningRate)], ["batch", String(h.batchSize)],
        ["optimizer", h.optimizer.rawValue],
      ]
      switch h.optimizer {
      case .momentum, .nesterov: rows.append(["momentum", NumberFormat.short(h.momentum)])
      case .adam: rows += [["beta1", NumberFormat.short(h.beta1)], ["beta2", NumberFormat.short(h.beta2)]]
      case .sgd: break
      }
      rows += [
        ["l1", NumberFormat.short(h.l1)], ["l2", NumberFormat.short(h.l2)],
        ["dropout", NumberFormat.short(h.dropout)],
        ["clip", h.clipNorm == 0 ? "off" : NumberFormat.short(h.clipNorm)],
        ["seed", String(settings.seed)],
      ]
      return [.table(Table(headers: ["setting", "value"], rows: rows))]
    case "model":
      let trainer = try requireTrainer()
      return [.text(
        ["\(trainer.network.description), \(settings.effectiveInitializer.rawValue) initialisation, loss: \(trainer.network.architecture.task.loss.displayName)"]
          + trainer.network.summary.map { "  " + $0 })]
    case "params", "grad":
      let trainer = try requireTrainer()
      let gradients = what == "grad"
      if gradients && trainer.steps == 0 {
        return [.line("no gradients yet: take a `step` first")]
      }
      var rows: [[String]] = []
      for p in trainer.network.parameters {
        // NB: after an update the gradient buffer holds scratch for some optimisers, so
        // gradients are recomputed here on the last batch's data rather than read back.
        let m = gradients ? freshGradient(trainer, p.name) : p.value
        let shown = m.values.prefix(6).map(NumberFormat.short).joined(separator: " ")
        rows.append([p.name, "\(m.rows)×\(m.cols)", NumberFormat.short(m.squaredNorm.squareRoot()), shown + (m.count > 6 ? " …" : "")])
      }
      return [.table(Table(headers: ["parameter", "shape", "norm", gradients ? "gradient" : "values"], rows: rows))]
    case "data":
      if let ball { return [.line("\(ball.name): a landscape; the ball is at (\(ball.position.map(NumberFormat.short).joined(separator: ", ")))")] }
      let d = try requireDataset()
      var lines = ["\(d.name): \(d.summary)", "  \(d.sizeDescription), \(describeTask(d))", "  source: \(d.source)"]
      lines += d.notes.map { "  " + $0 }
      return [.text(lines)]
    default:
      throw CommandError("show what? usage: show hyper|params|grad|model|data")
    }
  }

  /// ∂L/∂θ on the first batch of the training set, computed without changing anything.
  private func freshGradient(_ trainer: Trainer, _ name: String) -> Matrix {
    let probe = trainer.network.copy()
    let count = min(trainer.hyper.batchSize, trainer.train.count)
    let x = trainer.train.features(0..<count)
    let targets = trainer.train.targets(0..<count)
    var mode = ForwardMode.inference
    let output = probe.forward(x, mode: &mode)
    var gradient = Matrix(rows: 0, cols: 0)
    _ = probe.architecture.task.loss.valueAndGradient(output, targets, gradient: &gradient)
    probe.backward(gradient)
    return probe.parameters.first { $0.name == name }?.gradient ?? Matrix(rows: 0, cols: 0)
  }

  func predict(_ input: Command.PredictInput) throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    switch input {
    case .value(let v):
      guard dataset.featureCount == 1 else {
        throw CommandError("`predict VALUE` needs data with one feature; this data has \(dataset.featureCount): use `predict #INDEX`")
      }
      var raw = [Float(v)]
      if let s = dataset.standardizer { raw = s.apply(raw) }
      let y = trainer.network.predict(Matrix(rows: 1, cols: 1, values: raw))
      let feature = dataset.featureNames.first ?? "x"
      if dataset.task == .regression {
        return [.line("\(feature) \(NumberFormat.short(v)) → \(dataset.targetName) \(NumberFormat.short(y.values[0]))")]
      }
      let p = SoftmaxCrossEntropy.probabilities(y)
      let k = p.argmax(row: 0)
      return [.line("\(feature) \(NumberFormat.short(v)) → class \(className(dataset, k)) (\(NumberFormat.percent(Double(p.values[k]))))")]
    case .example(let index):
      return try explainExample(index, trainer, dataset)
    }
  }

  func className(_ d: Dataset, _ k: Int) -> String {
    guard let names = d.classNames, k < names.count else { return String(k) }
    return names[k]
  }

  private func explainExample(_ index: Int, _ trainer: Trainer, _ dataset: Dataset) throws(CommandError) -> [Output] {
    let test = dataset.test
    guard index < test.count else {
      throw CommandError("there is no test example #\(index): the test set has \(test.count) (#0 to #\(test.count - 1))")
    }
    let x = test.features([index])
    let y = trainer.network.predict(x)
    switch test.targets([index]) {
    case .values(let t):
      return [.line("test #\(index): predicted \(NumberFormat.short(y.values[0])), true \(NumberFormat.short(t.values[0]))")]
    case .classes(let labels):
      let truth = Int(labels[0])
      let p = SoftmaxCrossEntropy.probabilities(y)
      let k = p.argmax(row: 0)
      let verdict = k == truth ? "right" : "wrong"
      let bars = BarChart(values: p.values, labels: dataset.classNames, truth: truth)
      let title = "test #\(index): predicted \(className(dataset, k)) (\(NumberFormat.percent(Double(p.values[k])))), true \(className(dataset, truth)): \(verdict)" + stepSuffix
      if let image = exampleImage(dataset, x) {
        return [.chart(.example(ExampleChart(picture: image, bars: bars)), title: title, height: max(14, p.cols))]
      }
      return [.chart(.bars(bars), title: title, height: max(10, p.cols))]
    }
  }

  func exampleImage(_ dataset: Dataset, _ x: Matrix) -> GrayImage? {
    guard let shape = dataset.imageShape, x.cols == shape.rows * shape.cols else { return nil }
    return GrayImage(pixels: x.values, rows: shape.rows, columns: shape.cols)
  }
}
