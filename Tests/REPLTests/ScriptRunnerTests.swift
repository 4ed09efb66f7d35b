import Charts
import REPL
import Testing
import Tutor

/// The script runner on lines in memory: what goes to each sink and how failures count.
struct ScriptRunnerTests {
  struct Captured {
    var output: [String] = []
    var errors: [String] = []
    var result = ScriptResult()
  }

  func run(_ lines: [String]) -> Captured {
    let runner = ScriptRunner(
      session: Session(locations: checkoutLocations()), printer: OutputPrinter(width: 80, style: .ascii))
    var captured = Captured()
    captured.result = runner.run(
      lines: lines, output: { captured.output.append($0) }, errors: { captured.errors.append($0) })
    return captured
  }

  @Test func blankAndCommentLinesPrintNothing() {
    let c = run(["", "   ", "# a comment", "set lr 0.5  # and another"])
    #expect(c.output == ["lr = 0.5"])
    #expect(c.errors.isEmpty)
    #expect(c.result.linesRead == 4)
    #expect(c.result.exitStatus == 0)
  }

  @Test func errorsNameTheirLineAndTheScriptGoesOn() {
    let c = run(["trian 5", "set lr 0", "set lr 0.2", "step"])
    #expect(
      c.errors == [
        "line 1: unknown command 'trian': did you mean `train`?",
        "line 2: lr must be a number greater than 0 (got 0.0)",
        "line 4: no data yet: load some with `data NAME` (for example `data apartments`)",
      ])
    #expect(c.output == ["lr = 0.2"])
    #expect(c.result.failedLines == [1, 2, 4])
    #expect(c.result.exitStatus == 1)
  }

  @Test func trainWithoutACountIsRefused() {
    let c = run(["data apartments", "train", "train 2 steps"])
    #expect(c.errors.count == 1)
    #expect(c.errors.first?.hasPrefix("line 2: `train` without a count") == true)
    #expect(c.output.contains { $0.hasPrefix("trained 2 steps: step 2") })
  }

  @Test func quitEndsTheScript() {
    let c = run(["set lr 0.5", "quit", "set lr 0.7"])
    #expect(c.output == ["lr = 0.5"])
    #expect(c.result.quit)
    #expect(c.result.linesRead == 2)
  }

  @Test func windowsLineEndsAreCommands() {
    let c = run(["set lr 0.5\r"])
    #expect(c.output == ["lr = 0.5"])
    #expect(LineREPL.scriptLines("a\r\nb\n\nc\n") == ["a", "b", "", "c"])
  }
}
