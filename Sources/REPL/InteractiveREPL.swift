import CLibEditShim
import Charts
import Foundation
@preconcurrency import Glibc
import Tutor

/// The REPL at a terminal: a prompt with line editing, history and Tab completion; each
/// command's outputs printed under it, charts drawn to the terminal's width.
///
/// Ctrl-C while a command trains stops the training and comes back to the prompt; Ctrl-C at
/// the prompt clears the line; Ctrl-D or `quit` leaves. While `train` runs, a progress line
/// is redrawn on standard error and cleared before the results are printed.
final class InteractiveREPL {
  let session: LineRunner
  let environment: [String: String]
  let forceASCII: Bool
  let forceUnicode: Bool
  private let editor: LineEditor
  private var progressShown = false

  static let prompt = "mltutor> "

  let greeting: String?

  init(session: LineRunner, greeting: String? = nil, historyPath: String?, dataNames: [String], environment: [String: String], forceASCII: Bool,
    forceUnicode: Bool = false
  ) {
    self.session = session
    self.greeting = greeting
    self.environment = environment
    self.forceASCII = forceASCII
    self.forceUnicode = forceUnicode
    CompletionSource.completer.withLock { $0 = Completer(dataNames: dataNames, runNames: session.runNames, extraCommands: session.extraCommands) }
    // libedit needs the locale's character set to edit beyond ASCII.
    setlocale(LC_CTYPE, "")
    editor = LineEditor(historyPath: historyPath)
  }

  /// Runs until Ctrl-D or `quit`; the exit status is always 0.
  func run() -> Int32 {
    let installed = mlt_sigint_install() == 0
    defer { if installed { mlt_sigint_restore() } }
    let guarded = mlt_terminal_guard_install(STDIN_FILENO) == 0
    defer { if guarded { mlt_terminal_guard_remove() } }
    print("mltutor: type `help` for the commands, Tab to complete, Ctrl-D to leave.")
    if let greeting { print(printer.shown(greeting)) }
    while let line = editor.readLine(prompt: Self.prompt) {
      editor.remember(line)
      mlt_sigint_clear()
      let outputs = session.run(
        line: line, shouldStop: Self.stopper(pace: Self.isLiveTraining(line) ? session.pace : .max),
        progress: { [weak self] in self?.showProgress($0) })
      clearProgress()
      mlt_sigint_clear()
      show(outputs)
      CompletionSource.completer.withLock { $0.runNames = session.runNames }
      if session.wantsToQuit { return 0 }
    }
    // Ctrl-D leaves the cursor after the prompt.
    print("")
    return 0
  }

  /// Whether a line trains until stopped (`train` with no count), which goes at the pace.
  static func isLiveTraining(_ line: String) -> Bool {
    if case .train(.untilStopped)? = try? CommandParser.parse(line) { return true }
    return false
  }

  /// The `shouldStop` of a command: Ctrl-C stops it; at a pace, it also waits before each
  /// step until the step is due (called once before each step).
  static func stopper(pace: Pace) -> () -> Bool {
    var pacer = Pacer(pace)
    var steps = 0
    return {
      defer { steps += 1 }
      while true {
        if mlt_sigint_pending() != 0 { return true }
        let delay = pacer.delay(steps: steps, now: .now)
        if delay <= .zero { return false }
        let c = delay.components
        Thread.sleep(forTimeInterval: min(Double(c.seconds) + Double(c.attoseconds) * 1e-18, 0.05))
      }
    }
  }

  /// How outputs are printed now (the terminal's width may have changed).
  private var printer: OutputPrinter {
    OutputPrinter(
      width: Terminal.columns(environment: environment),
      style: DisplayStyle.chartStyle(
        environment: environment, isTerminal: Terminal.isTerminal(STDOUT_FILENO), forceASCII: forceASCII,
        forceUnicode: forceUnicode),
      wrapsText: true)
  }

  private func show(_ outputs: [Output]) {
    let printer = self.printer
    for output in outputs {
      let lines = printer.lines(output)
      if output.isError {
        Terminal.flushOutput()
        Terminal.writeError(lines.map { $0 + "\n" }.joined())
      } else {
        for line in lines { print(line) }
      }
    }
    Terminal.flushOutput()
  }

  private func showProgress(_ progress: TrainingProgress) {
    guard Terminal.isTerminal(STDERR_FILENO) else { return }
    let width = Terminal.columns(STDERR_FILENO, environment: environment)
    Terminal.writeError("\r" + printer.shown(ProgressLine.text(progress, width: width)) + "\u{1B}[K")
    progressShown = true
  }

  private func clearProgress() {
    guard progressShown else { return }
    Terminal.writeError("\r\u{1B}[K")
    progressShown = false
  }
}
