import Charts
import Datasets
import Engine

extension Session {
  /// The cell (class numbers) of the last `plot mistakes TRUE PREDICTED` that drew images,
  /// while the same data stay loaded.
  public var mistakeCell: [Int]? {
    guard let named = namedMistakeCell, named.data == dataset?.name else { return nil }
    return named.cell
  }

  /// `plot mistakes [TRUE PREDICTED]`: the test images of class TRUE that the model calls
  /// PREDICTED, surest first, each with its index and the probabilities of PREDICTED and TRUE;
  /// without classes, the largest cell off the confusion matrix's diagonal.
  func mistakesPlot(_ truth: String?, _ predicted: String?) throws(CommandError) -> [Output] {
    let trainer = try requireTrainer()
    let dataset = try requireDataset()
    guard dataset.task == .classification, let shape = dataset.imageShape else {
      throw CommandError("`plot mistakes` draws test images: it needs image data such as `data mnist-5k`")
    }
    let k = dataset.outputCount
    var cell: (truth: Int, predicted: Int)?
    if let truth, let predicted {
      let t = try classIndex(truth, dataset)
      let p = try classIndex(predicted, dataset)
      guard t != p else {
        throw CommandError("\(truth) taken for \(predicted) is the diagonal, the right answers: name two different classes")
      }
      cell = (t, p)
    }
    let test = dataset.test
    var counts = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    // Each test example: its label, what the network answers, and its probabilities.
    var found: [(index: Int, truth: Int, answer: Int, probabilities: [Float])] = []
    var start = 0
    while start < test.count {
      let end = min(start + 1000, test.count)
      let p = SoftmaxCrossEntropy.probabilities(trainer.network.predict(test.features(start..<end)))
      guard case .classes(let labels) = test.targets(start..<end) else { break }
      for (r, label) in labels.enumerated() {
        let answer = p.argmax(row: r)
        counts[Int(label)][answer] += 1
        if Int(label) != answer { found.append((start + r, Int(label), answer, p.row(r))) }
      }
      start = end
    }
    let chosen: (truth: Int, predicted: Int)
    if let cell {
      chosen = cell
    } else {
      var best: (truth: Int, predicted: Int, count: Int)?
      for t in 0..<k {
        for p in 0..<k where p != t && counts[t][p] > (best?.count ?? 0) { best = (t, p, counts[t][p]) }
      }
      guard let best else { return [.line("the model gets every test image right at step \(trainer.steps)")] }
      chosen = (best.truth, best.predicted)
    }
    let t = chosen.truth
    let p = chosen.predicted
    let tName = className(dataset, t)
    let pName = className(dataset, p)
    let cases = found.filter { $0.truth == t && $0.answer == p }
      .sorted { ($0.probabilities[p], $1.index) > ($1.probabilities[p], $0.index) }
    guard !cases.isEmpty else {
      return [.line("no test image of \(tName) is taken for \(pName) at step \(trainer.steps)")]
    }
    if truth != nil { namedMistakeCell = (dataset.name, [t, p]) }
    let tiles = cases.map { c in
      CaptionedImages.Tile(
        image: GrayImage(pixels: test.features([c.index]).values, rows: shape.rows, columns: shape.cols),
        caption: ["#\(c.index)", Plots.shortPercent(c.probabilities[p]) + "/" + Plots.shortPercent(c.probabilities[t])])
    }
    let count = cases.count == 1 ? "1 test image" : "\(cases.count) test images"
    let title = "\(tName) taken for \(pName): \(count), surest first; p(\(pName))/p(\(tName))" + stepSuffix
    return [.chart(.captionedImages(CaptionedImages(tiles: tiles)), title: title, height: 16)]
  }

  /// A class by its name (as `classNames` spells it) or its number.
  private func classIndex(_ word: String, _ dataset: Dataset) throws(CommandError) -> Int {
    let k = dataset.outputCount
    if let names = dataset.classNames, let i = names.firstIndex(where: { $0.lowercased() == word.lowercased() }) {
      return i
    }
    if let i = Int(word), (0..<k).contains(i) { return i }
    let known = dataset.classNames.map { $0.joined(separator: ", ") } ?? "0 to \(k - 1)"
    throw CommandError("'\(word)' is not a class of \(dataset.name): the classes are \(known)")
  }
}
