import Charts
import Testing
import Tutor

@testable import TerminalUI

/// Key `C`: the challenges list in the lesson pane.
@Suite struct ChallengesScreenTests {
  @Test func keyCListsTheChallengesInTheLessonPane() {
    var state = Fixtures.state(width: 100, height: 30)
    let effects = state.apply(.character("C"), snapshot: TutorSnapshot())
    #expect(effects == [.run("challenges")])
    #expect(!state.editing, "C is a key, not the start of a typed command")
    let session = Fixtures.session()
    state.receive(session.execute(line: "challenges"))
    let grid = TutorScreen.render(state, TutorSnapshot(), style: .monochrome)
    Snapshot.check(grid.lines(), named: "challenges-100x30")
  }
}
