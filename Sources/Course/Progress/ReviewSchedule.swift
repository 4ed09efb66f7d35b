/// When a completed lesson's quiz is next due for review: a pure function of when the lesson
/// was completed and the answers the quiz has had in review since.
///
/// The gaps between reviews grow with each right answer in a row: 1, 3, 7, then 21 days. The
/// first review is due a day after the lesson was completed; a right answer at time t makes
/// the next due at t + the next gap; a wrong one brings the quiz back a day later and starts
/// the ladder again. After four right answers in a row the quiz is learnt and not asked again.
///
///     due(completedAt: t, answers: [])                          // t + 1 day
///     due(completedAt: t, answers: [right at t + 1 day])        // t + 4 days (3 after it)
///     due(completedAt: t, answers: [wrong at t + 1 day])        // t + 2 days
public enum ReviewSchedule {
  public static let day = 86_400
  /// The gaps between reviews, in days, for 0, 1, 2 and 3 right answers in a row.
  public static let gaps = [1, 3, 7, 21]

  /// When the quiz is next due (seconds since 1970 UTC), or nil once it is learnt.
  public static func due(completedAt: Int, answers: [ReviewAnswer]) -> Int? {
    var last = completedAt
    var rightInARow = 0
    // NB: answers are taken in time order whatever order the file lists them in.
    for answer in answers.sorted(by: { ($0.time, $0.correct ? 1 : 0) < ($1.time, $1.correct ? 1 : 0) }) {
      rightInARow = answer.correct ? rightInARow + 1 : 0
      last = max(last, answer.time)
    }
    guard rightInARow < gaps.count else { return nil }
    return last + gaps[rightInARow] * day
  }
}
