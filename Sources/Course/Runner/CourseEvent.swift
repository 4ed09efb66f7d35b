import Tutor

/// Something that happened in the course, for a front end to react to (a sound, a redraw, a
/// status line) and for tests to assert.
public enum CourseEvent: Equatable, Sendable {
  /// A step was opened (lesson name, 0-based step).
  case stepOpened(lesson: String, step: Int)
  /// A step's task and quiz were done for the first time.
  case stepDone(lesson: String, step: Int)
  /// The last undone step of a lesson was done.
  case lessonDone(String)
  /// A quiz was answered (right or wrong).
  case answered(correct: Bool)
  /// A demo command failed when its step opened: a fault in the lesson.
  case demoFailed(line: Int, command: String, message: String)
  /// A review question was shown (its lesson's name, its 0-based step).
  case reviewShown(lesson: String, step: Int)
}

/// What one line produced: outputs to show and events.
public struct CourseResponse: Sendable, Equatable {
  public var outputs: [Output]
  public var events: [CourseEvent]

  public init(outputs: [Output] = [], events: [CourseEvent] = []) {
    self.outputs = outputs
    self.events = events
  }

  mutating func append(_ other: CourseResponse) {
    outputs += other.outputs
    events += other.events
  }

  mutating func say(_ lines: String...) {
    outputs.append(.text(lines))
  }
}
