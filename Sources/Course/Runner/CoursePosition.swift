/// Where the learner is: a lesson and a step, both 0-based indices into the course.
public struct CoursePosition: Equatable, Sendable {
  public var lesson: Int
  public var step: Int

  public init(lesson: Int, step: Int) {
    self.lesson = lesson
    self.step = step
  }
}
