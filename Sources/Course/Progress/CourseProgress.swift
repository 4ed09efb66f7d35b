/// How far the learner has got: per lesson, the step they are on and the steps done.
///
/// Saved as JSON in `progress.json`; lessons are keyed by name so that adding a lesson does
/// not shift anyone's progress.
public struct CourseProgress: Codable, Equatable, Sendable {
  /// One lesson's state.
  public struct LessonState: Codable, Equatable, Sendable {
    /// The step the learner is on (0-based).
    public var step = 0
    /// Steps whose task and quiz are done (0-based, ascending).
    public var doneSteps: [Int] = []
    /// Set once every step has been done; stays set when the lesson is redone.
    public var completed = false
    /// When the lesson was first completed, in seconds since 1970 UTC: its quizzes' review
    /// schedule counts from it. Nil in a file from before reviews (stamped when next opened).
    public var completedAt: Int?
    /// The predictions committed, by step (0-based): a letter, or a number as typed. Absent
    /// in files written before predictions existed.
    public var predictions: [Int: String]?

    public init(step: Int = 0, doneSteps: [Int] = [], completed: Bool = false, completedAt: Int? = nil) {
      self.step = step
      self.doneSteps = doneSteps
      self.completed = completed
      self.completedAt = completedAt
    }
  }

  /// The file format's version.
  public var version = 1
  /// The lesson the learner was in last.
  public var currentLesson: String?
  public var lessons: [String: LessonState] = [:]
  /// The answers given in review, one entry per quiz (`ReviewSchedule` says when each is due).
  public var reviews: [QuizReview] = []

  public init() {}

  enum CodingKeys: String, CodingKey {
    case version, currentLesson, lessons, reviews
  }

  /// Reads a file with or without `reviews` (a file from before reviews has none).
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    version = try c.decode(Int.self, forKey: .version)
    currentLesson = try c.decodeIfPresent(String.self, forKey: .currentLesson)
    lessons = try c.decode([String: LessonState].self, forKey: .lessons)
    reviews = try c.decodeIfPresent([QuizReview].self, forKey: .reviews) ?? []
  }

  /// Writes `reviews` only when there are some, so that a file without reviews reads as before.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(version, forKey: .version)
    try c.encodeIfPresent(currentLesson, forKey: .currentLesson)
    try c.encode(lessons, forKey: .lessons)
    if !reviews.isEmpty { try c.encode(reviews, forKey: .reviews) }
  }

  public func state(_ lesson: String) -> LessonState {
    lessons[lesson] ?? LessonState()
  }

  public mutating func markDone(_ lesson: String, step: Int) {
    var s = state(lesson)
    if !s.doneSteps.contains(step) {
      s.doneSteps.append(step)
      s.doneSteps.sort()
    }
    lessons[lesson] = s
  }

  public mutating func commitPrediction(_ lesson: String, step: Int, _ guess: String) {
    var s = state(lesson)
    s.predictions = (s.predictions ?? [:]).merging([step: guess]) { _, new in new }
    lessons[lesson] = s
  }

  public mutating func setStep(_ lesson: String, _ step: Int) {
    var s = state(lesson)
    s.step = step
    lessons[lesson] = s
    currentLesson = lesson
  }
}
