/// Splits a check such as `abs(w - 4) < 1 and steps >= 10` into tokens.
///
/// Numbers are decimal (`0.5`, `1e-3`, `60`); strings are in double quotes; identifiers are
/// letters, digits and `_`, starting with a letter; `=` alone is taken for `==` with an error
/// that says so.
enum CheckLexer {
  static func tokens(_ text: String) throws(CheckError) -> [CheckToken] {
    let chars = Array(text)
    var tokens: [CheckToken] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      let column = i + 1
      if c.isWhitespace {
        i += 1
      } else if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
        var j = i
        while j < chars.count && (chars[j].isNumber || chars[j] == ".") { j += 1 }
        if j < chars.count && (chars[j] == "e" || chars[j] == "E") {
          var k = j + 1
          if k < chars.count && (chars[k] == "-" || chars[k] == "+") { k += 1 }
          if k < chars.count && chars[k].isNumber {
            j = k
            while j < chars.count && chars[j].isNumber { j += 1 }
          }
        }
        let word = String(chars[i..<j])
        guard let value = Double(word) else {
          throw CheckError(column: column, "'\(word)' is not a number")
        }
        if j < chars.count && (chars[j].isLetter || chars[j] == "_") {
          throw CheckError(column: j + 1, "a number must not run into a name: put an operator between them")
        }
        tokens.append(CheckToken(kind: .number(value), column: column))
        i = j
      } else if c.isLetter || c == "_" {
        var j = i
        while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
        tokens.append(CheckToken(kind: .identifier(String(chars[i..<j])), column: column))
        i = j
      } else if c == "\"" {
        var j = i + 1
        while j < chars.count && chars[j] != "\"" { j += 1 }
        guard j < chars.count else { throw CheckError(column: column, "this string is never closed: add a \"") }
        tokens.append(CheckToken(kind: .string(String(chars[(i + 1)..<j])), column: column))
        i = j + 1
      } else {
        let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
        if ["==", "!=", "<=", ">="].contains(two) {
          tokens.append(CheckToken(kind: .symbol(two), column: column))
          i += 2
        } else if "+-*/(),<>".contains(c) {
          tokens.append(CheckToken(kind: .symbol(String(c)), column: column))
          i += 1
        } else if c == "=" {
          throw CheckError(column: column, "'=' alone is not a comparison: write '==' to compare")
        } else if c == "!" {
          throw CheckError(column: column, "'!' alone means nothing here: write 'not' or '!='")
        } else {
          throw CheckError(column: column, "unexpected character '\(c)'")
        }
      }
    }
    tokens.append(CheckToken(kind: .end, column: chars.count + 1))
    return tokens
  }
}
