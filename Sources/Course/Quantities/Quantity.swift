/// One thing a check can name: `train_loss`, `lr`, `diverged`…
public struct Quantity: Sendable {
  /// The kinds of quantities, in the order Lessons/README.md lists them.
  public enum Group: String, Sendable, CaseIterable {
    case settings
    case model
    case training
    case results
    case behaviour
    case landscape
    case tutor
  }

  public let name: String
  public let type: CheckType
  public let group: Group
  /// One line for lesson authors: what it measures and when it has no value.
  public let summary: String
  let read: @Sendable (QuantityReader) -> QuantityValue

  init(
    _ name: String, _ type: CheckType, _ group: Group, _ summary: String,
    read: @escaping @Sendable (QuantityReader) -> QuantityValue
  ) {
    self.name = name
    self.type = type
    self.group = group
    self.summary = summary
    self.read = read
  }
}
