/// One line of `mltutor data list`: a data set the catalog knows, whether or not it can be
/// loaded on this machine.
public struct DatasetEntry: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    case images = "images"
    case regression = "regression"
    case classification = "classification"
    case landscape1D = "landscape 1-D"
    case landscape2D = "landscape 2-D"
    case yourImages = "your images"
    case yourTable = "your table"
  }

  /// The name to load it by (a pattern such as `csv:FILE:COLUMN` for your own data).
  public let name: String
  public let kind: Kind
  /// Examples in the train and test splits (`4,000 + 1,000`), or what it holds.
  public let size: String
  /// Where it comes from: a folder, `generated`, or what to give.
  public let source: String
  /// Whether it can be loaded now.
  public let available: Bool
  /// One line: what it is.
  public let summary: String
  /// The settings it takes.
  public let knobs: [DatasetKnob]
  /// When not available: what to do about it.
  public let remedy: String?

  public init(
    name: String, kind: Kind, size: String, source: String, available: Bool = true,
    summary: String, knobs: [DatasetKnob] = [], remedy: String? = nil
  ) {
    self.name = name
    self.kind = kind
    self.size = size
    self.source = source
    self.available = available
    self.summary = summary
    self.knobs = knobs
    self.remedy = remedy
  }
}
