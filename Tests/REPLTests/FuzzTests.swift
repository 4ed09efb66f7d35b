import Foundation
import REPL
import Testing
import Tutor

/// 100,000 random and mutated lines through the parser and the session: nothing crashes,
/// and the session still answers afterwards. `MLTUTOR_FUZZ_LINES` and `MLTUTOR_FUZZ_SEED`
/// change the amount and the seed.
struct FuzzTests {
  static let environment = ProcessInfo.processInfo.environment
  static let lineCount = environment["MLTUTOR_FUZZ_LINES"].flatMap(Int.init) ?? 100_000
  static let seed = environment["MLTUTOR_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_240_601

  @Test func randomLinesNeverCrashTheSession() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mltutor-fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    var fuzzer = CommandFuzzer(seed: Self.seed)
    let session = Session(locations: checkoutLocations())
    _ = session.execute(line: "data apartments scale=standard")
    _ = session.execute(line: "model 1-4-1")
    let printer = OutputPrinter(width: 60, style: .unicode)
    var parsed = 0
    var executed = 0
    var errors = 0
    for n in 0..<Self.lineCount {
      let line = fuzzer.line()
      guard let command = try? CommandParser.parse(line) else { continue }
      parsed += 1
      guard let safe = Self.bounded(command, in: directory.path) else { continue }
      // `train` without a count is stopped by its 30th poll, as Ctrl-C would.
      var polls = 0
      let outputs = session.execute(safe, shouldStop: {
        polls += 1
        return polls > 30
      })
      executed += 1
      errors += outputs.filter(\.isError).count
      // Draw a sample of the outputs too, charts included.
      if n % 7 == 0 { _ = printer.lines(outputs) }
    }
    #expect(parsed > Self.lineCount / 4, "parsed \(parsed)")
    #expect(executed > Self.lineCount / 5, "executed \(executed)")
    #expect(errors > 0)
    // Whatever state it is in, the session still answers; with data and a model, with numbers.
    _ = session.execute(line: "eval")
    for line in ["data apartments", "model linear"] {
      let outputs = session.execute(line: line)
      #expect(outputs.allSatisfy { !$0.isError }, "\(line): \(outputs)")
    }
    let eval = session.execute(line: "eval")
    guard case .table(let table)? = eval.first else {
      Issue.record("eval gave \(eval)")
      return
    }
    #expect(table.rows.count == 2)
  }

  /// The command, with its file moved into `directory`, or nil when it would take long:
  /// more than 100 steps, more than 2 epochs, large data sets or models.
  static func bounded(_ command: Command, in directory: String) -> Command? {
    func file(_ path: String) -> String {
      directory + "/f\(path.unicodeScalars.reduce(0) { $0 &+ Int($1.value) } % 5)"
    }
    switch command {
    case .step(let n): return n <= 100 ? command : nil
    case .train(.steps(let n)): return n <= 100 ? command : nil
    case .train(.epochs(let n)): return n <= 2 ? command : nil
    case .data(let name, let options):
      guard !name.hasPrefix("mnist"), name != "fashion" else { return nil }
      let big = options.values.contains { Double($0).map { !($0 <= 2000) } ?? false }
      return big ? nil : command
    case .model(let spec, _):
      let sizes = spec.split(separator: "-").map { Int($0) ?? 0 }
      return sizes.contains { $0 > 64 } ? nil : command
    case .save(let path): return .save(file(path))
    case .load(let path): return .load(file(path))
    case .export(let format, let path): return .export(format: format, path: file(path))
    default: return command
    }
  }
}
