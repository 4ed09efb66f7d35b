extension CourseProgress {
  /// The most steps a lesson the course does not know may claim (a lesson of another course
  /// folder, kept for when that course is used again).
  static let maximumSteps = 10_000
  /// The longest prediction kept: a letter, or a number as typed.
  static let maximumGuessLength = 32

  /// The part of the progress whose every field is in range for `course`, and one line for
  /// each lesson entry left out.
  ///
  /// A lesson of the course must have its step among its steps and its done steps among them
  /// too, each once. A lesson the course does not have is kept as it is (it may belong to
  /// another course folder) when its numbers are sane: not negative, not above
  /// `maximumSteps`, no step done twice. A current lesson the course lacks is kept and
  /// ignored.
  ///
  ///     p.validated(against: ["welcome": 5])   // step 9 of "welcome" → left out, with a reason
  public func validated(against stepCounts: [String: Int]) -> (progress: CourseProgress, problems: [String]) {
    var kept = self
    var problems: [String] = []
    for name in lessons.keys.sorted() {
      guard let state = lessons[name] else { continue }
      if let problem = Self.problem(state, steps: stepCounts[name]) {
        problems.append("\(name.isEmpty ? "a lesson without a name" : "lesson \(name)"): \(problem)")
        kept.lessons[name] = nil
      } else {
        kept.lessons[name]?.doneSteps = state.doneSteps.sorted()
      }
    }
    let (reviews, reviewProblems) = Self.validatedReviews(reviews)
    kept.reviews = reviews
    return (kept, problems + reviewProblems)
  }

  /// The lessons of a course and their number of steps.
  public static func stepCounts(_ course: Course) -> [String: Int] {
    Dictionary(course.lessons.map { ($0.name, $0.steps.count) }, uniquingKeysWith: { a, _ in a })
  }

  /// What is out of range in one lesson's state, in the file's own terms (steps count from
  /// 0); nil when nothing is.
  static func problem(_ state: LessonState, steps count: Int?) -> String? {
    let upper = count ?? maximumSteps
    // A lesson without steps has only the step it starts at.
    let range = 0...max(0, upper - 1)
    let why = count.map { "it has \($0) step\($0 == 1 ? "" : "s")" } ?? "no lesson has more than \(upper) steps"
    guard range.contains(state.step) else {
      return "step \(state.step) is outside \(range.lowerBound)...\(range.upperBound), as \(why)"
    }
    if let t = state.completedAt, !(0...latestTime).contains(t) {
      return "completion time \(t) is outside 0...\(latestTime) (seconds since 1970)"
    }
    var seen = Set<Int>()
    for step in state.doneSteps {
      guard range.contains(step), upper > 0 else {
        return "done step \(step) is outside \(range.lowerBound)...\(range.upperBound), as \(why)"
      }
      guard seen.insert(step).inserted else { return "done step \(step) appears twice" }
    }
    for (step, guess) in (state.predictions ?? [:]).sorted(by: { $0.key < $1.key }) {
      guard range.contains(step), upper > 0 else {
        return "the prediction of step \(step) is outside \(range.lowerBound)...\(range.upperBound), as \(why)"
      }
      guard !guess.isEmpty, guess.count <= maximumGuessLength else {
        return "the prediction of step \(step) is \(guess.isEmpty ? "empty" : "longer than \(maximumGuessLength) characters")"
      }
    }
    return nil
  }
}
