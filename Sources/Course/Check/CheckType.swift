/// The three kinds of value a check works with.
public enum CheckType: String, Sendable, Equatable {
  case number
  case string
  case boolean

  /// The word used in messages: "a number", "a string", "true or false".
  var phrase: String {
    switch self {
    case .number: return "a number"
    case .string: return "a string"
    case .boolean: return "true or false"
    }
  }
}
