import Foundation
import Testing

/// A chart drawn by `plot` in the full-screen tutor follows the run: its title's step is the
/// status line's step after commands and after live training is paused, and other data drop it.
@Suite(.serialized) struct PinnedChartScreenTests {
  /// The step the status line (the last row but one) shows.
  static func statusStep(_ screen: String) -> Int? {
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
    guard rows.count >= 2 else { return nil }
    return number(after: "step ", in: String(rows[rows.count - 2]))
  }

  /// The chart pane's title row: the second row, right of the lesson pane (49 columns at 100).
  static func chartTitle(_ screen: String) -> String {
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
    return rows.count > 1 ? String(rows[1].dropFirst(49)) : ""
  }

  /// The step in the title of the decision boundary chart.
  static func chartStep(_ screen: String) -> Int? { number(after: "decision boundary · step ", in: chartTitle(screen)) }

  static func number(after prefix: String, in text: String) -> Int? {
    guard let r = text.range(of: prefix) else { return nil }
    return Int(text[r.upperBound...].prefix { $0.isNumber })
  }

  @Test(.enabled(if: TmuxTerminal.tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func aPlottedChartFollowsTheStatusLineStep() throws {
    try TutorScreenTests.withTutor { pane in
      try pane.wait("the first step") { $0.contains("Task:") }
      try pane.command("data moons")
      try pane.wait("the data") { $0.contains("moons") }
      try pane.command("model 2-8-2")
      try pane.command("plot boundary")
      try pane.wait("the boundary at step 0") { Self.chartStep($0) == 0 }
      try pane.command("step 50")
      let stepped = try pane.wait("the boundary at step 50") { Self.chartStep($0) == 50 && Self.statusStep($0) == 50 }
      #expect(Self.chartStep(stepped) == 50, "\(stepped)")

      // Live training, then a pause: the chart shows the step the status line shows.
      try pane.keys("Space")
      try pane.wait("training past step 50") { (Self.statusStep($0) ?? 0) > 60 }
      try pane.keys("Space")
      let paused = try pane.wait("the chart at the paused step") { s in
        guard let step = Self.statusStep(s), step > 60 else { return false }
        return Self.chartStep(s) == step
      }
      Thread.sleep(forTimeInterval: 0.5)
      let settled = try pane.screen()
      #expect(Self.chartStep(settled) == Self.statusStep(settled), "\(paused)\n\(settled)")

      // Other data: the moons' boundary is not kept.
      try pane.command("data apartments")
      let other = try pane.wait("the apartments") { $0.contains("apartments") && Self.chartStep($0) == nil }
      #expect(!Self.chartTitle(other).contains("decision boundary"), "\(other)")
      try pane.keys("q")
    }
  }
}
