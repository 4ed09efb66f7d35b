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
}
