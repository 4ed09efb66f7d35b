import Tutor

/// The table of lessons with the learner's progress in each, for `lessons` and
/// `mltutor lessons`.
public enum CourseListing {
  /// One row per lesson: a mark for the current one, its number, name, title and progress.
  public static func table(_ course: Course, _ progress: CourseProgress, current: Int?) -> Table {
    let rows = course.lessons.enumerated().map { i, lesson -> [String] in
      let state = progress.state(lesson.name)
      let mark = current == i ? "▸" : ""
      return [mark, String(i + 1), lesson.name, lesson.title, describe(state, lesson, isCurrent: progress.currentLesson == lesson.name)]
    }
    // NB: in a narrow pane the title goes first, so that the progress is never cut.
    return Table(headers: ["", "#", "lesson", "title", "progress"], rows: rows, rightAligned: [1], optionalColumns: [3])
  }

  /// "not started", "step 3 of 6, 2 done", "done", "done, redoing: step 2 of 6".
  ///
  /// The numbers shown stay within the lesson whatever the state holds: the step is clamped
  /// to its steps and only distinct done steps among them are counted.
  static func describe(_ state: CourseProgress.LessonState, _ lesson: Lesson, isCurrent: Bool) -> String {
    let count = lesson.steps.count
    let step = min(max(0, state.step), max(0, count - 1)) + 1
    let done = Set(state.doneSteps.filter { (0..<count).contains($0) }).count
    if state.completed {
      let redoing = done < count && (isCurrent || done > 0)
      return redoing ? "done, redoing: step \(step) of \(count)" : "done"
    }
    if done == 0 && step == 1 && !isCurrent { return "not started" }
    return "step \(step) of \(count), \(done) done"
  }
}
