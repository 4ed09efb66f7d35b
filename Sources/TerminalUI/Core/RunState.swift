/// Where training stands, as the status line tells it.
public enum RunState: Equatable, Sendable {
  /// Nothing trained yet.
  case ready
  /// Training runs in the background.
  case running
  /// The learner stopped it (space, Ctrl-C, `stop`).
  case paused
  /// It reached its target (`train 2 epochs`, a lesson's demo, `step`).
  case ended
  /// The loss became NaN or infinite, or the ball flew off.
  case diverged
}
