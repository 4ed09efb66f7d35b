/// A request to the session's thread, carried out between two training steps.
enum WorkerJob: Equatable, Sendable {
  /// Opens the course where the learner left it.
  case start(lesson: String?)
  /// A line of the command language.
  case line(String)
  case scaleLearningRate(Double)
  case scaleBatch(Double)
  case fork
  /// Start training until stopped or until a target.
  case train(TrainingTarget)
  /// One pace faster or slower on the ladder.
  case changePace(faster: Bool)
  /// Compute the drawing's probabilities now.
  case classify
}

/// How long background training goes on.
enum TrainingTarget: Equatable, Sendable {
  case untilStopped
  /// Until the run has done this many steps in all.
  case step(Int)
  /// Until the run has completed this many epochs in all.
  case epoch(Int)
}
