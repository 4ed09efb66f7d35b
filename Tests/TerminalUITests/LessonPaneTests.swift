import Charts
import Course
import Testing
import Tutor

@testable import TerminalUI

/// The lesson pane: text wrapped, never cut; inline markup drawn with attributes.
@Suite struct LessonPaneTests {
  typealias Style = InlineMarkup.Style

  @Test func emphasisIsWrappedWithoutItsDelimiters() {
    let lines = TextWrapper.wrap([TranscriptLine("A *machine-learning* model: `set w 4` it", .prose)], width: 20)
    #expect(lines.map(\.text) == ["A machine-learning", "model: set w 4 it"])
    let e = Style.emphasis
    let c = Style.code
    #expect(lines[0].styles == [[], []] + Array(repeating: e, count: 16))
    #expect(lines[1].styles == Array(repeating: [], count: 7) + Array(repeating: c, count: 7) + [[], [], []])
  }

  @Test func commandsAndPlainLinesKeepTheirCharacters() {
    let lines = TextWrapper.wrap(
      [TranscriptLine("› set w *2*", .command), TranscriptLine("price = 2 * 3 * w", .prose)], width: 40)
    #expect(lines.map(\.text) == ["› set w *2*", "price = 2 * 3 * w"])
    #expect(lines.allSatisfy { $0.styles.isEmpty })
  }

  @Test func markupIsDrawnWithAttributes() {
    var state = TutorState(width: 160, height: 40)
    state.receive([.text(["Both *machine-learning* and **strong** and `hint` here."])], openedStep: true)
    let grid = TutorScreen.render(state, TutorSnapshot(), style: .monochrome)
    let row = grid.lines().firstIndex { $0.contains("Both machine-learning") } ?? -1
    try? #require(row >= 0)
    let line = Array(grid.lines()[row])
    func attributes(_ word: String) -> [Cell.Attributes] {
      let text = String(line)
      guard let range = text.range(of: word) else { return [] }
      let start = text.distance(from: text.startIndex, to: range.lowerBound)
      return (start..<(start + word.count)).map { grid[$0, row].attributes }
    }
    #expect(attributes("machine-learning") == Array(repeating: .underline, count: 16))
    #expect(attributes("strong") == Array(repeating: .bold, count: 6))
    #expect(attributes("hint") == Array(repeating: .bold, count: 4))
    #expect(attributes("Both") == Array(repeating: [], count: 4))
    #expect(attributes(" and ") == Array(repeating: [], count: 5))
    #expect(!grid.lines()[row].contains("*") && !grid.lines()[row].contains("`"))
    // In colour, code takes the commands' colour.
    let colored = TutorScreen.render(state, TutorSnapshot(), style: .unicode)
    let x = String(line).range(of: "hint").map { String(line).distance(from: String(line).startIndex, to: $0.lowerBound) } ?? 0
    #expect(colored[x, row].foreground == .cyan && colored[x, row].attributes == [])
  }

  @Test func aPreformattedLineWrapsUnderItsLastColumn() {
    let lines = TextWrapper.wrap([TranscriptLine("  w      the weight of the surface, in k€ per m²", .preformatted)], width: 30)
    #expect(lines.map(\.text) == [
      "  w      the weight of the",
      "         surface, in k€ per m²",
    ])
  }

  @Test func aTableIsLaidOutAgainAtThePaneWidth() {
    var state = TutorState(width: 80, height: 24)
    let table = Table(
      headers: ["command", "what it does", "example"],
      rows: [["show", "show settings, parameters, gradients, the model or the data", "show hyper"]],
      optionalColumns: [2])
    state.receive([.table(table)], openedStep: true)
    #expect(state.transcript.map(\.text) == table.lines(), "one transcript line per row, as printed")
    #expect(state.wrappedTranscript().map(\.text) == [
      "command  what it does",
      "show     show settings, parameters,",
      "         gradients, the model or the",
      "         data",
    ])
    state.width = 250
    #expect(state.wrappedTranscript().map(\.text) == table.lines(), "a wide pane shows the table as printed")
  }

  @Test func aHeadingKeepsItsClosingRuleWithItsLastWord() {
    let lines = TextWrapper.wrap([TranscriptLine("── Step 1 of 5: One step, four moves ──", .heading)], width: 37)
    #expect(lines.map(\.text) == ["── Step 1 of 5: One step, four", "moves ──"])
  }

  @Test func quizChoicesHangUnderTheirText() {
    let lines = TextWrapper.wrap([TranscriptLine("  a) The 50 flats with their surfaces and prices.", .prose)], width: 38)
    #expect(lines.map(\.text) == ["  a) The 50 flats with their surfaces", "     and prices."])
  }

  @Test func chartHeadingsWrapAndKeepTheirStep() {
    #expect(ChartHeading.lines("loss: step 120", first: 30, width: 36) == ["loss: step 120"])
    #expect(
      ChartHeading.lines("compare: main, fast, slow · step 120", first: 20, width: 26)
        == ["compare: main, fast,", "slow · step 120"])
    let long = "the apartments with the model's fit and the odd ones marked · step 4200"
    let shown = ChartHeading.lines(long, first: 20, width: 26)
    #expect(shown == ["the apartments with", "the model's… · step 4200"])
    #expect(shown.enumerated().allSatisfy { i, line in line.count <= (i == 0 ? 20 : 26) })
  }
}

@Suite struct OverlayAndTitleTests {
  @Test func theTitleBarShortensAtAWord() {
    #expect(TutorScreen.shortened("mltutor · what-is-a-model 1/5: A function fitted", to: 40, ellipsis: "…")
      == "mltutor · what-is-a-model 1/5: A…")
    #expect(TutorScreen.shortened("short", to: 40, ellipsis: "…") == "short")
  }

  @Test func everyKeyIsExplainedInFullAt80x24() {
    var state = TutorState(width: 80, height: 24)
    state.overlay = .help
    let text = TutorScreen.render(state, TutorSnapshot(), style: .monochrome).lines().joined(separator: "\n")
    let words = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" }).map(String.init))
    #expect(!text.contains("`"), "commands drawn as code, without backticks")
    let lines = TutorScreen.render(state, TutorSnapshot(), style: .monochrome).lines()
    for (key, what) in HelpOverlay.keys {
      #expect(lines.contains { $0.contains("│ \(key) ") }, "the key \(key) is listed")
      for word in InlineMarkup.plain(what, keepingCode: false).split(separator: " ") {
        #expect(words.contains(String(word)), "\(word) of \(what)")
      }
    }
    #expect(lines.count == 24 && !lines[23].contains("└"), "the box ends above the status line")
  }
}

@Suite struct ChartNoteTests {
  @Test func theEmptyChartsNoteShowsCommandsAsCode() {
    let state = TutorState(width: 100, height: 30)
    let grid = TutorScreen.render(state, TutorSnapshot(), style: .monochrome)
    let lines = grid.lines()
    let row = lines.firstIndex { $0.contains("such as data apartments") } ?? -1
    try? #require(row >= 0, "\(lines.joined(separator: "\n"))")
    guard row >= 0 else { return }
    let text = lines[row]
    guard let found = text.range(of: "data apartments") else { return }
    let start = text.distance(from: text.startIndex, to: found.lowerBound)
    #expect((start..<(start + 15)).allSatisfy { grid[$0, row].attributes == .bold })
    #expect(grid[start - 2, row].attributes == [])
    #expect(!lines.joined().contains("`"))
  }
}
