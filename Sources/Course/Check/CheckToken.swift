/// One word or symbol of a check, with the column (1-based) where it starts.
struct CheckToken: Equatable, Sendable {
  enum Kind: Equatable, Sendable {
    case number(Double)
    case string(String)
    case identifier(String)
    /// `+ - * / ( ) , == != < <= > >=`
    case symbol(String)
    case end
  }

  let kind: Kind
  let column: Int

  /// How the token reads in an error message.
  var shown: String {
    switch kind {
    case .number(let x): return CheckValue.number(x).description
    case .string(let s): return "\"\(s)\""
    case .identifier(let name): return "'\(name)'"
    case .symbol(let s): return "'\(s)'"
    case .end: return "the end"
    }
  }
}
