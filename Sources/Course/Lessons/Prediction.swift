import Foundation
import Charts

/// A prediction the learner commits before the step shows what happens: a choice among
/// outcomes (loss-curve shapes or words), or a number.
///
///     predict: With lr = 1.5, what will the training loss do?
///     shape: falls-then-flat | not diverged and loss_dropped > 0.5
///     shape: blows-up | diverged
///     why: The factor 1 − 2 × lr is −2: every step doubles the error.
///
///     predict: What test accuracy will one epoch reach, in percent?
///     outcome: 100 * test_accuracy
///     within: 5
///     why: …
///
/// What comes after the `predict:` line in the step (its prose, its demos, its task and
/// question) waits until the prediction is committed. The outcome is measured once the demos
/// after it have run, or, when none follow it, once the task's check first holds.
public struct Prediction: Sendable {
  /// One outcome to choose: a curve shape or words, and the check that says it happened.
  public struct Option: Sendable {
    public let text: String
    /// The shape drawn beside the option, nil for an option in words.
    public let shape: CurveShape?
    public let conditionSource: String
    /// The parsed condition, nil when it does not parse.
    public let condition: CheckExpression?
    public let line: Int

    /// What the option says: the shape's words, or its own.
    public var label: String { shape?.title ?? text }
  }

  public let question: String
  public let line: Int
  /// The number of the step's blocks shown before the prediction.
  public let blockIndex: Int
  public var options: [Option] = []
  /// For a number: the expression measured, as written and parsed.
  public var outcomeSource = ""
  public var outcomeLine = 0
  public var outcome: CheckExpression?
  /// For a number: how far from the outcome a guess still counts as right.
  public var tolerance: Double?
  /// One line on why it happens, shown with the outcome.
  public var why = ""
  public var whyLine = 0

  /// The most options a prediction can have: the tutor's answer keys are a to e.
  public static let maximumOptions = 5

  public init(question: String, line: Int, blockIndex: Int) {
    self.question = question
    self.line = line
    self.blockIndex = blockIndex
  }

  /// A number is predicted (rather than an option chosen).
  public var isNumber: Bool { !outcomeSource.isEmpty }

  /// The option a key names, nil for none.
  public func index(ofKey key: String) -> Int? {
    let k = key.lowercased()
    return options.indices.first { Quiz.key($0) == k }
  }

  /// A typed guess as the number it stands for: `0.9`, `90`, `90%` (read as 90), `1,200`.
  public static func number(_ text: String) -> Double? {
    var t = text.trimmingSpaces.replacingOccurrences(of: ",", with: "")
    if t.hasSuffix("%") { t.removeLast() }
    guard let x = Double(t), x.isFinite else { return nil }
    return x
  }
}
