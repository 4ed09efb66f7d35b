/// What is drawn over the panes, taking the keys while it is open.
public enum Overlay: Equatable, Sendable {
  case none
  /// Every key, listed.
  case help
  /// "Training is running: quit anyway?"
  case confirmQuit
  /// The 28×28 canvas for drawing a digit.
  case draw
}
