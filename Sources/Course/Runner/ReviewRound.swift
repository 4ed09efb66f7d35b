/// A quiz of a completed lesson that is due for review.
public struct ReviewItem: Equatable, Sendable {
  /// Indices into the course's lessons and that lesson's steps.
  public let lesson: Int
  public let step: Int
  /// `QuizReview.hash(of:)` of the quiz.
  public let quiz: String
  /// When it fell due (seconds since 1970 UTC).
  public let due: Int
}

/// The review questions of one opening of the tutor, and how far the learner is through them.
public struct ReviewRound: Equatable, Sendable {
  public var items: [ReviewItem]
  /// The question shown now.
  public var index = 0
  /// The question shown now has been answered (its explanation is showing).
  public var answered = false
  public var right = 0

  public init(items: [ReviewItem]) {
    self.items = items
  }

  /// The most questions one opening asks.
  public static let limit = 3

  /// The quizzes due at `now`, the most overdue first (then in course order), at most `limit`.
  ///
  /// Only completed lessons with a completion time count. A quiz whose text quotes a run's
  /// figures (`{{…}}`) is left out: its figures need the run it was asked after.
  public static func due(_ course: Course, _ progress: CourseProgress, now: Int, limit: Int = ReviewRound.limit) -> [ReviewItem] {
    dueItems(course, progress, now: now).prefix(limit).map { $0 }
  }

  /// Every quiz due at `now`, most overdue first.
  static func dueItems(_ course: Course, _ progress: CourseProgress, now: Int) -> [ReviewItem] {
    var items: [ReviewItem] = []
    for (l, lesson) in course.lessons.enumerated() {
      let state = progress.state(lesson.name)
      guard state.completed, let done = state.completedAt else { continue }
      for (s, step) in lesson.steps.enumerated() {
        guard let quiz = step.quiz, isReviewable(quiz) else { continue }
        let hash = QuizReview.hash(of: quiz)
        let answers = progress.reviewAnswers(lesson: lesson.name, step: step.title, quiz: hash)
        guard let due = ReviewSchedule.due(completedAt: done, answers: answers), due <= now else { continue }
        items.append(ReviewItem(lesson: l, step: s, quiz: hash, due: due))
      }
    }
    // NB: a stable sort: equal due times keep the course's order.
    return items.enumerated().sorted { ($0.element.due, $0.offset) < ($1.element.due, $1.offset) }.map(\.element)
  }

  /// The next time after `now` that a quiz of a completed lesson falls due; nil when none will.
  public static func nextDue(_ course: Course, _ progress: CourseProgress, after now: Int) -> Int? {
    var next: Int?
    for lesson in course.lessons {
      let state = progress.state(lesson.name)
      guard state.completed, let done = state.completedAt else { continue }
      for step in lesson.steps {
        guard let quiz = step.quiz, isReviewable(quiz) else { continue }
        let answers = progress.reviewAnswers(lesson: lesson.name, step: step.title, quiz: QuizReview.hash(of: quiz))
        if let due = ReviewSchedule.due(completedAt: done, answers: answers), due > now {
          next = min(next ?? due, due)
        }
      }
    }
    return next
  }

  /// A quiz can be asked away from its lesson: it quotes no figure of a run.
  public static func isReviewable(_ quiz: Quiz) -> Bool {
    !LessonText.hasFigures(quiz.question)
      && !quiz.choices.contains { LessonText.hasFigures($0.text) || LessonText.hasFigures($0.explanation) }
      && quiz.correctIndex != nil
  }
}
