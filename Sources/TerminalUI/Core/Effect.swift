/// What a key or a typed line asks the live part of the tutor to do; `TutorState.apply`
/// returns these and the app carries them out (on the thread that owns the session).
public enum Effect: Equatable, Sendable {
  /// Run a line of the command language (lesson commands included) and show its output.
  case run(String)
  /// Start training until stopped, or pause it.
  case toggleTraining
  /// Stop training (or a long command), keeping what was learned; nothing when at rest.
  case stopTraining
  /// Train one pace faster (`true`) or slower.
  case changePace(faster: Bool)
  /// Multiply the learning rate by `factor` at the next step.
  case scaleLearningRate(Double)
  /// Multiply the batch size by `factor` at the next step.
  case scaleBatch(Double)
  /// Copy the current run under a fresh name and switch to it.
  case fork
  /// Classify the drawing: the 784 pixels prepared as MNIST's were.
  case classify([Float])
  /// Stop classifying a drawing (the canvas closed).
  case stopClassifying
  /// Save the command history.
  case saveHistory
  /// Leave the tutor.
  case quit
}
