import Foundation
import Testing

/// What the course player finds wrong with a screen at rest, on screens made by hand: the
/// status line against the commands typed, and the charts against the status line.
struct LessonPlayerTests {
  static func player() -> LessonPlayer {
    let words = TutorScreenText.words("decision boundary on the training points fit moons")
    return LessonPlayer(
      pane: TmuxTerminal(tmux: "/bin/false"), width: 100, height: 30, vocabulary: words,
      visitsEveryChart: false, deadline: Date())
  }

  /// A 100×30 screen with a status line and a chart title.
  static func screen(status: String, chart: String) -> String {
    var rows = Array(repeating: Array(repeating: Character(" "), count: 100), count: 30)
    let pane = TutorScreenText("", width: 100, height: 30).layout.chartPanes[0]
    rows[pane.y].replaceSubrange(pane.x..<(pane.x + chart.count), with: Array(chart))
    rows[28].replaceSubrange(0..<status.count, with: Array(status))
    return rows.map { String($0) }.joined(separator: "\n")
  }

  @Test func aTrueScreenHasNothingWrong() {
    let p = Self.player()
    ["data moons", "model 2-16-2", "train 300"].forEach(p.track)
    let s = Self.screen(
      status: " ⏸ step 300 · loss 0.1709 · test acc 93.0% · moons · 2-16-2 · ep 43",
      chart: "decision boundary · step 300")
    #expect(p.inspect(s) == [])
  }

  @Test func aChartOfAnotherStepAndMissingFieldsAreFound() {
    let p = Self.player()
    ["data moons", "model 2-16-2", "train 300"].forEach(p.track)
    let s = Self.screen(status: " ⏸ moons · sgd lr 0.5 batch 32 · step 300 ep 43 · acc 80.0%", chart: "decision boundary · step 200")
    #expect(
      p.inspect(s) == [
        "status line: no `loss X` after 300 steps: «⏸ moons · sgd lr 0.5 batch 32 · step 300 ep 43 · acc 80.0%»",
        "status line: model `2-16-2` not named: «⏸ moons · sgd lr 0.5 batch 32 · step 300 ep 43 · acc 80.0%»",
        "status line: no `test acc P%` after an evaluation on moons: «⏸ moons · sgd lr 0.5 batch 32 · step 300 ep 43 · acc 80.0%»",
        "chart «decision boundary · step 200» shows step 200 while the status line says step 300",
      ])
  }

  @Test func aForkNamedInTheTitleMayShowAnOlderStep() {
    let p = Self.player()
    ["data moons", "model 2-16-2", "train 300", "fork fast", "reset"].forEach(p.track)
    let s = Self.screen(status: " ⏸ step 0 · moons · 2-16-2", chart: "compare main and fast · step 300")
    #expect(p.inspect(s) == [])
  }

  @Test func aChartOfOtherDataOrCutShortIsFound() {
    let p = Self.player()
    ["data moons", "model 2-16-2"].forEach(p.track)
    let s = Self.screen(status: " ⏸ step 0 · moons · 2-16-2", chart: "apartments: price against surf…")
    #expect(
      p.inspect(s) == [
        "chart «apartments: price against surf…» is of apartments while moons is loaded",
        "chart title cut short: «apartments: price against surf…»",
      ])
  }

  /// A probability chart of a classifier left pinned while a regression is loaded.
  @Test func aChartOfAnotherKindOfDataIsFound() {
    let p = Self.player()
    ["data apartments", "model linear"].forEach(p.track)
    let s = Self.screen(status: " ⏸ step 0 · apartments · linear", chart: "probabilities: predicted 1 (69.3%)")
    #expect(
      p.inspect(s) == [
        "chart «probabilities: predicted 1 (69.3%)» is a classification chart while apartments (regression) is loaded"
      ])
    p.track("data moons")
    #expect(p.inspect(Self.screen(status: " ⏸ step 0 · moons · 2-2", chart: "probabilities: predicted 1 (69.3%)")) == [])
  }
}
