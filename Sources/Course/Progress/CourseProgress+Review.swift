extension CourseProgress {
  /// The latest time a progress file may hold: the last second of the year 9999.
  public static let latestTime = 253_402_300_799

  /// The answers given in review to one quiz (none when it has not been reviewed).
  public func reviewAnswers(lesson: String, step: String, quiz: String) -> [ReviewAnswer] {
    reviews.first { $0.isFor(lesson: lesson, step: step, quiz: quiz) }?.answers ?? []
  }

  /// Records an answer given in review; only the latest `QuizReview.maximumAnswers` are kept.
  public mutating func recordReview(lesson: String, step: String, quiz: String, _ answer: ReviewAnswer) {
    if let i = reviews.firstIndex(where: { $0.isFor(lesson: lesson, step: step, quiz: quiz) }) {
      reviews[i].answers = Array((reviews[i].answers + [answer]).suffix(QuizReview.maximumAnswers))
    } else {
      reviews.append(QuizReview(lesson: lesson, step: step, quiz: quiz, answers: [answer]))
    }
  }

  /// Gives a completion time of `now` to every completed lesson that lacks one (a file from
  /// before reviews), so that its reviews start a day later; true when any was given.
  public mutating func stampCompletions(now: Int) -> Bool {
    var changed = false
    for (name, state) in lessons where state.completed && state.completedAt == nil {
      lessons[name]?.completedAt = now
      changed = true
    }
    return changed
  }
}
