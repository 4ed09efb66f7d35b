extension CourseProgress {
  /// The longest lesson name or step title a review entry may hold.
  static let maximumNameLength = 1_000

  /// The review entries whose every field is sound, and one line for each left out: a name
  /// or title empty or too long, a quiz hash that is not 16 hexadecimal digits, more than
  /// `QuizReview.maximumAnswers` answers, a time outside 0...`latestTime`, or a quiz listed
  /// twice.
  ///
  ///     validatedReviews([QuizReview(lesson: "welcome", step: "Questions", quiz: "xyz")])
  ///     // → [], ["review of welcome, step \"Questions\": quiz hash \"xyz\" is not 16 hexadecimal digits"]
  static func validatedReviews(_ reviews: [QuizReview]) -> (kept: [QuizReview], problems: [String]) {
    var kept: [QuizReview] = []
    var problems: [String] = []
    for review in reviews {
      let name = "review of \(review.lesson.isEmpty ? "a lesson without a name" : String(review.lesson.prefix(60)))"
        + ", step \"\(review.step.prefix(60))\""
      let duplicate = kept.contains { $0.isFor(lesson: review.lesson, step: review.step, quiz: review.quiz) }
      if let problem = duplicate ? "the quiz appears twice" : reviewProblem(review) {
        problems.append("\(name): \(problem)")
      } else {
        var sound = review
        sound.answers.sort { ($0.time, $0.correct ? 1 : 0) < ($1.time, $1.correct ? 1 : 0) }
        kept.append(sound)
      }
    }
    return (kept, problems)
  }

  /// What is wrong with one review entry's fields; nil when nothing is.
  static func reviewProblem(_ review: QuizReview) -> String? {
    if review.lesson.isEmpty || review.lesson.count > maximumNameLength {
      return "the lesson name is empty or longer than \(maximumNameLength) characters"
    }
    if review.step.isEmpty || review.step.count > maximumNameLength {
      return "the step title is empty or longer than \(maximumNameLength) characters"
    }
    let hex = review.quiz.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    if review.quiz.utf8.count != 16 || !hex {
      return "quiz hash \"\(review.quiz.prefix(40))\" is not 16 hexadecimal digits"
    }
    if review.answers.count > QuizReview.maximumAnswers {
      return "\(review.answers.count) answers, more than the \(QuizReview.maximumAnswers) kept"
    }
    if let bad = review.answers.first(where: { !(0...latestTime).contains($0.time) }) {
      return "answer time \(bad.time) is outside 0...\(latestTime) (seconds since 1970)"
    }
    return nil
  }
}
