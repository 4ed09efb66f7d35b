import Engine
import Foundation
import Testing

/// Saving and loading from the command line, and the one-line messages for what a learner
/// gets wrong: each test is a case that once failed silently, crashed or said too little.
@Suite(.serialized) struct SavingAndMessageTests {
  // MARK: train --save

  @Test func aModelSavedByTrainReloadsWithItsDataSettings() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("a.mlt").path
    let trained = try Binary.run([
      "train", "--data", "apartments", "--model", "linear", "--lr", "0.1", "--epochs", "2000",
      "--batch", "50", "-o", "scale=standard", "--save", model, "--json",
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    let r2 = try #require(try jsonLines(trained.stdout).last?["test_r2"] as? Double)
    let script = try InputHardeningTests.write("load \(model)\neval\npredict 100\n", "s.mlt", in: dir)
    let run = try Binary.run(["repl", script.path])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map(String.init)
    let test = try #require(lines.first { $0.hasPrefix("test ") }).split(separator: " ")
    let reloaded = try #require(Double(test.last ?? ""))
    #expect(abs(reloaded - r2) < 0.001, "R² after reloading \(reloaded), when trained \(r2)")
    let price = try #require(Double(lines.last?.split(separator: " ").last ?? ""))
    #expect(price > 300 && price < 700, "a 100 m² flat: \(price) k€")
  }

  @Test func aSavePathThatCannotBeWrittenIsRefusedBeforeTraining() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notes = try InputHardeningTests.write("my notes\n", "notes.txt", in: dir)
    let cases = [
      (dir.path, "\(dir.path): is a folder: give a file name, such as \(dir.path)/model.mlt"),
      ("/nonexistent-mltutor/x.mlt", "/nonexistent-mltutor/x.mlt: the folder /nonexistent-mltutor does not exist"),
      (notes.path, "\(notes.path): exists and is not an mltutor model file: choose another name, or remove it first"),
    ]
    for (path, message) in cases {
      let run = try Binary.run(["train", "--data", "mnist-5k", "--model", "784-10", "--epochs", "3", "--save", path])
      #expect(run.status == 1)
      #expect(run.stderr == "mltutor: \(message)\n")
      #expect(run.stdout.isEmpty, "nothing was trained: \(run.stdout)")
    }
    #expect(try String(contentsOf: notes, encoding: .utf8) == "my notes\n")
  }

  @Test func savesFitAnyNameAndCleanUpAfterKilledSaves() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // What a save killed before its rename leaves: a temporary file named for its process.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    let leftover = ".mlt-\(process.processIdentifier)-k1lled"
    #expect(FileManager.default.createFile(atPath: dir.appendingPathComponent(leftover).path, contents: Data(count: 4096)))
    let long = String(repeating: "m", count: 251) + ".mlt"
    let script = try InputHardeningTests.write("data xor\nmodel 2-8-2\nsave \(long)\nsave \(dir.path)\n", "s.mlt", in: dir)
    let run = try Binary.run(["repl", script.path], directory: dir)
    #expect(run.stderr == "line 4: \(dir.path): is a folder: give a file name, such as \(dir.path)/model.mlt\n")
    #expect(run.stdout.contains("saved 2-8-2 relu (42 parameters) to \(long)"), "\(run.stdout)")
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(left == [long, "s.mlt"], "the killed save's file is gone, nothing else is left")
  }

  @Test func loadingNamesTheFileAndTheSetting() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var g = SeededGenerator(seed: 0)
    let net = try Network(Architecture(sizes: [1, 1], task: .regression), initializer: .zeros, generator: &g)
    func saved(_ name: String, _ metadata: [String: String]) throws -> String {
      let path = dir.appendingPathComponent(name).path
      try Data(ModelFile.encode(net, metadata: metadata)).write(to: URL(fileURLWithPath: path))
      return path
    }
    let negative = try saved("lr.mlt", ["data": "apartments", "lr": "-1"])
    let word = try saved("batch.mlt", ["data": "apartments", "batch": "many"])
    let moons = try saved("moons.mlt", ["data": "moons", "model": "1-2"])
    let script = try InputHardeningTests.write("load \(negative)\nload \(word)\nload \(moons)\n", "s.mlt", in: dir)
    let run = try Binary.run(["repl", script.path])
    #expect(
      run.stderr == """
        line 1: \(negative): the saved setting lr must be a number greater than 0 (got -1.0)
        line 2: \(word): the saved setting batch is 'many', not a whole number
        line 3: \(moons): model and data do not fit: the model takes 1 inputs but the training data has 2 features

        """)
  }

  // MARK: messages

  @Test func csvCellsAndValuesAtTheLimits() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cell = try InputHardeningTests.write("x,y\n1,2\n3,4\n" + String(repeating: "a", count: 5_000_000) + ",5\n", "cell.csv", in: dir)
    let bad = try Binary.run(["data", "info", "csv:\(cell.path):y"])
    #expect(bad.status == 1)
    #expect(
      bad.stderr == "mltutor: \(cell.path):4:1: \"\(String(repeating: "a", count: 40))…\" (5,000,000 characters) is not a number (column \"x\")\n")
    // Sizes near ±3e38: standardising them must not overflow into a "divergence".
    let rows = (0..<100).map { $0 % 10 == 0 ? "3e38,1.5" : "-3e38,0.5" }.joined(separator: "\n")
    let extreme = try InputHardeningTests.write("size,y\n" + rows + "\n", "extreme.csv", in: dir)
    let run = try Binary.run(["train", "--data", "csv:\(extreme.path):y", "--lr", "0.1", "--epochs", "2", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let loss = try #require(try jsonLines(run.stdout).last?["train_loss"] as? Double)
    #expect(loss < 1, "the standardised sizes explain y: loss \(loss)")
  }

  @Test func everyArgumentErrorOfTrainIsOneLineAndStatus1() throws {
    for args in [["--seed=-1"], ["--epochs", "many"], ["--no-such-option"], []] {
      let run = try Binary.run(["train"] + (args.isEmpty ? [] : ["--data", "xor"]) + args)
      #expect(run.status == 1, "\(args): \(run.stderr)")
      #expect(run.stderr.hasPrefix("mltutor: "), "\(args): \(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count == 1, "\(args): \(run.stderr)")
    }
  }

  @Test func theHelpsApartmentsExampleTrains() throws {
    let help = try Binary.run(["train", "--help"])
    let line = try #require(help.stdout.split(separator: "\n").first { $0.contains("--data apartments") })
    let words = line.split(separator: " ").map(String.init)
    #expect(words.first == "mltutor")
    let run = try Binary.run(Array(words.dropFirst()) + ["--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let last = try #require(try jsonLines(run.stdout).last)
    let r2 = try #require(last["test_r2"] as? Double)
    #expect(r2 > 0.5, "the example fits the flats: R² \(r2)")
  }

  @Test func anEmptyTestSplitIsNoTestData() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = try InputHardeningTests.write("x,y\n1,2\n2,4\n3,6\n4,8\n", "t.csv", in: dir)
    let args = ["train", "--data", "csv:\(csv.path):y", "-o", "test=0", "-o", "task=regression", "--epochs", "1"]
    let text = try Binary.run(args)
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.hasPrefix("epoch  train loss  train rmse  samples/s  (no test data)\n"), "\(text.stdout)")
    let json = try jsonLines(Binary.run(args + ["--json"]).stdout)
    for key in ["test_loss", "test_rmse", "test_r2"] {
      #expect(json.first?[key] is NSNull, "\(key): \(json)")
    }
  }

  @Test func lessonsWithWindowsLineEndsPassTheirCheck() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lesson = Binary.packageRoot.appendingPathComponent("Lessons/01-welcome.md")
    let text = try String(contentsOf: lesson, encoding: .utf8)
    _ = try InputHardeningTests.write(text.replacingOccurrences(of: "\n", with: "\r\n"), "01-welcome.md", in: dir)
    let run = try Binary.run(["lessons", "check", dir.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasSuffix("no problems\n"), "\(run.stdout)")
  }
}
