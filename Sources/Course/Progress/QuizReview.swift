/// The answers one quiz has had in review, kept with the progress.
///
/// A quiz is known by its lesson's name, its step's title and a hash of its text (the question,
/// then each choice and which is right), so that a quiz edited since it was answered starts
/// its schedule afresh instead of inheriting the old one's answers.
///
///     {"lesson": "welcome", "step": "Questions", "quiz": "3f0c…", "answers": [{"time": 1795000000, "correct": true}]}
public struct QuizReview: Codable, Equatable, Sendable {
  public var lesson: String
  public var step: String
  /// 16 lowercase hexadecimal digits: `QuizReview.hash(of:)`.
  public var quiz: String
  /// Oldest first.
  public var answers: [ReviewAnswer]

  public init(lesson: String, step: String, quiz: String, answers: [ReviewAnswer] = []) {
    self.lesson = lesson
    self.step = step
    self.quiz = quiz
    self.answers = answers
  }

  /// Whether this is the record of the quiz `lesson`/`step`/`quiz` names.
  public func isFor(lesson: String, step: String, quiz: String) -> Bool {
    self.lesson == lesson && self.step == step && self.quiz == quiz
  }

  /// The most answers kept per quiz: the schedule needs only those since the last wrong one.
  public static let maximumAnswers = 20

  /// FNV-1a (64 bits) of the quiz's text, as 16 hex digits: the same on every machine and run.
  public static func hash(of quiz: Quiz) -> String {
    var text = quiz.question + "\n"
    for choice in quiz.choices { text += (choice.isCorrect ? "*" : "-") + choice.text + "\n" }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x0000_0100_0000_01b3
    }
    let digits = String(h, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// One answer given in review: when, and whether it was right.
public struct ReviewAnswer: Codable, Equatable, Hashable, Sendable {
  /// Seconds since 1970 UTC.
  public var time: Int
  public var correct: Bool

  public init(time: Int, correct: Bool) {
    self.time = time
    self.correct = correct
  }
}
