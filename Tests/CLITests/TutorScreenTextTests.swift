import Foundation
import Testing

/// What the end-to-end tests read off a screen, on screens made by hand: each finding is shown
/// to appear where it should and only there.
struct TutorScreenTextTests {
  static let vocabulary: Set<String> = ["the", "gradients", "grad", "are", "and", "cat", "sat", "well", "known"]

  @Test func aWordCutAtTheEdgeIsFound() {
    let rows = ["the grad", "ients   ", "are cat "]
    #expect(TutorScreenText.cutWords(rows, vocabulary: Self.vocabulary) == ["grad|ients"])
  }

  @Test func wholeWordsEndingAtTheEdgeAreNotCuts() {
    #expect(TutorScreenText.cutWords(["and the", "cat sat"], vocabulary: Self.vocabulary) == [])
    #expect(TutorScreenText.cutWords(["so well-", "known"], vocabulary: Self.vocabulary) == [])
    #expect(TutorScreenText.cutWords(["the cat ", "sat"], vocabulary: Self.vocabulary) == [])
    #expect(TutorScreenText.cutWords(["a 12", "3 b"], vocabulary: Self.vocabulary) == [])
  }

  @Test func piecesThatAreNotWordsAreCuts() {
    #expect(TutorScreenText.cutWords(["the cat", "xq are"], vocabulary: Self.vocabulary) == ["cat|xq"])
  }

  @Test func theStatusLineFields() {
    let s = screen(80, 24, status: " ⏸ moons · 2-8-2 · step 1200 ep 4 · loss 0.312 · test acc 93.5% · sgd lr 0.1")
    #expect(s.statusStep == 1200)
    #expect(s.statusLoss == "0.312")
    #expect(s.statusTestAccuracy == "93.5")
    #expect(s.statusTestLoss == nil)
    #expect(!s.training)
  }

  @Test func aStepWithSeparatorsOrOnlyATestLossIsNotReadAsTheFields() {
    let s = screen(80, 24, status: " ▶ apartments · linear · step 1,234 ep 2 · test loss 812.5")
    #expect(s.statusStep == nil)
    #expect(s.statusLoss == nil)
    #expect(s.statusTestLoss == "812.5")
    #expect(s.statusTestAccuracy == nil)
    #expect(s.training)
    #expect(screen(80, 24, status: " ⏸ acc 91%").statusTestAccuracy == nil)
  }

  @Test func aFieldLeftOutOfTheStatusLineWithRoomOrForLessImportantOnes() {
    let full = " ⏸ step 375 · loss 0.2878 · test acc 92.8% · mnist-5k · 784-128-64-10 · ep 4"
    // Settings shown: anything more important left out had its place.
    #expect(screen(80, 24, status: " ⏸ step 3 · loss 0.2 · sgd lr 0.1").statusLineHadRoom(for: "linear"))
    // Room before the sparkline.
    #expect(screen(80, 24, status: " ⏸ step 3 · loss 0.2").statusLineHadRoom(for: "784-128-64-10"))
    // A full line of more important fields.
    #expect(!screen(80, 24, status: String(full.prefix(66)) + " ▂▅▃▄▃▄▃▁█▄▁▄").statusLineHadRoom(for: "drop 0.5"))
    #expect(!screen(80, 24, status: " ⏸ step 375 · loss 0.2878 · test acc 92.8% · mnist-5k").statusLineHadRoom(for: "784-128-64-10"))
  }

  @Test func chartTitlesAndTheStepTheySay() {
    let layout = TutorScreenText(Self.blank(100, 30), width: 100, height: 30).layout
    let pane = layout.chartPanes[0]
    var rows = Self.blank(100, 30).split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    let heading = Array("decision boundary · step 120")
    let hint = Array(" [Tab]")
    rows[pane.y].replaceSubrange(pane.x..<(pane.x + heading.count), with: heading)
    rows[pane.y].replaceSubrange((pane.x + pane.width - hint.count)..<(pane.x + pane.width), with: hint)
    rows[pane.y + 3].replaceSubrange(pane.x..<(pane.x + 8), with: Array("Drawing…"))
    let s = TutorScreenText(rows.map { String($0) }.joined(separator: "\n"), width: 100, height: 30)
    #expect(s.chartTitles == ["decision boundary · step 120"])
    #expect(s.chartBodies.count == 1 && s.chartBodies[0].contains("Drawing…"))
    #expect(TutorScreenText.titleStep(s.chartTitles[0]) == 120)
    #expect(TutorScreenText.titleStep("the ball after 0 steps") == 0)
    #expect(TutorScreenText.titleStep("loss: step 5") == nil)
    #expect(TutorScreenText.titleStep("fit · step 1,200") == nil)
  }

  @Test func theLessonAndStepOfTheTitleBar() {
    var rows = Self.blank(80, 24).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    rows[0] = " mltutor · apartments 3/8: Steps downhill  ✓ done"
    let s = TutorScreenText(rows.joined(separator: "\n"), width: 80, height: 24)
    #expect(s.lessonPosition?.lesson == "apartments")
    #expect(s.lessonPosition?.step == 3)
    #expect(s.lessonPosition?.of == 8)
  }

  @Test func theLessonPaneIsReadUpToItsEdgeOnly() {
    let layout = TutorScreenText(Self.blank(80, 24), width: 80, height: 24).layout
    var rows = Self.blank(80, 24).split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    let r = layout.lesson
    // A word cut at the lesson pane's edge, and one running on past a chart's edge: only the
    // first is in a text pane.
    rows[2].replaceSubrange((r.x + r.width - 4)..<(r.x + r.width), with: Array("grad"))
    rows[3].replaceSubrange(r.x..<(r.x + 5), with: Array("ients"))
    rows[5].replaceSubrange((79 - 2)..<80, with: Array("gra"))
    rows[6].replaceSubrange(layout.chartPanes[0].x..<(layout.chartPanes[0].x + 3), with: Array("ent"))
    let s = TutorScreenText(rows.map { String($0) }.joined(separator: "\n"), width: 80, height: 24)
    #expect(s.cutWords(vocabulary: Self.vocabulary) == ["grad|ients"])
  }

  @Test func theWordsOfATextSplitCamelCase() {
    #expect(TutorScreenText.words("s.dataName = `data NAME`; R² 12x") == ["s", "data", "name", "r", "x"])
  }

  func screen(_ w: Int, _ h: Int, status: String) -> TutorScreenText {
    var rows = Self.blank(w, h).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    rows[h - 2] = status
    return TutorScreenText(rows.joined(separator: "\n"), width: w, height: h)
  }

  static func blank(_ w: Int, _ h: Int) -> String {
    Array(repeating: String(repeating: " ", count: w), count: h).joined(separator: "\n")
  }
}
