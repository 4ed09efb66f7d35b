extension CourseProgress {
  /// Joins the progress this process made (`self`, changed from `base`, what it last read or
  /// wrote) with what another process saved meanwhile (`disk`), so that neither loses steps.
  ///
  /// Per lesson: the done steps are this process's plus those another added since `base`
  /// (steps this process cleared to redo a lesson stay cleared); a lesson completed by either
  /// stays completed; the step is this process's where it moved it or is in that lesson now,
  /// else the other's. The current lesson is this process's, the later saver's. A lesson's
  /// completion time is the earlier of the two; a quiz's review answers are those of both.
  ///
  ///     mine.merged(base: lastRead, disk: onDisk)   // A's lesson 1 and B's lesson 2, both kept
  public func merged(base: CourseProgress, disk: CourseProgress) -> CourseProgress {
    var out = self
    out.currentLesson = currentLesson ?? disk.currentLesson
    for (name, theirs) in disk.lessons {
      guard let mine = lessons[name] else {
        out.lessons[name] = theirs
        continue
      }
      let old = base.lessons[name] ?? LessonState()
      var state = mine
      let added = Set(theirs.doneSteps).subtracting(old.doneSteps)
      state.doneSteps = Array(Set(mine.doneSteps).union(added)).sorted()
      state.completed = mine.completed || theirs.completed
      state.completedAt = [mine.completedAt, theirs.completedAt].compactMap { $0 }.min()
      // Predictions another process committed since `base` join this process's.
      let theirNew = (theirs.predictions ?? [:]).filter { old.predictions?[$0.key] == nil }
      let joined = theirNew.merging(mine.predictions ?? [:]) { _, own in own }
      state.predictions = joined.isEmpty ? nil : joined
      let moved = mine.step != old.step || name == currentLesson
      state.step = moved ? mine.step : theirs.step
      out.lessons[name] = state
    }
    out.reviews = Self.mergedReviews(reviews, disk.reviews)
    return out
  }

  /// Every quiz of either list, with the answers of both (each once, in time order, the
  /// latest `QuizReview.maximumAnswers` kept).
  static func mergedReviews(_ mine: [QuizReview], _ theirs: [QuizReview]) -> [QuizReview] {
    var out = mine
    for other in theirs {
      guard let i = out.firstIndex(where: { $0.isFor(lesson: other.lesson, step: other.step, quiz: other.quiz) }) else {
        out.append(other)
        continue
      }
      let all = Array(Set(out[i].answers).union(other.answers))
        .sorted { ($0.time, $0.correct ? 1 : 0) < ($1.time, $1.correct ? 1 : 0) }
      out[i].answers = Array(all.suffix(QuizReview.maximumAnswers))
    }
    return out
  }
}
