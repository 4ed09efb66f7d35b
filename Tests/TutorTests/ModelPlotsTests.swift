import Charts
import Engine
import Foundation
import TestSupport
import Testing

@testable import Tutor

/// `plot mistakes` and the network's loss landscape (`plot landscape`, `plot landscape line`).
@Suite struct ModelPlotsTests {
  let learner = SessionTests()

  func chart(_ outputs: [Output]) -> (spec: ChartSpec, title: String)? {
    for case .chart(let spec, let title, _) in outputs { return (spec, title) }
    return nil
  }

  func errors(_ outputs: [Output]) -> [String] {
    outputs.compactMap { if case .error(let m) = $0 { return m } else { return nil } }
  }

  @Test func theParserReadsBothPlots() throws {
    #expect(try CommandParser.parse("plot mistakes") == .plotMistakes(truth: nil, predicted: nil))
    #expect(try CommandParser.parse("PLOT Mistakes 4 9") == .plotMistakes(truth: "4", predicted: "9"))
    #expect(try CommandParser.parse("plot landscape line") == .plotLandscapeLine(run: nil))
    #expect(try CommandParser.parse("plot landscape line fast") == .plotLandscapeLine(run: "fast"))
    #expect(try CommandParser.parse("plot landscape") == .plot(kind: "landscape", index: nil))
    #expect(throws: CommandError.self) { try CommandParser.parse("plot mistakes 4 9 1") }
    #expect(throws: CommandError.self) { try CommandParser.parse("plot landscape lines") }
  }

  @Test func mistakesAreTheCellsImagesSurestFirst() throws {
    let s = learner.session()
    learner.run(s, ["data mnist-5k", "model 784-16-10", "train 60 steps"])
    let dataset = try #require(s.dataset)
    let network = try #require(s.trainer?.network)
    // The confusion matrix and each mistake's probabilities, computed here from the network.
    let test = dataset.test
    let p = SoftmaxCrossEntropy.probabilities(network.predict(test.features(0..<test.count)))
    guard case .classes(let labels) = test.targets(0..<test.count) else { return }
    var cells: [[Int]: [Int]] = [:]
    for (i, label) in labels.enumerated() where p.argmax(row: i) != Int(label) {
      cells[[Int(label), p.argmax(row: i)], default: []].append(i)
    }
    let largest = try #require(
      cells.sorted { a, b in
        a.value.count != b.value.count ? a.value.count > b.value.count : (a.key[0], a.key[1]) < (b.key[0], b.key[1])
      }.first)
    // Without classes: the largest cell off the diagonal (the first in reading order on a tie).
    let drawn = try #require(chart(learner.run(s, ["plot mistakes"])))
    guard case .captionedImages(let images) = drawn.spec else {
      Issue.record("not images: \(drawn.spec)")
      return
    }
    let (t, q) = (largest.key[0], largest.key[1])
    let expectedOrder = largest.value.sorted { (p[$0, q], $1) > (p[$1, q], $0) }
    #expect(images.tiles.map { $0.caption[0] } == expectedOrder.map { "#\($0)" })
    #expect(images.tiles.first?.caption[1] == Plots.shortPercent(p[expectedOrder[0], q]) + "/" + Plots.shortPercent(p[expectedOrder[0], t]))
    #expect(drawn.title == "\(t) taken for \(q): \(largest.value.count) test images, surest first; p(\(q))/p(\(t)) · step 60")
    #expect(s.mistakeCell == nil, "no cell was named")
    // A named cell, by class number.
    let cell = try #require(cells.keys.filter { $0 != largest.key }.min { ($0[0], $0[1]) < ($1[0], $1[1]) })
    let named = try #require(chart(learner.run(s, ["plot mistakes \(cell[0]) \(cell[1])"]))).title
    let count = cells[cell]?.count ?? 0
    #expect(named.hasPrefix("\(cell[0]) taken for \(cell[1]): \(count == 1 ? "1 test image" : "\(count) test images")"))
    #expect(s.lastChartCommand == .plotMistakes(truth: "\(cell[0])", predicted: "\(cell[1])"))
    #expect(s.mistakeCell == cell)
    learner.run(s, ["data moons"])
    #expect(s.mistakeCell == nil, "other data, no cell")
  }

  @Test func aCellWithoutMistakesAndBadClassesSayOneLine() throws {
    let s = learner.session()
    learner.run(s, ["data mnist-5k", "model 784-16-10", "train 60 steps"])
    let network = try #require(s.trainer?.network)
    let test = try #require(s.dataset?.test)
    let out = network.predict(test.features(0..<test.count))
    guard case .classes(let labels) = test.targets(0..<test.count) else { return }
    var counts = [[Int]](repeating: [Int](repeating: 0, count: 10), count: 10)
    for (i, label) in labels.enumerated() { counts[Int(label)][out.argmax(row: i)] += 1 }
    let empty = try #require((0..<100).first { counts[$0 / 10][$0 % 10] == 0 && $0 / 10 != $0 % 10 })
    #expect(
      learner.run(s, ["plot mistakes \(empty / 10) \(empty % 10)"])
        == [.line("no test image of \(empty / 10) is taken for \(empty % 10) at step 60")])
    #expect(errors(learner.run(s, ["plot mistakes 3 3"], errorsAllowed: true)) == ["3 taken for 3 is the diagonal, the right answers: name two different classes"])
    #expect(errors(learner.run(s, ["plot mistakes 3 12"], errorsAllowed: true)) == ["'12' is not a class of mnist-5k: the classes are 0, 1, 2, 3, 4, 5, 6, 7, 8, 9"])
    #expect(errors(learner.run(s, ["plot mistakes 3"], errorsAllowed: true)).first?.hasPrefix("mistakes takes two classes, TRUE and PREDICTED, or none; usage: plot ") == true)
    learner.run(s, ["data moons", "model 2-8-2"])
    #expect(errors(learner.run(s, ["plot mistakes"], errorsAllowed: true)) == ["`plot mistakes` draws test images: it needs image data such as `data mnist-5k`"])
  }

  @Test func theLineAndTheSliceAreTheLossAtThoseWeights() throws {
    let s = learner.session()
    learner.run(s, ["data moons", "model 2-16-2", "set lr 0.5", "train 200", "fork fast", "reset", "set lr 1", "train 200"])
    let drawn = try #require(chart(learner.run(s, ["plot landscape line main"])))
    #expect(drawn.title == "training loss on the line from fast to main, 200 examples · step 200")
    guard case .line(let line) = drawn.spec, let curve = line.series.first else {
      Issue.record("not a line chart")
      return
    }
    #expect(line.markers.map(\.label) == ["fast", "main"] && line.markers.map(\.x) == [0, 1])
    #expect(curve.values.count == 31 && curve.x?.first == -0.25 && curve.x?.last == 1.25)
    let dataset = try #require(s.dataset)
    #expect(dataset.train.count == 200, "moons: all 200 training points")
    let subset = dataset.train.subset(0..<min(500, dataset.train.count))
    let fast = try #require(s.trainer?.network)
    #expect(curve.values[5] == fast.evaluate(subset).loss, "t = 0 is this run")
    learner.run(s, ["use main"])
    let main = try #require(s.trainer?.network)
    #expect(curve.values[25] == main.evaluate(subset).loss, "t = 1 is main")
    // The slice: its middle value is the loss at the weights themselves.
    let slice = try #require(chart(learner.run(s, ["plot landscape"])))
    guard case .heatMap(let map) = slice.spec else {
      Issue.record("not a heat map")
      return
    }
    #expect(map.field.columns == 17 && map.field.rows == 17 && map.path == [Point(x: 0, y: 0)])
    #expect(map.field.values[8 * 17 + 8] == main.evaluate(subset).loss)
    #expect(slice.title == "training loss around the weights, 2 random directions (seed 0), 200 examples · step 200")
    // Drawn again from the same weights: the very same chart.
    #expect(chart(s.redraw(.plot(kind: "landscape", index: nil)))?.spec == slice.spec)
    // Another seed, other directions.
    learner.run(s, ["set seed 4"])
    let other = try #require(chart(learner.run(s, ["plot landscape"])))
    #expect(other.spec != slice.spec)
  }

  @Test func theLineFromTheStartAndItsErrors() throws {
    let s = learner.session()
    learner.run(s, ["data moons", "model 2-16-2"])
    #expect(errors(learner.run(s, ["plot landscape line"], errorsAllowed: true)) == ["the run is still at its start (step 0): train it first, or name another run"])
    learner.run(s, ["train 100"])
    let drawn = try #require(chart(learner.run(s, ["plot landscape line"])))
    #expect(drawn.title == "training loss on the line from step 0 to step 100, 200 examples · step 100")
    #expect(errors(learner.run(s, ["plot landscape line nobody"], errorsAllowed: true)) == ["no run called nobody; the runs are main"])
    #expect(errors(learner.run(s, ["plot landscape line main"], errorsAllowed: true)).first?.hasPrefix("main is the current run") == true)
    #expect(errors(learner.run(s, ["plot landscape flat"], errorsAllowed: true)).first?.hasPrefix("the landscape is `plot landscape` or `plot landscape line [RUN]`") == true)
  }

  /// The two charts at two widths, exactly: a line with both ends marked, a slice with its
  /// scale and the current point.
  @Test func theLandscapeChartsDrawnExactly() {
    let ts = (0...30).map { Double($0 - 5) / 20 }
    let losses = ts.map { t in 0.1 + 0.6 * t * (1 - t) * (t > 0 && t < 1 ? 1 : -0.2) + 0.05 * t }
    let line = ChartSpec.line(Plots.landscapeLine(ts, losses, from: "fast", to: "main"))
    let axis = (0...16).map { Double($0 - 8) / 8 }
    let values = axis.reversed().flatMap { b in axis.map { a in 0.2 + a * a + 0.5 * b * b + 0.3 * a * b } }
    let slice = ChartSpec.heatMap(Plots.landscapeSlice(alphas: axis, betas: axis.reversed(), losses: values))
    for (name, spec) in [("line", line), ("slice", slice)] {
      for (w, h) in [(40, 12), (72, 18)] {
        let lines = spec.render(width: w, height: h, style: .ascii).lines()
        ModelPlotsGolden.check(lines, named: "landscape-\(name)-\(w)x\(h)")
      }
    }
  }
}

/// This target's golden files, in `__Snapshots__/` next to this file.
let ModelPlotsGolden = SnapshotFolder(nextTo: #filePath)
