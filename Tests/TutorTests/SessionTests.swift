import Datasets
import Engine
import Foundation
import Testing
import Tutor

/// The session driven by lines, as a learner would type them.
@Suite struct SessionTests {
  static let root: URL = {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
      dir = dir.deletingLastPathComponent()
    }
    return dir
  }()

  func session() -> Session {
    Session(locations: DataLocations(
      embedded: SessionTests.root.appendingPathComponent("Lessons/data").path, userData: "/nonexistent"))
  }

  /// Runs lines and returns all outputs; fails the test on any error unless allowed.
  @discardableResult
  func run(_ s: Session, _ lines: [String], errorsAllowed: Bool = false) -> [Output] {
    var all: [Output] = []
    for line in lines {
      let out = s.execute(line: line)
      if !errorsAllowed {
        for case .error(let message) in out { Issue.record("\(line): \(message)") }
      }
      all += out
    }
    return all
  }

  func text(_ outputs: [Output]) -> String {
    outputs.compactMap { output -> String? in
      switch output {
      case .text(let lines): return lines.joined(separator: "\n")
      case .table(let t): return t.lines().joined(separator: "\n")
      case .error(let m): return "error: " + m
      case .chart(_, let title, _): return "[chart] " + title
      }
    }.joined(separator: "\n")
  }

  @Test func fittingALineByHandReportsTheLoss() throws {
    let s = session()
    run(s, ["data apartments", "model linear"])
    let out = text(run(s, ["set w 4", "set b 60"]))
    #expect(out.contains("w = 4   training loss (MSE) "), "\(out)")
    #expect(out.contains("b = 60   training loss (MSE) "), "\(out)")
    let trainer = try #require(s.trainer)
    #expect(trainer.network.denseLayers[0].weights.value.values == [4])
    #expect(trainer.network.denseLayers[0].bias.value.values == [60])
    #expect(trainer.history.markers.map(\.label) == ["w 4", "b 60"])
  }

  @Test func stepShowsTheUpdateInNumbers() throws {
    let s = session()
    run(s, ["data apartments scale=standard", "model linear", "set lr 0.1"])
    let out = text(run(s, ["step"]))
    #expect(out.contains("∂L/∂w = "), "\(out)")
    #expect(out.contains("w ← w − lr·∂L/∂w = -0.02682 − 0.1 × (-357.1) = 35.68"), "\(out)")
    #expect(out.contains("b ← b − lr·∂L/∂b = 0 − 0.1 × (-833.4) = 83.34"), "\(out)")
  }

  @Test func gradientDescentReachesTheClosedForm() throws {
    let s = session()
    run(s, ["data apartments scale=standard", "model linear", "set lr 0.1", "set batch 1000", "train 400 steps"])
    let trainer = try #require(s.trainer)
    let d = try #require(s.dataset)
    guard case .values(let t) = d.train.targets(0..<d.train.count) else { Issue.record("not regression"); return }
    let fit = try #require(LeastSquares.fit(features: d.train.features(0..<d.train.count), targets: t))
    let w = Double(trainer.network.denseLayers[0].weights.value.values[0])
    #expect(abs(w - fit.weights[0]) / abs(fit.weights[0]) < 1e-3)
  }

  @Test func rewindThenStepReproducesTheSameNumbers() throws {
    let s = session()
    run(s, ["data mnist-5k", "model 784-16-10", "set optimizer momentum", "set dropout 0.2", "train 120 steps"])
    let first = text(run(s, ["step 3"]))
    let weights = s.trainer?.network.parameters.map(\.value)
    let rewound = text(run(s, ["rewind 3"]))
    #expect(rewound == "rewound 3 steps: now at step 120")
    let second = text(run(s, ["step 3"]))
    #expect(first == second)
    #expect(s.trainer?.network.parameters.map(\.value) == weights)
    // Rewinding past a checkpoint interval replays from the one before.
    run(s, ["rewind 70", "train 70 steps"])
    #expect(s.trainer?.network.parameters.map(\.value) == weights)
  }

  @Test func forkedRunsAreIndependentAndComparable() throws {
    let s = session()
    run(s, ["data xor", "model 2-8-2", "train 20 steps", "fork fast", "set lr 0.5", "train 20 steps"])
    #expect(s.runNames == ["fast", "main"])
    let fast = try #require(s.trainer)
    #expect(fast.hyper.learningRate == 0.5)
    run(s, ["use main"])
    #expect(s.trainer?.hyper.learningRate == 0.01)
    #expect(s.trainer?.steps == 20)
    let out = run(s, ["compare main fast"])
    #expect(out.contains { if case .chart(_, let title, _) = $0 { return title == "loss: main vs fast" }; return false })
  }

  @Test func divergenceIsExplained() throws {
    let s = session()
    run(s, ["data apartments", "model linear", "set lr 100"])
    let out = text(run(s, ["train 20 steps"], errorsAllowed: true))
    #expect(out.contains("diverged at step"), "\(out)")
    #expect(out.contains("Use `rewind` or `reset` to go on."), "\(out)")
    // The session still works.
    let after = text(run(s, ["set lr 0.0001", "reset", "step"]))
    #expect(after.contains("step 1 (epoch 1)"), "\(after)")
  }

  @Test func badValuesChangeNothing() throws {
    let s = session()
    run(s, ["data mnist-5k", "model 784-32-10"])
    let before = s.trainer?.network.parameters.map(\.value)
    let cases: [(String, String)] = [
      ("set lr 0", "lr must be a number greater than 0 (got 0.0)"),
      ("set lr -1", "lr must be a number greater than 0 (got -1.0)"),
      ("set batch 0", "batch must be between 1 and 1,000,000 (got 0)"),
      ("set optimizer rmsprop", "optimizer must be sgd, momentum, nesterov or adam (got 'rmsprop')"),
      ("model 784-1000000000-10", "invalid model: layer size 1000000000 is larger than the limit of 1,000,000"),
      ("model 100-10", "model and data do not fit: the model takes 100 inputs but the training data has 784 features"),
      ("predict 3", "`predict VALUE` needs data with one feature; this data has 784: use `predict #INDEX`"),
      ("predict #5000", "there is no test example #5000: the test set has 1000 (#0 to #999)"),
      ("use nobody", "no run called nobody; the runs are main"),
    ]
    for (line, expected) in cases {
      let out = s.execute(line: line)
      #expect(out == [.error(expected)], "\(line)")
    }
    #expect(s.trainer?.network.parameters.map(\.value) == before)
    #expect(s.trainer?.hyper.learningRate == 0.01)
    #expect(s.settings.modelSpec == "784-32-10")
  }

  @Test func saveAndLoadRoundTrip() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mltutor-session-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("m.mlt").path
    let s = session()
    run(s, ["data moons", "model 2-8-2 activation=tanh", "set lr 0.2", "train 30 steps", "save \(path)"])
    let weights = s.trainer?.network.parameters.map(\.value)
    let t = session()
    let out = text(run(t, ["load \(path)"]))
    #expect(out.hasPrefix("loaded 2-8-2 tanh"), "\(out)")
    #expect(t.trainer?.network.parameters.map(\.value) == weights)
    #expect(t.trainer?.hyper.learningRate == 0.2)
    #expect(t.settings.dataName == "moons")
    // A broken file is refused and the session keeps what it had.
    let broken = dir.appendingPathComponent("broken.mlt").path
    try Data("mltutor-model 1\n{".utf8).write(to: URL(fileURLWithPath: broken))
    let bad = t.execute(line: "load \(broken)")
    #expect(bad.count == 1 && bad[0].isError)
    #expect(t.trainer?.network.parameters.map(\.value) == weights)
  }

  @Test func landscapeBallRollsIntoTheNearestValley() throws {
    let s = session()
    run(s, ["data two-valleys", "set x 2", "set lr 0.01", "train 500 steps"])
    let ball = try #require(s.ball)
    let nearest = try #require(ball.nearestMinimum)
    #expect(abs(ball.position[0] - nearest.position[0]) < 1e-3)
  }
}
