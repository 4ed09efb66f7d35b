import Foundation
import Testing

/// Input written to break mltutor: a lesson whose check nests 10,000 parentheses or 100,000
/// `not`s, a progress file with a step near Int.max. Each is a clear message, never a crash.
@Suite struct HostileInputTests {
  static func lessonFolder(check: String) throws -> URL {
    let folder = try temporaryDirectory()
    try """
      # Deep
      goal: Survive a deep check.

      ## The step
      task: Anything.
      check: \(check)
      hint: `help`
      """.write(to: folder.appendingPathComponent("01-deep.md"), atomically: true, encoding: .utf8)
    return folder
  }

  static let deepChecks = [
    String(repeating: "(", count: 10_000) + "steps > 1" + String(repeating: ")", count: 10_000),
    String(repeating: "not ", count: 100_000) + "diverged",
  ]

  @Test(arguments: deepChecks.indices)
  func aDeepCheckIsReportedAtItsLine(index: Int) throws {
    let folder = try Self.lessonFolder(check: Self.deepChecks[index])
    defer { try? FileManager.default.removeItem(at: folder) }
    let check = try Binary.run(["lessons", "check", folder.path], environment: ["XDG_STATE_HOME": folder.path])
    #expect(check.status == 1, "\(check.stderr)")
    let file = folder.appendingPathComponent("01-deep.md").path
    #expect(check.stdout.contains("\(file):6: the check does not parse at column "), "\(check.stdout)")
    #expect(check.stdout.contains("nests more than 64 levels deep"), "\(check.stdout)")
    // The REPL starts with that course and runs.
    let script = folder.appendingPathComponent("in.mlt")
    try "lessons\n".write(to: script, atomically: true, encoding: .utf8)
    let repl = try Binary.run(["repl", "--lessons", folder.path], environment: ["XDG_STATE_HOME": folder.path], input: script)
    #expect(repl.status == 0, "\(repl.stderr)")
    #expect(repl.stdout.contains("deep"), "\(repl.stdout)")
  }

  @Test func aProgressFileWithAHugeStepIsSetAside() throws {
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let folder = state.appendingPathComponent("mltutor")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("progress.json")
    try """
      {"version":1,"currentLesson":"welcome","lessons":{"welcome":{"step":9223372036854775807,"doneSteps":[0],"completed":true}}}
      """.write(to: file, atomically: true, encoding: .utf8)
    let first = try Binary.run(["lessons"], environment: ["XDG_STATE_HOME": state.path])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("has values out of range (lesson welcome: step 9223372036854775807 is outside"), "\(first.stderr)")
    #expect(first.stderr.contains("kept it as \(file.path).corrupt-1"), "\(first.stderr)")
    #expect(FileManager.default.fileExists(atPath: file.path + ".corrupt-1"))
    // Once set aside, the next start is quiet.
    let second = try Binary.run(["lessons"], environment: ["XDG_STATE_HOME": state.path])
    #expect(second.status == 0 && second.stderr.isEmpty, "\(second.stderr)")
  }

  static func idxHeader(_ dims: [UInt32]) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, 8, UInt8(dims.count)]
    for v in dims { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> $0) } }
    return bytes
  }

  /// An IDX header whose dimensions multiply past 64 bits (2³⁰ × 2³⁰ × 16), and one that
  /// claims a gigabyte over three bytes: each a one-line error, the second without the
  /// gigabyte (the peak memory, as /usr/bin/time measures it, stays far below).
  @Test func hostileIDXHeadersAreOneLineErrors() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let labels = folder.appendingPathComponent("labels.idx")
    try Data([0, 0, 8, 1, 0, 0, 0, 1, 7]).write(to: labels)
    let wrap = folder.appendingPathComponent("wrap.idx")
    try Data(Self.idxHeader([1 << 30, 1 << 30, 16])).write(to: wrap)
    let claims = folder.appendingPathComponent("claims.idx")
    try Data(Self.idxHeader([1, 32768, 32768]) + [1, 2, 3]).write(to: claims)
    for (images, expected) in [(wrap, "is more than 4 GiB of data"), (claims, "too few bytes: expected 1,073,741,824 bytes")] {
      let script = folder.appendingPathComponent("in.mlt")
      try "data idx:\(images.path),\(labels.path)\n".write(to: script, atomically: true, encoding: .utf8)
      guard let binary = Binary.path else { throw Binary.MissingBinary() }
      let run = try Binary.runProgram(
        "/usr/bin/time", ["-f", "peak %M KB", binary, "repl", script.path], environment: ["XDG_STATE_HOME": folder.path])
      #expect(run.status == 1, "\(run.stderr)")
      #expect(run.stderr.contains(expected), "\(run.stderr)")
      let peak = run.stderr.split(separator: "\n").last { $0.hasPrefix("peak ") }
        .flatMap { Int($0.split(separator: " ")[1]) } ?? Int.max
      if ProcessInfo.processInfo.environment["MLTUTOR_SANITIZER"] == nil {
        #expect(peak < 300_000, "peak memory \(peak) KB reading \(images.lastPathComponent)")
      }
    }
  }

  /// JSON nested 100,000 deep, where mltutor reads JSON (a progress file, a model file's
  /// header): Foundation's parser stops at 512 levels, so each is a one-line error.
  @Test func deeplyNestedJSONIsAnError() throws {
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    let folder = state.appendingPathComponent("mltutor")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "{\"version\":1,\"lessons\":\(deep)}".write(to: folder.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
    let listing = try Binary.run(["lessons"], environment: ["XDG_STATE_HOME": state.path])
    #expect(listing.status == 0 && listing.stderr.contains("your progress file was unreadable"), "\(listing.stderr)")
    let model = state.appendingPathComponent("deep.mlt")
    try Data(("mltutor-model 1\n" + deep + "\n").utf8).write(to: model)
    let script = state.appendingPathComponent("in.mlt")
    try "load \(model.path)\n".write(to: script, atomically: true, encoding: .utf8)
    let load = try Binary.run(["repl", script.path], environment: ["XDG_STATE_HOME": state.path])
    #expect(load.status == 1 && load.stderr.contains("is not valid"), "\(load.stderr)")
  }
}
