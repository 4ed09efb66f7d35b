import Course
import Foundation
import Testing
@testable import Tutor

@testable import TerminalUI

/// Every step of the real course, as the lesson pane shows it at 80×24 and 100×30: no line
/// is cut in a word (only a word longer than the pane may break), none is wider than the
/// pane, and no emphasis delimiter is left outside code.
@Suite struct CourseTextTests {
  static let lessons: [Lesson] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return Course.load(directory: root.appendingPathComponent("Lessons").path).lessons
  }()

  /// What opening a step, asking for every hint and answering every choice puts in the pane.
  static func text(_ lesson: Lesson, number: Int, step: LessonStep, index: Int) -> [String] {
    var lines = ["Lesson \(number): \(lesson.title)", "Goal: \(lesson.goal)", ""]
    lines.append("── Step \(index + 1) of \(lesson.steps.count): \(step.title) ──")
    for block in step.blocks {
      switch block {
      case .paragraph(let text): lines += [text, ""]
      case .preformatted(let fenced): lines += fenced
      case .demo(let command, _): lines.append("› \(command)")
      }
    }
    if let prediction = step.prediction {
      lines.append("Predict: \(prediction.question)")
      for (i, option) in prediction.options.enumerated() { lines.append("  \(Quiz.key(i))) \(option.label)") }
      lines.append("Why: \(prediction.why)")
    }
    if let task = step.task {
      lines += ["Task: \(task.text)", "  (`hint` if you are stuck, `check` to see where you stand)"]
      for (i, hint) in task.hints.enumerated() { lines.append("Hint \(i + 1) of \(task.hints.count): \(hint.text)") }
    }
    if let quiz = step.quiz {
      lines.append("Question: \(quiz.question)")
      for (i, choice) in quiz.choices.enumerated() {
        lines += ["  \(Quiz.key(i))) \(choice.text)", "\(choice.isCorrect ? "Right" : "No"): \(choice.explanation)"]
      }
    }
    return lines
  }

  @Test(arguments: [(80, 24), (100, 30)])
  func everyStepFitsThePane(width: Int, height: Int) throws {
    try #require(Self.lessons.count >= 9)
    let pane = Layout(width: width, height: height).lesson.width
    var steps = 0
    for (l, lesson) in Self.lessons.enumerated() {
      for (s, step) in lesson.steps.enumerated() {
        let source = Self.text(lesson, number: l + 1, step: step, index: s)
        var state = TutorState(width: width, height: height)
        state.receive([.text(source)], openedStep: true)
        let place = "lesson \(l + 1) step \(s + 1) at \(width)×\(height)"
        for line in state.transcript {
          let shown = TextWrapper.wrap([line], width: pane)
          for piece in shown {
            #expect(piece.text.count <= pane, "\(place): wider than the pane: \(piece.text)")
            #expect(Self.rawMarker(piece) == nil, "\(place): raw markup in \(piece.text)")
          }
          // The words shown are the words of the line: none cut in two.
          let (plain, _) = TextWrapper.styled(line)
          let words = plain.split(separator: " ")
          let shownWords = shown.flatMap { $0.text.split(separator: " ") }
          if words != shownWords {
            let long = words.contains { $0.count > pane }
            #expect(long, "\(place): a word was cut:\n\(shown.map(\.text).joined(separator: "\n"))")
          }
        }
        // The pane as drawn shows those lines unchanged.
        let grid = TutorScreen.render(state, TutorSnapshot(), style: .monochrome)
        let r = Layout(width: width, height: height).lesson
        let top = grid.lines()[r.y]
        let first = state.wrappedTranscript().first?.text ?? ""
        #expect(String(Array(top).dropFirst(r.x).prefix(first.count)) == first, "\(place)")
        steps += 1
      }
    }
    #expect(steps >= 50)
  }

  /// The lessons table in the pane: every lesson's progress in full, whatever the state.
  @Test(arguments: [(80, 24), (100, 30)])
  func theLessonsProgressIsNeverCut(width: Int, height: Int) throws {
    try #require(Self.lessons.count >= 9)
    let course = Course(directory: "Lessons", lessons: Self.lessons)
    var progress = CourseProgress()
    progress.currentLesson = Self.lessons[8].name
    progress.lessons[Self.lessons[8].name] = .init(step: 3, doneSteps: [0, 1], completed: true)
    progress.lessons[Self.lessons[2].name] = .init(step: 5, doneSteps: [0, 1, 2, 3, 4])
    let table = CourseListing.table(course, progress, current: 8)
    var state = TutorState(width: width, height: height)
    state.receive([.table(table)], openedStep: true)
    let pane = Layout(width: width, height: height).lesson.width
    let shown = state.wrappedTranscript().map(\.text)
    #expect(shown.allSatisfy { $0.count <= pane }, "\(shown.joined(separator: "\n"))")
    let words = shown.joined(separator: " ").split(separator: " ").map(String.init)
    for row in table.rows {
      for word in row[4].split(separator: " ") {
        #expect(words.contains(String(word)), "\(word) at \(width)×\(height):\n\(shown.joined(separator: "\n"))")
      }
      // A lesson's name may break after a hyphen, never inside a part.
      for piece in Table.pieces(row[2]) {
        #expect(words.contains { $0.contains(piece) }, "\(piece) at \(width)×\(height)")
      }
    }
    #expect(shown.joined(separator: " ").contains("redoing:"))
  }

  /// A `*`, `_` or backtick outside code that opens or closes a word: markup left raw.
  static func rawMarker(_ line: TranscriptLine) -> Character? {
    let chars = Array(line.text)
    for (i, ch) in chars.enumerated() where ch == "*" || ch == "_" || ch == "`" {
      if i < line.styles.count, line.styles[i].contains(.code) { continue }
      if ch == "`" { return ch }
      let before = i > 0 ? chars[i - 1] : " "
      let after = i + 1 < chars.count ? chars[i + 1] : " "
      let word: (Character) -> Bool = { $0.isLetter || $0.isNumber }
      if word(after) && !word(before) { return ch }
      if word(before) && !word(after) { return ch }
    }
    return nil
  }
}
