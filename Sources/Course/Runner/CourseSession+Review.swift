import Tutor

/// Review: when the course starts, the quizzes of completed lessons that are due come first
/// (at most `ReviewRound.limit`, the most overdue first). Each answer is recorded with the
/// progress and decides when the quiz comes back (`ReviewSchedule`).
extension CourseSession {
  /// The review question waiting for an answer, if any.
  public var reviewQuiz: Quiz? {
    guard let review, !review.answered, review.index < review.items.count else { return nil }
    return quizOf(review.items[review.index])
  }

  /// `review 1/3` and where the question comes from, for a status line; nil outside a review.
  public var reviewStatus: (status: String, title: String)? {
    guard let review, review.index < review.items.count else { return nil }
    let item = review.items[review.index]
    let lesson = course.lessons[item.lesson]
    return ("review \(review.index + 1)/\(review.items.count)", "\(lesson.name): \(lesson.steps[item.step].title)")
  }

  /// How many quizzes are due now (for a greeting).
  public var dueReviewCount: Int {
    ReviewRound.dueItems(course, progress, now: now()).count
  }

  /// Starts a round with the quizzes due now; nil when none is due. Completed lessons without
  /// a completion time (saved before reviews) get one now, so their reviews start tomorrow.
  func beginReview() -> CourseResponse? {
    reviewOffered = true
    let time = now()
    if progress.stampCompletions(now: time) { _ = save() }
    let items = ReviewRound.due(course, progress, now: time)
    guard !items.isEmpty else { return nil }
    review = ReviewRound(items: items)
    var response = CourseResponse()
    response.outputs.append(.text(ReviewCard.intro(count: items.count)))
    response.append(showReviewQuestion())
    return response
  }

  /// The open review question, on a fresh pane.
  func showReviewQuestion() -> CourseResponse {
    guard let review, review.index < review.items.count else { return CourseResponse() }
    let item = review.items[review.index]
    let lesson = course.lessons[item.lesson]
    let step = lesson.steps[item.step]
    guard let quiz = step.quiz else { return CourseResponse() }
    let lines = ReviewCard.question(
      quiz, number: review.index + 1, of: review.items.count, lesson: lesson, lessonNumber: item.lesson + 1,
      step: step, stepNumber: item.step + 1, completedAt: progress.state(lesson.name).completedAt ?? now(), now: now())
    return CourseResponse(outputs: [.text(lines)], events: [.reviewShown(lesson: lesson.name, step: item.step)])
  }

  /// Takes the answer to the open review question, records it and explains it.
  func reviewAnswer(_ key: String) -> CourseResponse {
    guard var round = review, round.index < round.items.count else { return failure("no review question is open") }
    guard !round.answered else {
      return failure("this question is answered: → or `next` goes on")
    }
    let item = round.items[round.index]
    guard let asked = quizOf(item) else { return failure("no review question is open") }
    guard let index = asked.index(ofKey: key) else {
      return failure("answer with a letter from a to \(Quiz.key(asked.choices.count - 1))")
    }
    let lesson = course.lessons[item.lesson]
    let step = lesson.steps[item.step]
    let correct = asked.choices[index].isCorrect
    let time = now()
    progress.recordReview(lesson: lesson.name, step: step.title, quiz: item.quiz, ReviewAnswer(time: time, correct: correct))
    round.answered = true
    if correct { round.right += 1 }
    review = round
    let answers = progress.reviewAnswers(lesson: lesson.name, step: step.title, quiz: item.quiz)
    let done = progress.state(lesson.name).completedAt ?? time
    var response = CourseResponse(events: [.answered(correct: correct)])
    let due = ReviewSchedule.due(completedAt: done, answers: answers)
    let last = round.index + 1 == round.items.count
    response.outputs.append(
      .text(
        ReviewCard.answer(asked, chosen: index, nextDue: due, now: time)
          + ReviewCard.goOn(isLast: last, right: round.right, total: round.items.count)))
    response.outputs += save()
    return response
  }

  /// `next` in a review: the next question once this one is answered; after the last, the
  /// lesson.
  func reviewNext() -> CourseResponse {
    guard var round = review else { return CourseResponse() }
    guard round.answered else {
      return failure("answer the question with its letter first, or `review skip` to leave the review for next time")
    }
    round.index += 1
    round.answered = false
    review = round
    guard round.index < round.items.count else { return endReview() }
    return showReviewQuestion()
  }

  /// `review skip`: the questions not answered stay due and come first next time.
  func skipReview() -> CourseResponse {
    guard let round = review else { return failure("no review is under way") }
    let left = round.items.count - round.index - (round.answered ? 1 : 0)
    var response = CourseResponse()
    if left > 0 {
      response.say("Review skipped: \(left == 1 ? "the question" : "the \(left) questions") left wait for next time.")
    }
    response.append(endReview())
    return response
  }

  /// Closes the review and goes on with the lesson: where the learner left off, or the
  /// open step again.
  func endReview() -> CourseResponse {
    review = nil
    return position == nil ? resume() : reshow()
  }

  /// `review`: the open question again, or a round of the quizzes due now.
  func reviewCommand(_ args: [String]) -> CourseResponse {
    let words = args.map { $0.lowercased() }
    if words == ["skip"] { return skipReview() }
    guard words.isEmpty else { return failure("usage: review [skip]") }
    if let round = review {
      return round.answered ? failure("this question is answered: → or `next` goes on") : showReviewQuestion()
    }
    if let round = beginReview() { return round }
    let time = now()
    guard let next = ReviewRound.nextDue(course, progress, after: time) else {
      return CourseResponse(outputs: [.line("Nothing to review: questions come back the day after you finish a lesson.")])
    }
    let when = "\(ReviewCard.within(next - time)), on \(ReviewClock.day(next))"
    return CourseResponse(outputs: [.line("Nothing to review now; the next question is due \(when).")])
  }

  func quizOf(_ item: ReviewItem) -> Quiz? {
    course.lessons[item.lesson].steps[item.step].quiz
  }
}
