import Tutor

/// What the session's thread sends back to the screen after a job: outputs for the lesson pane
/// and a note for the command-line row.
public struct WorkerReply: Equatable, Sendable {
  public var outputs: [Output]
  /// The outputs open a lesson step (the lesson pane starts afresh).
  public var openedStep: Bool
  /// A short note about what a key did ("lr 0.05 → 0.1 at step 120").
  public var message: String?
  /// The message speaks of the training that just started: it goes when that training stops.
  public var messageWhileTraining: Bool

  public init(
    outputs: [Output] = [], openedStep: Bool = false, message: String? = nil,
    messageWhileTraining: Bool = false
  ) {
    self.outputs = outputs
    self.openedStep = openedStep
    self.message = message
    self.messageWhileTraining = messageWhileTraining
  }
}
