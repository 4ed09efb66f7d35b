/// Every quantity a check can name, with its type and meaning.
///
/// Lessons/README.md documents the same list; a test keeps the two in step.
public enum QuantityCatalog {
  public static let all: [Quantity] =
    settings + model + training + results + behaviour + landscape + tutor + prediction
    + validation + cost + measured

  public static let names: [String] = all.map(\.name)

  public static let types: [String: CheckType] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.name, $0.type) })

  public static func quantity(_ name: String) -> Quantity? {
    all.first { $0.name == name }
  }
}
