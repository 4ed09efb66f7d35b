/// One step of a lesson: prose and demos shown when it opens, then something to do.
///
/// A step is done when its task's check has held once and its quiz, if any, has been answered
/// right.
public struct LessonStep: Sendable {
  /// A piece of the step's body, shown in order when the step opens.
  public enum Block: Sendable, Equatable {
    /// A paragraph or list item, one line for the front end to wrap.
    case paragraph(String)
    /// Lines from a ``` fence, shown as they are.
    case preformatted([String])
    /// A command the tutor runs for the learner.
    case demo(String, line: Int)
  }

  public let title: String
  public let line: Int
  public var blocks: [Block] = []
  public var task: LessonTask?
  public var quiz: Quiz?
  /// A prediction the learner commits before what follows it in the step is shown.
  public var prediction: Prediction?
  /// Commands that set the state the step starts from, run quietly after the settings are
  /// made fresh (`setup: set lr 0.5`); empty leaves the state as the step before left it.
  public var setup: [SetupCommand] = []
  /// The live charts the step wants in sight, first pane first (`charts: fit, loss`); empty
  /// leaves the choice to the front end.
  public var charts: [String] = []

  /// The names a `charts:` line may use.
  public static let chartNames = ["loss", "probs", "fit", "boundary", "landscape", "weights"]

  public init(title: String, line: Int) {
    self.title = title
    self.line = line
  }

  /// The demo commands with their lines.
  public var demos: [(command: String, line: Int)] {
    blocks.compactMap {
      if case .demo(let command, let line) = $0 { return (command, line) }
      return nil
    }
  }
}

/// A `setup:` command with its line.
public struct SetupCommand: Sendable, Equatable {
  public let command: String
  public let line: Int

  public init(command: String, line: Int) {
    self.command = command
    self.line = line
  }
}

extension LessonStep {
  /// Whether the step's question quotes figures about the task's result, so that it is asked
  /// only once the task is done (no text reveals a result before the learner produces it).
  public var quizAwaitsTask: Bool {
    guard let quiz, let task, quiz.line > task.line else { return false }
    return LessonText.hasFigures(quiz.question)
      || quiz.choices.contains { LessonText.hasFigures($0.text) || LessonText.hasFigures($0.explanation) }
  }
}

/// What the learner is asked to bring about, and how the tutor sees that it happened.
public struct LessonTask: Sendable {
  public let text: String
  public let line: Int
  /// The check as written; empty when the task has none (a problem the linter reports).
  public var checkSource = ""
  public var checkLine = 0
  /// The parsed check, nil when missing or unreadable.
  public var check: CheckExpression?
  /// Escalating hints; the last gives the exact commands.
  public var hints: [Hint] = []

  public init(text: String, line: Int) {
    self.text = text
    self.line = line
  }
}

/// A hint: text, in which `backticked` spans are commands.
public struct Hint: Sendable, Equatable {
  public let text: String
  public let line: Int

  /// Every span between backticks, in order: in the last hint, the commands that solve the task.
  public var commands: [String] {
    let parts = text.split(separator: "`", omittingEmptySubsequences: false)
    return stride(from: 1, to: parts.count - (parts.count % 2 == 0 ? 1 : 0), by: 2).map {
      String(parts[$0]).trimmingSpaces
    }
  }
}

/// A question answered with one key, with an explanation for every choice.
public struct Quiz: Sendable {
  public struct Choice: Sendable, Equatable {
    public let text: String
    public let explanation: String
    public let isCorrect: Bool
    public let line: Int
  }

  public let question: String
  public let line: Int
  public var choices: [Choice] = []

  public init(question: String, line: Int) {
    self.question = question
    self.line = line
  }

  /// The key of choice i: a, b, c…
  public static func key(_ i: Int) -> String {
    guard let scalar = Unicode.Scalar(UInt32(97 + i)) else { return "?" }
    return String(Character(scalar))
  }

  /// The index of the choice a key names, nil for a key that names none.
  public func index(ofKey key: String) -> Int? {
    let k = key.lowercased()
    return choices.indices.first { Quiz.key($0) == k }
  }

  public var correctIndex: Int? { choices.firstIndex { $0.isCorrect } }
}

extension String {
  /// Without spaces and tabs at either end.
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
    return String(s)
  }
}
