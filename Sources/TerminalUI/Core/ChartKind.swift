/// The charts the chart pane can show; Tab goes to the next one the data allows.
public enum ChartKind: String, CaseIterable, Equatable, Hashable, Sendable {
  /// Batch loss per step, test loss per epoch, markers where a setting changed.
  case loss
  /// The probability array of the current test example, with its picture.
  case probs
  /// The model's line or curve through a 1-D regression set.
  case fit
  /// The decision boundary of a 2-D classifier.
  case boundary
  /// The ball on a loss landscape.
  case landscape
  /// First-layer weights as images.
  case weights
  /// The last chart a command drew (`plot confusion`, `compare a b`...).
  case pinned

  /// The line a chart pane shows above the chart.
  public var label: String {
    switch self {
    case .loss: return "loss"
    case .probs: return "probabilities"
    case .fit: return "fit"
    case .boundary: return "decision boundary"
    case .landscape: return "landscape"
    case .weights: return "weights"
    case .pinned: return "last plot"
    }
  }
}
