import Course
import Foundation
import Testing

/// The course in `mltutor repl` at a real terminal: a learner takes the first three lessons
/// by typing what the hints say and answering the questions, sees every step marked done,
/// leaves and comes back to the same place, and loses nothing when the tutor is killed.
@Suite(.serialized) struct CourseEndToEndTests {
  typealias Terminal = TmuxTerminal

  static let course = Course.load(directory: Binary.packageRoot.appendingPathComponent("Lessons").path)

  /// Starts the REPL in its own tmux server with its own state folder.
  func start(_ terminal: Terminal, state: URL) throws {
    guard let binary = Binary.path else { throw Binary.MissingBinary() }
    let command =
      "exec env XDG_STATE_HOME='\(state.path)' LANG=C.UTF-8 LC_ALL=C.UTF-8 '\(binary)' repl"
    _ = try terminal.run(["new-session", "-d", "-s", "repl", "-x", "100", "-y", "30", command])
    try terminal.wait("the prompt") { $0.contains("mltutor>") }
  }

  /// Does step `index` of `lesson` as a learner would: any prediction, the last hint's commands, then the
  /// right answer; waits until the tutor marks the step done.
  func take(_ terminal: Terminal, lesson: Lesson, lessonNumber: Int, step index: Int) throws {
    let step = lesson.steps[index]
    try terminal.keys("C-l")
    if let prediction = step.prediction {
      try terminal.keys(prediction.isNumber ? "guess 50" : "guess a", "Enter")
    }
    for command in step.task?.hints.last?.commands ?? [] {
      try terminal.keys(command, "Enter")
    }
    if let quiz = step.quiz, let right = quiz.correctIndex {
      try terminal.keys(Quiz.key(right), "Enter")
    }
    let last = index == lesson.steps.count - 1
    let marker = last ? "Lesson \(lessonNumber), \(lesson.title), is complete" : "✓ Step \(index + 1) done"
    try terminal.wait("\(lesson.name) step \(index + 1) done", seconds: 60) { $0.contains(marker) }
  }

  @Test(.enabled(if: TmuxTerminal.tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func firstThreeLessonsWithARestart() throws {
    guard let tmux = TmuxTerminal.tmux else { return }
    let lessons = Self.course.lessons
    try #require(lessons.count >= 3)
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    var terminal = Terminal(tmux: tmux)
    try start(terminal, state: state)
    #expect(try terminal.screen().contains("Type `lesson 1` to start the course"))

    for (number, lesson) in lessons.prefix(3).enumerated() {
      try terminal.keys("C-l")
      try terminal.keys("lesson \(number + 1)", "Enter")
      // The step's text may scroll past the top: wait for the prompt to come back.
      try terminal.wait("lesson \(number + 1) opens") {
        TmuxTerminal.lastLine($0) == "mltutor>" && !$0.contains("mltutor> lesson \(number + 1)\n")
          || $0.contains("Step 1 of \(lesson.steps.count)")
      }
      for index in lesson.steps.indices {
        try take(terminal, lesson: lesson, lessonNumber: number + 1, step: index)
        if number == 1 && index == 1 {
          // Leave in the middle of lesson 2, at its third step, and come back.
          try terminal.keys("next", "Enter")
          try terminal.wait("step 3 opens") { $0.contains("Step 3 of \(lesson.steps.count)") }
          try terminal.keys("C-d")
          Thread.sleep(forTimeInterval: 0.5)
          terminal.stop()
          terminal = Terminal(tmux: tmux)
          try start(terminal, state: state)
          let greeting = try terminal.screen()
          #expect(greeting.contains("Type `lesson` to go on with \(lesson.title) (step 3 of \(lesson.steps.count))"), "\(greeting)")
          try terminal.keys("lesson", "Enter")
          try terminal.wait("the resumed step") { $0.contains("resuming at step 3") }
          break
        }
        if index < lesson.steps.count - 1 { try terminal.keys("next", "Enter") }
      }
      if number == 1 {
        for index in 2..<lesson.steps.count {
          try take(terminal, lesson: lesson, lessonNumber: 2, step: index)
          if index < lesson.steps.count - 1 { try terminal.keys("next", "Enter") }
        }
      }
    }
    try terminal.keys("C-l")
    try terminal.keys("lessons", "Enter")
    let listing = try terminal.wait("the listing") { $0.contains("apartments") }
    for lesson in lessons.prefix(3) {
      let row = listing.split(separator: "\n").first { $0.contains(" \(lesson.name) ") }
      #expect(row?.hasSuffix("done") == true, "\(lesson.name): \(listing)")
    }
    try terminal.keys("C-d")
    terminal.stop()

    // The saved progress says the same.
    let data = try Data(contentsOf: state.appendingPathComponent("mltutor/progress.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let saved = try #require(json["lessons"] as? [String: [String: Any]])
    for lesson in lessons.prefix(3) {
      #expect(saved[lesson.name]?["completed"] as? Bool == true, "\(lesson.name): \(saved)")
    }
  }

  @Test(.enabled(if: TmuxTerminal.tmux != nil, "tmux is not installed (make test-deps installs it)"))
  func killedWhileSavingLosesNothing() throws {
    guard let tmux = TmuxTerminal.tmux else { return }
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let progress = state.appendingPathComponent("mltutor/progress.json")
    for round in 0..<6 {
      let terminal = Terminal(tmux: tmux)
      try start(terminal, state: state)
      try terminal.keys("lesson 1", "Enter")
      try terminal.wait("the lesson") { $0.contains("Step ") }
      // Every `next` and `back` saves; kill the tutor in the middle of a burst of them.
      for _ in 0..<40 { try terminal.keys("next", "Enter", "back", "Enter") }
      Thread.sleep(forTimeInterval: 0.05 * Double(round))
      let pid = try terminal.run(["display-message", "-p", "-t", "repl", "#{pane_pid}"])
        .trimmingCharacters(in: .whitespacesAndNewlines)
      _ = try Binary.runProgram("/bin/kill", ["-9", pid])
      terminal.stop()
      // Whatever moment it died at, the file is whole and the next start reads it.
      let data = try Data(contentsOf: progress)
      #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "round \(round): \(String(decoding: data, as: UTF8.self))")
      let listed = try Binary.run(["lessons"], environment: ["XDG_STATE_HOME": state.path])
      #expect(listed.status == 0 && listed.stderr.isEmpty, "round \(round): \(listed.stderr)")
      #expect(listed.stdout.contains("welcome"), "\(listed.stdout)")
    }
  }
}
