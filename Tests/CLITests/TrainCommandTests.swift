import Datasets
import Engine
import Foundation
import Testing

/// `mltutor train` end to end: the accuracies the course relies on, the output formats, and
/// the one-line errors for impossible settings.
@Suite(.serialized) struct TrainCommandTests {
  /// The fastest kernel path this machine has, and the portable one.
  static let accuracyPaths = Array(Set([KernelPath.available.last ?? .portable, .portable])).sorted {
    $0.rawValue < $1.rawValue
  }

  /// On the fastest path and on the portable one (which any CPU has); every path prints the
  /// same numbers.
  @Test(arguments: accuracyPaths)
  func mnist5kMLPReachesReferenceAccuracy(_ path: KernelPath) throws {
    // An independent numpy trainer (Benchmarks/reference_mlp.py) reaches 0.93–0.95 here.
    let run = try Binary.run(
      [
        "train", "--data", "mnist-5k", "--model", "784-128-64-10", "--activation", "relu",
        "--optimizer", "momentum", "--momentum", "0.9", "--lr", "0.05", "--batch", "32",
        "--seed", "0", "--epochs", "10", "--json",
      ], environment: ["MLTUTOR_KERNELS": path.rawValue])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = try jsonLines(run.stdout)
    try #require(lines.count == 10)
    for (i, line) in lines.enumerated() {
      #expect(
        Set(line.keys)
          == [
            "epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "samples_per_second",
            "steps_by_threads",
          ])
      #expect(line["epoch"] as? Int == i + 1)
    }
    let accuracy = try #require(lines.last?["test_accuracy"] as? Double)
    #expect(accuracy >= 0.93, "test accuracy \(accuracy)")
    #expect(run.stderr.isEmpty, "no progress bar when stderr is not a terminal: \(run.stderr)")
  }

  @Test func sameSeedSameNumbers() throws {
    let args = [
      "train", "--data", "mnist-5k", "--model", "784-32-10", "--optimizer", "momentum",
      "--epochs", "2", "--dropout", "0.2", "--seed", "7", "--json",
    ]
    let first = try jsonLines(Binary.run(args).stdout)
    let second = try jsonLines(Binary.run(args).stdout)
    try #require(first.count == 2 && second.count == 2)
    for (a, b) in zip(first, second) {
      for key in ["train_loss", "train_accuracy", "test_loss", "test_accuracy"] {
        #expect(a[key] as? Double == b[key] as? Double, "\(key)")
      }
    }
    let other = try jsonLines(Binary.run(args.dropLast(2) + ["8", "--json"]).stdout)
    #expect(other.first?["train_loss"] as? Double != first.first?["train_loss"] as? Double)
  }

  /// Each epoch's JSON says how many of its steps ran on each thread count: every step (mnist-5k's
  /// 4,000 training examples make 125 batches of 32), on the count `--threads` chose, or on the
  /// counts the timing chose without it.
  @Test(arguments: [1, 2, nil] as [Int?])
  func stepsByThreadsCountEveryStep(_ threads: Int?) throws {
    let args = [
      "train", "--data", "mnist-5k", "--model", "784-32-10", "--batch", "32", "--epochs", "2", "--json",
    ]
    let run = try Binary.run(args + (threads.map { ["--threads", String($0)] } ?? []))
    #expect(run.status == 0, "\(run.stderr)")
    let lines = try jsonLines(run.stdout)
    try #require(lines.count == 2)
    for line in lines {
      let steps = try #require(line["steps_by_threads"] as? [String: Int], "\(line)")
      if let threads {
        #expect(steps == [String(threads): 125])
      } else {
        #expect(steps.values.reduce(0, +) == 125)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(steps.keys.allSatisfy { Int($0).map { (1...max(1, cores)).contains($0) } ?? false }, "\(steps)")
      }
    }
  }

  @Test func textOutputHasOneLinePerEpoch() throws {
    let run = try Binary.run([
      "train", "--data", "mnist-5k", "--model", "784-10", "--epochs", "2", "--lr", "0.1",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "a header, then one line per epoch: \(lines)")
    #expect(lines.first == "epoch  train loss  train acc  test loss  test acc  samples/s")
    #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
    // Each figure sits under its heading: the line's fields end where the header's do.
    for line in lines.dropFirst() {
      let fields = line.split(separator: " ")
      #expect(fields.count == 6 && fields[0] == (line == lines[1] ? "1" : "2"), "\(line)")
      #expect(line.count == lines[0].count, "right-aligned under the header: \(line)")
      #expect(fields.last.map { $0.hasSuffix("k") || $0.hasSuffix("M") || Int($0) != nil } == true, "\(line)")
    }
  }

  @Test func regressionLinesFitEightyColumns() throws {
    let run = try Binary.run([
      "train", "--data", "apartments", "-o", "scale=standard", "--model", "linear", "--lr", "0.1", "--epochs", "3",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "epoch  train loss  train rmse  test loss  test rmse  test r2  samples/s")
    #expect(lines.count == 4 && lines.allSatisfy { $0.count <= 80 }, "\(lines)")
    #expect(lines.dropFirst().allSatisfy { $0.split(separator: " ").count == 7 }, "every figure shown: \(lines)")
  }

  /// A regression network with hidden layers ends in one output, as the REPL's lessons build it;
  /// a classifier with one output is still refused, once the data says it is a classifier.
  @Test func aHiddenLayerRegressionTrainsAndAOneOutputClassifierIsRefused() throws {
    let run = try Binary.run([
      "train", "--data", "apartments", "-o", "scale=standard", "--model", "1-8-1", "--activation", "tanh",
      "--epochs", "2",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.split(separator: "\n").count == 3, "\(run.stdout)")
    let classifier = try Binary.run(["train", "--data", "moons", "--model", "2-8-1", "--epochs", "1"])
    #expect(classifier.status == 1)
    #expect(classifier.stdout.isEmpty)
    #expect(classifier.stderr == "mltutor: invalid model: a classifier needs at least 2 outputs, one per class\n")
  }

  @Test func plotDrawsLossAndProbabilities() throws {
    let run = try Binary.run(
      ["train", "--data", "mnist-5k", "--model", "784-10", "--epochs", "1", "--plot", "--ascii"],
      environment: ["NO_COLOR": "1"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.contains("loss per step (test loss at the end of each epoch)"), "\(run.stdout)")
    #expect(lines.contains { $0.contains("* train") }, "legend: \(run.stdout)")
    #expect(lines.contains("test example #0 (true class 0) and the model's probabilities"))
    // The probability array: ten labelled bars, the argmax and the truth marked.
    #expect(lines.contains { $0.contains("predicted") }, "\(run.stdout)")
    #expect(lines.contains { $0.contains("true") }, "\(run.stdout)")
    #expect(lines.allSatisfy { $0.count <= 120 })
    #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "ASCII only")
  }

  @Test func apartmentsLineMatchesClosedForm() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("line.mlt").path
    let run = try Binary.run([
      "train", "--data", "apartments", "-o", "scale=standard", "--model", "linear",
      "--optimizer", "sgd", "--lr", "0.1", "--batch", "1000000", "--epochs", "300", "--json",
      "--save", file,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let last = try #require(try jsonLines(run.stdout).last)
    #expect(
      Set(last.keys) == [
        "epoch", "train_loss", "train_rmse", "test_loss", "test_rmse", "test_r2", "samples_per_second",
        "steps_by_threads",
      ])
    let (network, metadata) = try ModelFile.load(file)
    #expect(metadata["data"] == "apartments")
    let data = try DatasetCatalog.load(
      "apartments", options: ["scale": "standard"], locations: resolvedLocations())
    let x = data.train.features(0..<data.train.count)
    guard case .values(let t) = data.train.targets(0..<data.train.count) else {
      Issue.record("apartments should be a regression set")
      return
    }
    let fit = try #require(LeastSquares.fit(features: x, targets: t))
    let dense = try #require(network.denseLayers.first)
    let w = Double(dense.weights.value.values[0])
    let b = Double(dense.bias.value.values[0])
    #expect(abs(w - fit.weights[0]) / abs(fit.weights[0]) <= 1e-3, "w \(w) vs \(fit.weights[0])")
    #expect(abs(b - fit.bias[0]) / abs(fit.bias[0]) <= 1e-3, "b \(b) vs \(fit.bias[0])")
  }

  @Test(arguments: [
    (["--model", "784-1000000000-10"], "layer size 1000000000 is larger than the limit"),
    (["--model", "784-x-10"], "is not a model"),
    (["--model", "100-10"], "the model takes 100 inputs but the training data has 784 features"),
    (["--model", "784-12"], "the model has 12 outputs but the training data has 10 classes"),
    (["--lr", "0"], "lr must be a number greater than 0"),
    (["--lr=-1"], "lr must be a number greater than 0"),
    (["--batch", "0"], "batch must be between 1"),
    (["--optimizer", "rmsprop"], "--optimizer must be sgd, momentum, nesterov or adam"),
    (["--dropout", "1"], "dropout must be at least 0 and below 1"),
  ])
  func impossibleSettingsGiveOneLine(extra: [String], message: String) throws {
    let run = try Binary.run(["train", "--data", "mnist-5k", "--epochs", "1"] + extra)
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(run.stderr)")
    #expect(run.stderr.hasPrefix("mltutor: "), "\(run.stderr)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }

  @Test func unknownDataSetIsNamed() throws {
    let run = try Binary.run(["train", "--data", "nosuchset", "--epochs", "1"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("nosuchset"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
  }

  @Test func divergenceIsExplainedNotCrashed() throws {
    let run = try Binary.run([
      "train", "--data", "apartments", "--model", "linear", "--lr", "100", "--epochs", "5",
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("diverged at step"), "\(run.stderr)")
    #expect(run.stderr.contains("learning rate 100"), "\(run.stderr)")
  }
}

/// The data locations of this checkout, as the binary resolves them in a development build.
func resolvedLocations() -> DataLocations {
  DataLocations(
    embedded: Binary.packageRoot.appendingPathComponent("Lessons/data").path,
    userData: DataLocations.userDataDirectory(environment: ProcessInfo.processInfo.environment))
}
