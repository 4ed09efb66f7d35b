import Engine

/// Values a 32-bit float engine cannot train on, found when the table is loaded rather than
/// as a divergence blamed on the learning rate.
extension CSVDataset {
  /// Beyond this magnitude a value's square (in the loss and its gradient) passes Float32's
  /// largest value, 3.4e38.
  static let largestTrainable = Float.greatestFiniteMagnitude.squareRoot()

  /// Regression targets must be small enough for their squared errors.
  static func checkTargets(_ labels: Examples.Labels, name: String, path: String) throws(DatasetError) {
    guard case .values(let values, _) = labels,
      let bad = values.first(where: { abs($0) > largestTrainable })
    else { return }
    throw DatasetError(
      file: path,
      "target column \(quoted(name)) holds \(bad), whose square overflows 32-bit floats "
        + "(beyond ±\(largestTrainable) they cannot be trained on): scale the column down")
  }

  /// Features used as read must be small enough for the products of training.
  static func checkUnscaled(_ examples: Examples, names: [String], path: String) throws(DatasetError) {
    guard case .floats(let values) = examples.features,
      let i = values.firstIndex(where: { abs($0) > largestTrainable })
    else { return }
    let column = names[i % examples.featureCount]
    throw DatasetError(
      file: path,
      "column \(quoted(column)) holds \(values[i]), too large to train on as it is "
        + "(beyond ±\(largestTrainable) products overflow 32-bit floats): use scale=standard")
  }

  /// Standardised features must be finite: a test value far outside the training split's
  /// spread can pass Float32's range.
  static func checkStandardized(_ train: Examples, _ test: Examples, names: [String], path: String)
    throws(DatasetError)
  {
    for (split, examples) in [("training", train), ("test", test)] {
      guard case .floats(let values) = examples.features,
        let i = values.firstIndex(where: { !$0.isFinite })
      else { continue }
      let column = names[i % examples.featureCount]
      throw DatasetError(
        file: path,
        "column \(quoted(column)) overflows when standardised: a value of the \(split) split is "
          + "too far from the training split's mean for 32-bit floats; scale the column down")
    }
  }
}
