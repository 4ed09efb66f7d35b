import Charts
import Tutor

/// Runs a script of commands, one a line, the way `mltutor repl < FILE` does.
///
/// Nothing is echoed: each command's outputs go to `output`, its errors to `errors` as
/// `line N: MESSAGE`, and the script goes on after an error. `quit` ends it early. `train`
/// without a count would never end in a script, so it is refused as an error.
public struct ScriptRunner {
  public let session: LineRunner
  public let printer: OutputPrinter

  public init(session: LineRunner, printer: OutputPrinter) {
    self.session = session
    self.printer = printer
  }

  /// Reads lines from `nextLine` until it returns nil or a line says `quit`.
  public func run(
    nextLine: () -> String?, output: (String) -> Void, errors: (String) -> Void
  ) -> ScriptResult {
    var result = ScriptResult()
    while let line = nextLine() {
      result.linesRead += 1
      let number = result.linesRead
      let outputs = execute(line)
      for item in outputs {
        let sink = item.isError ? errors : output
        for text in printer.lines(item, errorPrefix: "line \(number): ") { sink(text) }
      }
      if outputs.contains(where: \.isError) { result.failedLines.append(number) }
      if session.wantsToQuit {
        result.quit = true
        break
      }
    }
    return result
  }

  /// Runs every line of `lines`.
  public func run(lines: [String], output: (String) -> Void, errors: (String) -> Void)
    -> ScriptResult
  {
    var iterator = lines.makeIterator()
    return run(nextLine: { iterator.next() }, output: output, errors: errors)
  }

  /// One line's outputs; an endless `train` is one `.error`, and the runner reports the rest.
  func execute(_ line: String) -> [Output] {
    let text = Self.withoutCarriageReturn(line)
    if let command = try? CommandParser.parse(text), command == .train(.untilStopped) {
      return [.error(Self.endlessTrainMessage)]
    }
    return session.run(line: text, shouldStop: { false }, progress: nil)
  }

  static let endlessTrainMessage =
    "`train` without a count runs until Ctrl-C, which a script cannot press: write `train N steps` or `train N epochs`"

  /// A script saved with Windows line ends still reads as its commands.
  static func withoutCarriageReturn(_ line: String) -> String {
    line.hasSuffix("\r") ? String(line.dropLast()) : line
  }
}
