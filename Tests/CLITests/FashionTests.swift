import Foundation
import Testing

/// Fashion-MNIST (Debian's dataset-fashion-mnist, installed by `make test`): accuracy with
/// the course's settings, and the memory the 70,000 images take.
///
/// Reference figures at exactly these settings, from `Benchmarks/reference_mlp.py` and a numpy
/// softmax regression with Adam: the MLP ends epoch 10 at 0.850 (lr 0.05 with momentum 0.9 is
/// aggressive: test accuracy swings about ±1 point from epoch to epoch), softmax regression at
/// 0.846–0.848 over three seeds with epoch-to-epoch swings of ±0.5 point. The bounds below
/// leave room for those swings and no more.
@Suite(.serialized) struct FashionTests {
  static let available = FileManager.default.fileExists(
    atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

  func accuracies(_ extra: [String]) throws -> [Double] {
    let run = try Binary.run(
      ["train", "--data", "fashion", "--batch", "32", "--seed", "0", "--epochs", "10", "--json"]
        + extra)
    #expect(run.status == 0, "\(run.stderr)")
    return try jsonLines(run.stdout).compactMap { $0["test_accuracy"] as? Double }
  }

  @Test(.enabled(if: available, "dataset-fashion-mnist is not installed"))
  func mlpWithMomentum() throws {
    let acc = try accuracies([
      "--model", "784-128-64-10", "--activation", "relu", "--optimizer", "momentum",
      "--momentum", "0.9", "--lr", "0.05",
    ])
    try #require(acc.count == 10)
    let lastThree = acc.suffix(3).reduce(0, +) / 3
    #expect(acc[9] >= 0.85, "epoch 10 test accuracy \(acc[9]); all epochs \(acc)")
    #expect(lastThree >= 0.85, "mean of epochs 8–10 \(lastThree); all epochs \(acc)")
  }

  @Test(.enabled(if: available, "dataset-fashion-mnist is not installed"))
  func softmaxRegressionWithAdam() throws {
    let acc = try accuracies(["--model", "784-10", "--optimizer", "adam", "--lr", "0.001"])
    try #require(acc.count == 10)
    let lastFive = acc.suffix(5).reduce(0, +) / 5
    #expect(acc[9] >= 0.83, "epoch 10 test accuracy \(acc[9]); all epochs \(acc)")
    #expect(lastFive >= 0.838, "mean of epochs 6–10 \(lastFive); all epochs \(acc)")
  }

  @Test(.enabled(if: available, "dataset-fashion-mnist is not installed"),
    .enabled(if: ProcessInfo.processInfo.environment["MLTUTOR_SANITIZER"] == nil, "a sanitizer's own memory is in the peak"))
  func peakMemoryWithAllImagesLoaded() throws {
    guard let binary = Binary.path else { throw Binary.MissingBinary() }
    // /usr/bin/time -f %M prints the child's peak resident set size in kilobytes.
    let run = try Binary.runProgram(
      "/usr/bin/time",
      ["-f", "%M", binary, "train", "--data", "fashion", "--model", "784-128-64-10",
       "--epochs", "1", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let last = run.stderr.split(separator: "\n").last.map(String.init) ?? ""
    let kilobytes = try #require(Int(last), "time printed \(run.stderr)")
    #expect(kilobytes <= 120 * 1024, "peak RSS \(kilobytes) kB")
  }
}
