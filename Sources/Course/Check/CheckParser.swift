/// Reads a check into a `CheckExpression`, checking names and types as it goes.
///
/// Grammar, loosest binding first:
///
///     check      = or
///     or         = and { "or" and }
///     and        = not { "and" not }
///     not        = "not" not | comparison
///     comparison = sum [ ("==" | "!=" | "<" | "<=" | ">" | ">=") sum ]
///     sum        = product { ("+" | "-") product }
///     product    = unary { ("*" | "/") unary }
///     unary      = "-" unary | primary
///     primary    = NUMBER | STRING | "true" | "false" | NAME | NAME "(" args ")" | "(" or ")"
///
/// Every error names the column where the check went wrong.
///
/// NB: a check nests at most `maximumDepth` levels (parentheses, `not`, `-`, function calls,
/// and the tree a chain of operators builds), so that neither this recursive parser nor the
/// recursive evaluation of what it builds can run out of stack on a check written badly.
public struct CheckParser {
  /// The deepest a check may nest: far beyond any check a lesson needs.
  public static let maximumDepth = 64

  private let tokens: [CheckToken]
  private var index = 0
  /// Levels of recursion the parse is in now.
  private var nesting = 0
  private let types: (String) -> CheckType?
  private let names: [String]

  /// Parses `text` against the quantities of `QuantityCatalog`; the result is true or false.
  public static func parse(_ text: String) throws(CheckError) -> CheckExpression {
    try parse(text, quantities: QuantityCatalog.types, names: QuantityCatalog.names)
  }

  /// Parses `text` against the given quantity types (for tests and other catalogs).
  public static func parse(
    _ text: String, quantities: [String: CheckType], names: [String]
  ) throws(CheckError) -> CheckExpression {
    var parser = CheckParser(tokens: try CheckLexer.tokens(text), types: { quantities[$0] }, names: names)
    guard parser.current.kind != .end else { throw CheckError(column: 1, "the check is empty") }
    let (expression, type) = try parser.parseOr()
    guard parser.current.kind == .end else {
      throw CheckError(column: parser.current.column, "unexpected \(parser.current.shown) after a complete check")
    }
    guard type == .boolean else {
      throw CheckError(column: 1, "a check must be true or false, but this is \(type.phrase): compare it with something")
    }
    return expression
  }

  /// Parses an expression of any type, such as `test_accuracy` or `epochs - 6`, against the
  /// quantities of `QuantityCatalog`: what a lesson's `{{…}}` figure shows.
  public static func parseValue(_ text: String) throws(CheckError) -> (CheckExpression, CheckType) {
    var parser = CheckParser(
      tokens: try CheckLexer.tokens(text), types: { QuantityCatalog.types[$0] }, names: QuantityCatalog.names)
    guard parser.current.kind != .end else { throw CheckError(column: 1, "the expression is empty") }
    let (expression, type) = try parser.parseOr()
    guard parser.current.kind == .end else {
      throw CheckError(column: parser.current.column, "unexpected \(parser.current.shown) after a complete expression")
    }
    return (expression, type)
  }

  private init(tokens: [CheckToken], types: @escaping (String) -> CheckType?, names: [String]) {
    self.tokens = tokens
    self.types = types
    self.names = names
  }

  private var current: CheckToken { tokens[min(index, tokens.count - 1)] }

  private mutating func advance() { index += 1 }

  private func isWord(_ word: String) -> Bool { current.kind == .identifier(word) }
  private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

  private func expect(
    _ type: CheckType, _ got: CheckType, column: Int, _ role: String
  ) throws(CheckError) {
    guard type == got else {
      throw CheckError(column: column, "\(role) needs \(type.phrase), not \(got.phrase)")
    }
  }

  /// Enters one level of recursion; fails past `maximumDepth`.
  private mutating func enter(column: Int) throws(CheckError) {
    nesting += 1
    guard nesting <= Self.maximumDepth else { throw Self.tooDeep(column: column) }
  }

  private mutating func leave() { nesting -= 1 }

  private static func tooDeep(column: Int) -> CheckError {
    CheckError(column: column, "the check nests more than \(maximumDepth) levels deep: write it more simply")
  }

  /// `node` once it is known to be no deeper than `maximumDepth`.
  private static func bounded(
    _ node: (CheckExpression, CheckType), column: Int
  ) throws(CheckError) -> (CheckExpression, CheckType) {
    guard node.0.depth(limit: maximumDepth) <= maximumDepth else { throw tooDeep(column: column) }
    return node
  }

  private mutating func parseOr() throws(CheckError) -> (CheckExpression, CheckType) {
    var (left, leftType) = try parseAnd()
    while isWord("or") {
      let column = current.column
      advance()
      let (right, rightType) = try parseAnd()
      try expect(.boolean, leftType, column: column, "'or'")
      try expect(.boolean, rightType, column: column, "'or'")
      (left, leftType) = try Self.bounded((.logic(.or, left, right), .boolean), column: column)
    }
    return (left, leftType)
  }

  private mutating func parseAnd() throws(CheckError) -> (CheckExpression, CheckType) {
    var (left, leftType) = try parseNot()
    while isWord("and") {
      let column = current.column
      advance()
      let (right, rightType) = try parseNot()
      try expect(.boolean, leftType, column: column, "'and'")
      try expect(.boolean, rightType, column: column, "'and'")
      (left, leftType) = try Self.bounded((.logic(.and, left, right), .boolean), column: column)
    }
    return (left, leftType)
  }

  private mutating func parseNot() throws(CheckError) -> (CheckExpression, CheckType) {
    guard isWord("not") else { return try parseComparison() }
    let column = current.column
    advance()
    try enter(column: column)
    let (operand, type) = try parseNot()
    leave()
    try expect(.boolean, type, column: column, "'not'")
    return try Self.bounded((.not(operand), .boolean), column: column)
  }

  private mutating func parseComparison() throws(CheckError) -> (CheckExpression, CheckType) {
    let (left, leftType) = try parseSum()
    guard case .symbol(let s) = current.kind, let op = CheckExpression.ComparisonOperator(rawValue: s) else {
      return (left, leftType)
    }
    let column = current.column
    advance()
    let (right, rightType) = try parseSum()
    switch op {
    case .equal, .notEqual:
      guard leftType == rightType else {
        throw CheckError(column: column, "'\(s)' compares \(leftType.phrase) with \(rightType.phrase): both sides must be of one kind")
      }
    default:
      try expect(.number, leftType, column: column, "'\(s)'")
      try expect(.number, rightType, column: column, "'\(s)'")
    }
    if case .symbol(let next) = current.kind, CheckExpression.ComparisonOperator(rawValue: next) != nil {
      throw CheckError(column: current.column, "comparisons do not chain: write 'a < b and b < c'")
    }
    return try Self.bounded((.compare(op, left, right), .boolean), column: column)
  }

  private mutating func parseSum() throws(CheckError) -> (CheckExpression, CheckType) {
    var (left, leftType) = try parseProduct()
    while case .symbol(let s) = current.kind, s == "+" || s == "-" {
      let column = current.column
      advance()
      let (right, rightType) = try parseProduct()
      try expect(.number, leftType, column: column, "'\(s)'")
      try expect(.number, rightType, column: column, "'\(s)'")
      (left, leftType) = try Self.bounded((.arithmetic(s == "+" ? .plus : .minus, left, right), .number), column: column)
    }
    return (left, leftType)
  }

  private mutating func parseProduct() throws(CheckError) -> (CheckExpression, CheckType) {
    var (left, leftType) = try parseUnary()
    while case .symbol(let s) = current.kind, s == "*" || s == "/" {
      let column = current.column
      advance()
      let (right, rightType) = try parseUnary()
      try expect(.number, leftType, column: column, "'\(s)'")
      try expect(.number, rightType, column: column, "'\(s)'")
      (left, leftType) = try Self.bounded((.arithmetic(s == "*" ? .times : .divided, left, right), .number), column: column)
    }
    return (left, leftType)
  }

  private mutating func parseUnary() throws(CheckError) -> (CheckExpression, CheckType) {
    guard isSymbol("-") else { return try parsePrimary() }
    let column = current.column
    advance()
    try enter(column: column)
    let (operand, type) = try parseUnary()
    leave()
    try expect(.number, type, column: column, "'-'")
    if case .number(let x) = operand { return (.number(-x), .number) }
    return try Self.bounded((.negate(operand), .number), column: column)
  }

  private mutating func parsePrimary() throws(CheckError) -> (CheckExpression, CheckType) {
    let token = current
    switch token.kind {
    case .number(let x):
      advance()
      return (.number(x), .number)
    case .string(let s):
      advance()
      return (.string(s), .string)
    case .symbol("("):
      advance()
      try enter(column: token.column)
      let inner = try parseOr()
      leave()
      guard isSymbol(")") else {
        throw CheckError(column: current.column, "expected ')' to close the '(' at column \(token.column), found \(current.shown)")
      }
      advance()
      return inner
    case .identifier(let name):
      advance()
      if name == "true" || name == "false" { return (.boolean(name == "true"), .boolean) }
      if ["and", "or", "not"].contains(name) {
        throw CheckError(column: token.column, "'\(name)' needs something on its left")
      }
      if isSymbol("(") { return try parseCall(name, column: token.column) }
      guard let type = types(name) else {
        let guess = Suggestion.closest(to: name, among: names).map { " (did you mean \($0)?)" } ?? ""
        throw CheckError(column: token.column, "unknown quantity '\(name)'\(guess)")
      }
      return (.quantity(name), type)
    case .end:
      throw CheckError(column: token.column, "the check ends too early: a value is missing")
    case .symbol(let s):
      throw CheckError(column: token.column, "expected a value, found '\(s)'")
    }
  }

  private mutating func parseCall(_ name: String, column: Int) throws(CheckError) -> (CheckExpression, CheckType) {
    guard let function = CheckFunction(rawValue: name) else {
      throw CheckError(column: column, "unknown function '\(name)': the functions are abs, min and max")
    }
    advance()  // "("
    try enter(column: column)
    var arguments: [CheckExpression] = []
    if !isSymbol(")") {
      while true {
        let argumentColumn = current.column
        let (argument, type) = try parseOr()
        try expect(.number, type, column: argumentColumn, "\(name)()")
        arguments.append(argument)
        guard isSymbol(",") else { break }
        advance()
      }
    }
    guard isSymbol(")") else {
      throw CheckError(column: current.column, "expected ',' or ')' in \(name)(), found \(current.shown)")
    }
    advance()
    leave()
    switch function {
    case .abs where arguments.count != 1:
      throw CheckError(column: column, "abs() takes one number, not \(arguments.count)")
    case .min, .max:
      guard arguments.count >= 2 else {
        throw CheckError(column: column, "\(name)() takes two or more numbers")
      }
    default: break
    }
    return try Self.bounded((.call(function, arguments), .number), column: column)
  }
}
