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
    return Table(headers: ["", "#", "lesson", "title", "progress"], rows: rows, rightAligned: [1])
  }

  /// "not started", "step 3 of 6, 2 done", "done", "done, redoing: step 2 of 6".
  static func describe(_ state: CourseProgress.LessonState, _ lesson: Lesson, isCurrent: Bool) -> String {
    let count = lesson.steps.count
    if state.completed {
      let redoing = state.doneSteps.count < count && (isCurrent || !state.doneSteps.isEmpty)
      return redoing ? "done, redoing: step \(state.step + 1) of \(count)" : "done"
    }
    if state.doneSteps.isEmpty && state.step == 0 && !isCurrent { return "not started" }
    return "step \(min(state.step, count - 1) + 1) of \(count), \(state.doneSteps.count) done"
  }
}
