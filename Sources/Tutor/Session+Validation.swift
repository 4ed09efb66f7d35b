import Datasets
import Engine

extension Session {
  /// `crossval K epochs=N`: K fresh copies of the current model (weights from its seed, its
  /// settings) each trained on all folds of the training split but one and measured on that one.
  /// The current run is left as it is.
  func crossValidate(_ k: Int, epochs: Int, shouldStop: () -> Bool) throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    guard epochs <= 10_000 else { throw CommandError("crossval trains at most 10,000 epochs a fold (got \(epochs))") }
    guard
      let result = try CrossValidation.run(
        architecture: trainer.network.architecture, initializer: trainer.initializer, hyper: trainer.hyper,
        seed: trainer.seed, examples: trainer.train, k: k, epochs: epochs, shouldStop: shouldStop)
    else { return [.line("crossval stopped: no figures kept")] }
    crossValidation = CrossValidationRecord(
      result: result, dataName: settings.dataName, dataOptions: settings.dataOptions, modelSpec: settings.modelSpec)
    return Self.crossValidationOutputs(result)
  }

  /// The table of folds and the line with the mean and the spread.
  static func crossValidationOutputs(_ r: CrossValidation) -> [Output] {
    let classification = r.task == .classification
    let rows = r.folds.enumerated().map { i, fold in
      [
        String(i + 1), fold.trainedOn.formatted, fold.evaluation.examples.formatted,
        NumberFormat.short(fold.evaluation.loss),
        classification ? NumberFormat.percent(fold.evaluation.accuracy ?? 0) : NumberFormat.short(fold.evaluation.rmse ?? 0),
      ]
    }
    let headers = ["fold", "trained on", "validated on", "val loss", "val " + r.figureName]
    let show: (Double) -> String = { classification ? NumberFormat.percent($0) : NumberFormat.short($0) }
    let epochs = "\(r.epochs) epoch\(r.epochs == 1 ? "" : "s")"
    return [
      .table(Table(headers: headers, rows: rows, rightAligned: [0, 1, 2, 3, 4])),
      .line(
        "\(r.folds.count) folds of \(epochs) each: mean \(r.figureName) \(show(r.mean)), spread "
          + "\(show(r.spread)) (standard deviation); the current run is unchanged"),
    ]
  }

  /// `eval fresh`: the current weights on examples drawn anew, beside the test split.
  func evaluateFresh() throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    guard let fresh = dataset.fresh else {
      throw CommandError(
        "\(dataset.name) cannot draw fresh examples: the generated 2-D sets can (xor, moons, circles, spiral)")
    }
    let evaluation = trainer.network.evaluate(fresh)
    printedFresh = PrintedTest(trainer: trainer, step: trainer.steps, evaluation: evaluation)
    var rows: [[String]] = []
    if let test = trainer.test {
      let e = trainer.network.evaluate(test)
      printedTest = PrintedTest(trainer: trainer, step: trainer.steps, evaluation: e)
      rows.append(evaluationRow("test", e))
    }
    rows.append(evaluationRow("fresh", evaluation))
    let headers = ["split", "examples", "loss", "accuracy"]
    let leaked = dataset.featureNames.contains("leak")
    let note =
      "fresh: \(fresh.count.formatted) new points from the same generator"
      + (leaked ? ", met before their class is known: their leak column holds no class" : "")
    return [.table(Table(headers: headers, rows: rows, rightAligned: [1, 2, 3])), .line(note)]
  }

  func evaluationRow(_ name: String, _ e: Evaluation) -> [String] {
    var r = [name, e.examples.formatted, NumberFormat.short(e.loss)]
    if let a = e.accuracy { r.append(NumberFormat.percent(a)) }
    if let rmse = e.rmse { r.append(NumberFormat.short(rmse)) }
    if e.accuracy == nil { r.append(e.r2.map { NumberFormat.fixed($0, 3) } ?? "-") }
    return r
  }

  /// The evaluation on fresh examples that `eval fresh` printed for the current run at this step.
  public var currentFreshEvaluation: Evaluation? {
    guard let trainer, let printed = printedFresh, printed.trainer === trainer, printed.step == trainer.steps
    else { return nil }
    return printed.evaluation
  }
}
