import Charts
import REPL
import Testing

struct DisplayStyleTests {
  @Test func unicodeNeedsAUTF8Locale() {
    let style = { (env: [String: String]) in
      DisplayStyle.chartStyle(environment: env, isTerminal: false, forceASCII: false).glyphs
    }
    #expect(style(["LANG": "en_US.UTF-8"]) == .unicode)
    #expect(style(["LC_ALL": "C.utf8", "LANG": "C"]) == .unicode)
    #expect(style(["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
    #expect(style(["LC_CTYPE": "C.UTF-8"]) == .unicode)
    #expect(style([:]) == .ascii)
    #expect(
      DisplayStyle.chartStyle(environment: ["LANG": "C.UTF-8"], isTerminal: true, forceASCII: true).glyphs
        == .ascii)
  }

  @Test func unicodeCanBeAskedForWhateverTheLocale() {
    let glyphs = { (env: [String: String], ascii: Bool, unicode: Bool) in
      DisplayStyle.chartStyle(environment: env, isTerminal: false, forceASCII: ascii, forceUnicode: unicode).glyphs
    }
    #expect(glyphs(["LANG": "C"], false, true) == .unicode)
    #expect(glyphs([:], false, true) == .unicode)
    #expect(glyphs(["LANG": "C"], false, false) == .ascii)
    #expect(glyphs(["LANG": "C.UTF-8"], true, false) == .ascii)
  }

  @Test func colourNeedsATerminalThatHasIt() {
    let color = { (env: [String: String], tty: Bool) in
      DisplayStyle.chartStyle(environment: env, isTerminal: tty, forceASCII: false).color
    }
    #expect(color(["TERM": "xterm-256color"], true))
    #expect(!color(["TERM": "xterm-256color"], false))
    #expect(!color(["TERM": "xterm-256color", "NO_COLOR": "1"], true))
    #expect(color(["TERM": "xterm-256color", "NO_COLOR": ""], true))
    #expect(!color(["TERM": "dumb"], true))
    #expect(!color([:], true))
  }
}
