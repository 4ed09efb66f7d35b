import Charts
import Testing

@testable import REPL
@testable import Tutor

/// Lesson text in the line REPL: no raw `*` or `_` delimiters; bold and underline only with
/// colour; code keeps its backticks; arithmetic keeps its asterisks.
struct MarkupTextTests {
  let line = "What makes it a *machine-learning* model is **training**: type `hint`, 2 * 3."

  @Test func plainOutputLosesTheDelimiters() {
    let printer = OutputPrinter(width: 80, style: .monochrome)
    #expect(printer.lines(.text([line])) == ["What makes it a machine-learning model is training: type `hint`, 2 * 3."])
  }

  @Test func colourOutputUsesBoldAndUnderline() {
    let printer = OutputPrinter(width: 200, style: .unicode, wrapsText: true)
    #expect(printer.lines(.text([line])) == [
      "What makes it a \u{1B}[4mmachine-learning\u{1B}[0m model is \u{1B}[1mtraining\u{1B}[0m: type `hint`, 2 * 3."
    ])
  }

  @Test func wrappedColourLinesKeepTheirStylesAcrossBreaks() {
    let lines = MarkupText.lines("a **bold phrase here** and more", width: 12, color: true, wraps: true)
    #expect(lines == ["a \u{1B}[1mbold\u{1B}[0m", "  \u{1B}[1mphrase\u{1B}[0m", "  \u{1B}[1mhere\u{1B}[0m and", "  more"])
    let plain = MarkupText.lines("a **bold phrase here** and more", width: 12, color: false, wraps: true)
    #expect(plain == ["a bold", "  phrase", "  here and", "  more"])
  }
}
