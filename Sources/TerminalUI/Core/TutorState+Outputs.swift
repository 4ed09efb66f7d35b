import Tutor

/// How command outputs land on the screen.
extension TutorState {
  /// Adds what a command printed to the lesson pane; a chart goes to the chart pane.
  /// - Parameter openedStep: the outputs open a lesson step: the pane starts afresh, at its top.
  public mutating func receive(_ outputs: [Output], openedStep: Bool = false) {
    if openedStep {
      transcript = []
      scrollTop = 0
      // A new step shows the charts it asks for (or the loss chart) first.
      chartIndex = 0
      followsPinned = false
    } else {
      scrollTop = nil
    }
    for output in outputs {
      switch asciiText ? output.asciiText() : output {
      case .text(let lines):
        // NB: the kind is read from the line as the session wrote it (`──`, `✓`).
        let original: [String]
        if case .text(let given) = output { original = given } else { original = lines }
        for (line, given) in zip(lines, original) { transcript.append(TranscriptLine(line, Self.kind(of: given))) }
      case .table(let table):
        for (i, line) in table.lines().enumerated() {
          var row = TranscriptLine(line, .preformatted)
          row.tableRow = TranscriptLine.TableRow(table: table, index: i)
          transcript.append(row)
        }
      case .chart(_, let title, _):
        if title.hasPrefix("loss per step") {
          chartIndex = 0
          followsPinned = false
          transcript.append(TranscriptLine("(the loss chart is on the right)", .output))
        } else {
          // The session's thread keeps this chart and redraws it as the session changes.
          followsPinned = true
          transcript.append(TranscriptLine("(chart on the right: \(title))", .output))
        }
      case .error(let message):
        transcript.append(TranscriptLine(message, .error))
      }
    }
    // Keep the pane from growing without bound in a long session.
    if transcript.count > 2000 { transcript.removeFirst(transcript.count - 2000) }
  }

  static func kind(of line: String) -> TranscriptLine.Kind {
    if line.hasPrefix("── ") || line.hasPrefix("Lesson ") { return .heading }
    if line.hasPrefix("Task:") || line.hasPrefix("Question:") || line.hasPrefix("Predict:") { return .heading }
    if line.hasPrefix("✓") || line.hasPrefix("Step done") || line.contains("✓ Done") { return .success }
    if line.hasPrefix("› ") { return .command }
    // Indented lines with inner runs of spaces are columns (fenced text, aligned output).
    if line.hasPrefix("  ") && line.trimmingSpaces.contains("  ") { return .preformatted }
    return .prose
  }
}
