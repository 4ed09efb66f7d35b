import Testing

@testable import Tutor

@Suite struct TableWidthTests {
  let help = Table(
    headers: ["command", "what it does", "example"],
    rows: [
      ["show", "show settings, parameters, gradients, the model or the data", "show hyper"],
      ["step", "train N mini-batch steps", "step 10"],
    ], optionalColumns: [2])

  @Test func aTableThatFitsIsUnchanged() {
    #expect(help.lines(width: 200) == help.lines())
  }

  @Test func theLastColumnWrapsUnderItself() {
    let table = Table(headers: ["command", "what it does"], rows: [["show", "show settings, parameters, gradients"]])
    #expect(table.lines(width: 30) == [
      "command  what it does",
      "show     show settings,",
      "         parameters, gradients",
    ])
  }

  @Test func anOptionalColumnGoesBeforeAnyOtherIsSqueezed() {
    #expect(help.lines(width: 38) == [
      "command  what it does",
      "show     show settings, parameters,",
      "         gradients, the model or the",
      "         data",
      "step     train N mini-batch steps",
    ])
    // Where all fit unsqueezed, the example stays.
    let wide = help.lines(width: 70)
    #expect(wide.first?.hasSuffix("  example") == true && wide.allSatisfy { $0.count <= 70 }, "\(wide)")
  }

  @Test func hyphenatedNamesBreakAfterAHyphenAndNumbersStayRight() {
    let table = Table(
      headers: ["", "#", "lesson", "title", "progress"],
      rows: [["▸", "9", "why-training-is-hard", "Why training is hard", "done, redoing: step 2 of 9"]],
      rightAligned: [1], optionalColumns: [3])
    #expect(table.lines(width: 38) == [
      "   #  lesson           progress",
      "▸  9  why-training-    done, redoing:",
      "      is-hard          step 2 of 9",
    ])
    #expect(table.lines(width: 38).allSatisfy { $0.count <= 38 })
  }

  @Test func columnsMoveCloserRatherThanBreakAWord() {
    let table = Table(
      headers: ["split", "examples", "loss", "RMSE", "R²"],
      rows: [["train", "50", "12810.5", "113.2", "0.595"]], rightAligned: [1, 2, 3, 4])
    #expect(table.lines()[0].count == 38)
    #expect(table.lines(width: 37) == [
      "split examples    loss  RMSE    R²",
      "train       50 12810.5 113.2 0.595",
    ])
  }

  @Test func onlyAWordLongerThanItsColumnIsBroken() {
    #expect(Table.wrap("a verylongword b", width: 5) == ["a", "veryl", "ongwo", "rd b"])
    #expect(Table.wrap("", width: 5) == [""])
  }
}
