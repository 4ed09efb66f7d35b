import Engine
import Foundation
import Testing

/// `mltutor train` with a validation split and with `--folds`: the JSON keys and the same
/// numbers on every kernel path and thread count.
@Suite struct ValidationCommandTests {
  @Test func aValidationSplitAddsItsKeysAndColumns() throws {
    let args = ["train", "--data", "moons", "-o", "val=0.2", "--model", "2-8-2", "--lr", "0.3", "--epochs", "2"]
    let json = try Binary.run(args + ["--json"])
    #expect(json.status == 0, "\(json.stderr)")
    let lines = try jsonLines(json.stdout)
    try #require(lines.count == 2)
    #expect(
      Set(lines[0].keys) == [
        "epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "test_loss", "test_accuracy",
        "samples_per_second", "steps_by_threads",
      ])
    let text = try Binary.run(args)
    #expect(text.stdout.hasPrefix("epoch  train loss  train acc  val loss  val acc  test loss  test acc  samples/s\n"), "\(text.stdout)")
  }

  /// A regression's lines keep within 80 columns with a validation column: the test loss (the
  /// test RMSE squared) gives way.
  @Test func aRegressionWithValidationStaysWithin80Columns() throws {
    let args = ["train", "--data", "apartments", "-o", "val=0.2", "-o", "scale=standard", "--model", "linear", "--epochs", "2"]
    let text = try Binary.run(args)
    #expect(text.status == 0, "\(text.stderr)")
    let lines = text.stdout.split(separator: "\n")
    #expect(lines.first == "epoch  train loss  train rmse  val rmse  test rmse  test r2  samples/s")
    #expect(lines.count == 3 && lines.allSatisfy { $0.count <= 80 }, "\(text.stdout)")
  }

  @Test func foldsReportEachFoldThenTheMeanAndSpreadTheSameEverywhere() throws {
    let args = ["train", "--data", "moons", "--model", "2-8-2", "--lr", "0.3", "--epochs", "2", "--folds", "4", "--json"]
    var outputs: Set<String> = []
    for path in KernelPath.available {
      for threads in ["1", "3"] {
        let run = try Binary.run(args, environment: ["MLTUTOR_KERNELS": path.rawValue, "MLTUTOR_THREADS": threads])
        #expect(run.status == 0, "\(run.stderr)")
        outputs.insert(run.stdout)
      }
    }
    #expect(outputs.count == 1, "\(outputs)")
    let lines = try jsonLines(try #require(outputs.first))
    try #require(lines.count == 5)
    for (i, line) in lines.prefix(4).enumerated() {
      #expect(Set(line.keys) == ["fold", "train_examples", "val_examples", "val_loss", "val_accuracy"])
      #expect(line["fold"] as? Int == i + 1)
      #expect(line["val_examples"] as? Int == 50)
    }
    let summary = lines[4]
    #expect(Set(summary.keys) == ["cv_folds", "cv_figure", "cv_mean", "cv_std"])
    #expect(summary["cv_folds"] as? Int == 4 && summary["cv_figure"] as? String == "accuracy")
    let figures = lines.prefix(4).compactMap { $0["val_accuracy"] as? Double }
    let mean = try #require(summary["cv_mean"] as? Double)
    #expect(abs(mean - figures.reduce(0, +) / 4) < 1e-9)
  }
}
