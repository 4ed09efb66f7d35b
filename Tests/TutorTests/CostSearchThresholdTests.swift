import Datasets
import Engine
import Foundation
import Testing

@testable import Tutor

/// `cost`, `search` and `threshold`, driven by lines as a learner types them.
@Suite struct CostSearchThresholdTests {
  let support = SessionTests()

  func weights(_ s: Session) -> [[Float]] {
    s.trainer?.network.parameters.map(\.value.values) ?? []
  }

  // MARK: - cost

  @Test func costCountsFromTheLayerSizesAndLeavesTheRunAlone() throws {
    let s = support.session()
    support.run(s, ["data moons", "model 2-16-16-2", "set optimizer adam", "train 10"])
    let before = weights(s)
    let out = support.text(support.run(s, ["cost"]))
    // The count in the row that starts with `name`.
    func count(_ name: String) -> String? {
      let line = out.split(separator: "\n").first { $0.hasPrefix(name + "  ") }
      return line?.dropFirst(name.count).split(separator: " ").first.map(String.init)
    }
    // F = 2·16 + 16·16 + 16·2 = 320; a step of 32: 32 × (3·320 − 32) = 29,696.
    #expect(count("multiply-adds, inference") == "320", "\(out)")
    #expect(count("multiply-adds, training step") == "29,696")
    #expect(count("parameters") == "354")
    #expect(count("parameter bytes") == "1,416")
    #expect(count("optimizer bytes") == "2,832")
    #expect(out.contains("32 × (F forward + 2F − 32 backward)"))
    let speed = try #require(s.measured.speed)
    #expect(speed.inferencePerSecond > 0)
    #expect((speed.trainingPerSecond ?? 0) > 0)
    print("cost 2-16-16-2: inference \(speed.inferencePerSecond) /s, training \(speed.trainingPerSecond ?? 0) /s, ratio \(speed.inferencePerSecond / (speed.trainingPerSecond ?? 1))")
    #expect(weights(s) == before, "cost trains a copy, never the run")
    #expect(s.trainer?.steps == 10)
  }

  @Test func costOfTheDigitNetworkAndItsRatio() throws {
    let s = support.session()
    support.run(s, ["data mnist-5k", "model 784-64-10", "cost"])
    let speed = try #require(s.measured.speed)
    let training = try #require(speed.trainingPerSecond)
    print("cost 784-64-10 batch 32: inference \(Int(speed.inferencePerSecond)) /s, training \(Int(training)) /s, ratio \(speed.inferencePerSecond / training)")
    #expect(speed.inferencePerSecond > training, "an example costs more to train on than to infer")
    #expect(s.trainer?.steps == 0)
  }

  // MARK: - search

  @Test func aGridTriesEveryCombinationFromTheSeedAndRanksThem() throws {
    let s = support.session()
    support.run(s, ["data moons", "model 2-16-2"])
    let out = support.text(support.run(s, ["search lr=0.01,0.1,1 batch=16,64 steps=40"]))
    let result = try #require(s.measured.search)
    #expect(result.metric == "test loss")
    #expect(result.trials.count == 6)
    #expect(Set(result.trials.map(\.run)) == Set((1...6).map { "trial\($0)" }))
    let losses = result.trials.map(\.loss)
    #expect(losses == losses.sorted(), "ranked best first: \(losses)")
    #expect(s.currentRunName == "main" && s.trainer?.steps == 0, "the search leaves the current run as it was")
    #expect(s.runNames.count == 7)
    #expect(out.contains("grid: 6 trials × 40 steps"), "\(out)")
    // trial1 is lr 0.01 batch 16: trained by hand from the seed, the same bits.
    let first = try #require(result.trials.first { $0.run == "trial1" })
    #expect(first.values == ["0.01", "16"])
    support.run(s, ["set lr 0.01", "set batch 16", "train 40"])
    let byHand = try #require(s.trainer.flatMap { t in t.test.map { t.network.evaluate($0).loss } })
    #expect(byHand == first.loss)
    // The same search in a fresh session gives the same numbers.
    let again = support.session()
    support.run(again, ["data moons", "model 2-16-2", "search lr=0.01,0.1,1 batch=16,64 steps=40"])
    #expect(again.measured.search?.trials.map(\.run) == result.trials.map(\.run))
    #expect(again.measured.search?.trials.map(\.loss.bitPattern) == result.trials.map(\.loss.bitPattern))
  }

  @Test func aRandomSearchDrawsLogUniformlyFromTheSeed() throws {
    let s = support.session()
    support.run(s, ["data moons", "model 2-16-2", "search lr=0.001..1 trials=5 steps=20"])
    let result = try #require(s.measured.search)
    #expect(result.trials.count == 5)
    for t in result.trials {
      let lr = try #require(Double(t.values[0]))
      #expect(lr >= 0.001 && lr <= 1)
      #expect(abs(t.learningRate - lr) < 1e-6 * lr, "the trial trains with the value it shows")
    }
    let again = support.session()
    support.run(again, ["data moons", "model 2-16-2", "search lr=0.001..1 trials=5 steps=20"])
    #expect(again.measured.search?.trials.map(\.values) == result.trials.map(\.values))
    #expect(again.measured.search?.trials.map(\.loss.bitPattern) == result.trials.map(\.loss.bitPattern))
    // Another seed draws other values.
    support.run(again, ["set seed 3", "search lr=0.001..1 trials=5 steps=20"])
    let drawn: [String] = (again.measured.search?.trials ?? []).map { $0.values[0] }.sorted()
    let first: [String] = result.trials.map { $0.values[0] }.sorted()
    #expect(drawn.count == 5 && drawn != first)
    // A second search replaces the first one's trials.
    #expect(again.runNames == ["main", "trial1", "trial2", "trial3", "trial4", "trial5"])
  }

  @Test func searchRefusesInOneLine() {
    let s = support.session()
    support.run(s, ["data moons", "model 2-16-2"])
    let cases = [
      ("search lr=0.1,1 steps=15000", "over the limit of 20,000 steps"),
      ("search steps=10", "search needs a setting to vary"),
      ("search speed=1,2", "search cannot vary 'speed'"),
      ("search lr=0..1", "a range is LOW..HIGH with 0 < LOW < HIGH"),
      ("search lr=0.1,fast", "'fast' is not a number"),
      ("search batch=16,0", "batch must be from 1"),
      ("search lr=0.1,1 trials=3", "trials= is for ranges"),
      ("search optimizer=sgd,rmsprop", "'rmsprop' is not sgd"),
      ("search lr=0.001..1 trials=40", "too many"),
    ]
    for (line, expected) in cases {
      let out = s.execute(line: line)
      guard out.count == 1, case .error(let message) = out[0] else {
        Issue.record("\(line): \(out)")
        continue
      }
      #expect(message.contains(expected), "\(line): \(message)")
      #expect(!message.contains("\n"))
    }
    #expect(s.runNames == ["main"])
  }

  // MARK: - threshold

  @Test func thresholdCutsEstimatesAndTargetsAlike() throws {
    let s = support.session()
    support.run(s, ["data cat scale=standard", "model linear", "set lr 0.1", "train 300", "threshold 3.5,6.5"])
    let result = try #require(s.measured.threshold)
    let trainer = try #require(s.trainer)
    let test = try #require(trainer.test)
    // By hand: the class of each estimate and of each target.
    let estimates = trainer.network.predict(test.features(0..<test.count))
    guard case .values(let targets) = test.targets(0..<test.count) else { return }
    var right = 0
    for i in 0..<test.count {
      let e = estimates[i, 0] < 3.5 ? 0 : estimates[i, 0] < 6.5 ? 1 : 2
      let t = targets[i, 0] < 3.5 ? 0 : targets[i, 0] < 6.5 ? 1 : 2
      if e == t { right += 1 }
    }
    #expect(result.testAccuracy == Double(right) / Double(test.count))
    #expect(result.cuts == [3.5, 6.5])
    print("cat: thresholded linear regression, test accuracy \(result.testAccuracy ?? 0)")
    let again = support.session()
    support.run(again, ["data cat scale=standard", "model linear", "set lr 0.1", "train 300", "threshold 3.5,6.5"])
    #expect(again.measured.threshold == result)
    // The same objects as classes: a classifier trained directly, for comparison.
    support.run(s, ["data cat target=action scale=standard", "model 2-16-3", "set lr 0.1", "train 300"])
    let direct = try #require(s.trainer.flatMap { t in t.test.map { t.network.evaluate($0).accuracy } })
    print("cat: classifier 2-16-3, test accuracy \(direct ?? 0)")
    #expect(s.measured.threshold == result, "a new data set keeps what was measured")
  }

  @Test func thresholdRefusesInOneLine() {
    let s = support.session()
    #expect(s.execute(line: "threshold 6.5,3.5") == [.error("the cuts must go up: 3.5 comes after 6.5; usage: threshold CUT[,CUT...]")])
    #expect(s.execute(line: "threshold") == [.error("where to cut?; usage: threshold CUT[,CUT...]")])
    support.run(s, ["data moons"])
    let out = s.execute(line: "threshold 0.5")
    #expect(out.count == 1 && out[0].isError)
  }

  @Test func theCatSetsShareTheirObjects() throws {
    let locations = DataLocations(embedded: "/nonexistent", userData: "/nonexistent")
    let danger = try DatasetCatalog.load("cat", locations: locations)
    let action = try DatasetCatalog.load("cat", options: ["target": "action"], locations: locations)
    #expect(danger.task == .regression && action.task == .classification)
    #expect(action.classNames == ["approach", "ignore", "run"])
    let x = danger.train.features(0..<danger.train.count)
    #expect(x == action.train.features(0..<action.train.count))
    guard case .values(let d) = danger.train.targets(0..<danger.train.count),
      case .classes(let c) = action.train.targets(0..<action.train.count)
    else { return }
    for i in 0..<c.count {
      #expect(Int(c[i]) == Session.thresholdClass(d[i, 0], [3.5, 6.5]))
    }
  }
}
