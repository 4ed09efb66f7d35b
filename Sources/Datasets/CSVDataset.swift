import Engine

/// `csv:FILE:COLUMN`: a CSV file with a header row; COLUMN names the target, every other
/// column is a numeric feature.
///
/// The task, unless `task=` says it: **classification** when every target cell is text (class
/// names, numbered in sorted order) or every one is a whole number from 0 to 31 (the class
/// number itself); **regression** when the targets are numbers otherwise. A mix of numbers
/// and text is an error at the first text cell. A share `test=` of the rows (stratified by
/// class for classification) becomes the test split; features are standardised with the
/// training split's means and deviations unless `scale=none`.
enum CSVDataset {
  static let knobs = [
    DatasetKnob("task", "auto", "auto, regression or classification"),
    DatasetKnob("test", "0.2", "share of the rows held out as the test split"),
    DatasetKnob("seed", "0", "seed of the split"),
    DatasetKnob("scale", "standard", "standard (z-scores from the training split) or none"),
  ]
  /// The largest whole-number target `task=auto` still reads as a class.
  static let largestAutoClass = 31

  static func load(_ name: String, spec: String, options: [String: String]) throws(DatasetError)
    -> Dataset
  {
    let settings = try Knobs(dataset: name, options: options, knobs: knobs)
    guard let colon = spec.lastIndex(of: ":"), colon != spec.startIndex,
      spec.index(after: colon) != spec.endIndex
    else { throw DatasetError(file: name, "expected csv:FILE:COLUMN") }
    let path = String(spec[..<colon])
    let column = String(spec[spec.index(after: colon)...])
    let task = try settings.choice("task", ["auto", "regression", "classification"])
    let fraction = try settings.double("test", in: 0...0.9)
    let scale = try settings.choice("scale", ["standard", "none"])
    var generator = SeededGenerator(seed: try settings.seed())

    let table = try CSVTable(path: path)
    guard let target = table.header.firstIndex(of: column) else {
      throw DatasetError(
        file: path, "no column named \(quoted(column)); the columns are \(quotedList(table.header))")
    }
    guard table.header.count >= 2 else {
      throw DatasetError(file: path, "no feature columns besides \(quoted(column))")
    }
    guard table.rows.count >= 2 else {
      throw DatasetError(file: path, "needs at least 2 rows of data, found \(table.rows.count)")
    }
    let featureColumns = table.header.indices.filter { $0 != target }
    var features: [Float] = []
    features.reserveCapacity(table.rows.count * featureColumns.count)
    for row in table.rows {
      for c in featureColumns {
        features.append(try number(row[c], path: path, columnName: table.header[c]))
      }
    }
    let labels = try targets(table, target: target, task: task)

    let all = Examples(
      features: .floats(features), featureCount: featureColumns.count, labels: labels.labels)
    let split: (train: [Int], test: [Int])
    if case .classes(let classes, _) = labels.labels {
      split = Split.stratified(labels: classes, testFraction: fraction, generator: &generator)
    } else {
      split = Split.random(count: all.count, testFraction: fraction, generator: &generator)
    }
    guard !split.train.isEmpty else {
      throw DatasetError(file: path, "test=\(fraction) leaves no rows for training")
    }
    var train = all.subset(split.train)
    var test = all.subset(split.test)
    let names = featureColumns.map { table.header[$0] }
    try checkTargets(labels.labels, name: column, path: path)
    var standardizer: Standardizer?
    if scale == "standard" {
      standardizer = Standardizer.standardize(train: &train, test: &test)
      try checkStandardized(train, test, names: names, path: path)
    } else {
      try checkUnscaled(all, names: names, path: path)
    }
    let kind = labels.classNames == nil ? "regression" : "classification"
    return Dataset(
      name: name, summary: "\(column) from \(featureColumns.count) columns of \(path) (\(kind))",
      train: train, test: test, featureNames: featureColumns.map { table.header[$0] },
      targetName: column, classNames: labels.classNames, source: path,
      standardizer: standardizer, notes: ["settings: \(settings.summary)"])
  }

  private static func number(_ cell: CSVTable.Cell, path: String, columnName: String)
    throws(DatasetError) -> Float
  {
    guard let value = Float(cell.text), value.isFinite else {
      let what = cell.text.isEmpty ? "empty cell" : quoted(cell.text)
      throw .atLine(
        path, line: cell.line, column: cell.column,
        "\(what) is not a number (column \(quoted(columnName)))")
    }
    return value
  }

  private static func targets(_ table: CSVTable, target: Int, task: String)
    throws(DatasetError) -> (labels: Examples.Labels, classNames: [String]?)
  {
    let cells = table.rows.map { $0[target] }
    let name = table.header[target]
    let numbers = cells.map { Float($0.text) }
    let allText = numbers.allSatisfy { $0 == nil }
    if task != "regression" && allText {
      let names = Array(Set(cells.map(\.text))).sorted()
      let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
      let labels = cells.map { index[$0.text] ?? 0 }
      return (.classes(labels, classCount: names.count), names)
    }
    var values: [Float] = []
    for cell in cells { values.append(try number(cell, path: table.path, columnName: name)) }
    let whole = values.allSatisfy { $0 >= 0 && $0 == $0.rounded() }
    let small = whole && values.allSatisfy { $0 <= Float(largestAutoClass) }
    if task == "classification" || (task == "auto" && small) {
      if let bad = values.indices.first(where: { values[$0] < 0 || values[$0] != values[$0].rounded() || values[$0] > 255 }) {
        throw .atLine(
          table.path, line: cells[bad].line, column: cells[bad].column,
          "\(quoted(cells[bad].text)) is not a class number 0...255 (column \(quoted(name)))")
      }
      let classCount = Int(values.max() ?? 0) + 1
      return (
        .classes(values.map { Int32($0) }, classCount: classCount),
        (0..<classCount).map(String.init)
      )
    }
    return (.values(values, width: 1), nil)
  }
}
