/// Text from a file quoted in a message, cut short so that a 5 MB cell still makes one
/// readable line: `"12,5 m²"`, `"aaaaaaaa…" (5,000,000 characters)`.
func quoted(_ text: some StringProtocol, limit: Int = 40) -> String {
  guard text.count > limit else { return "\"\(text)\"" }
  return "\"\(text.prefix(limit))…\" (\(grouped(text.count)) characters)"
}

/// Names listed in a message, each quoted and cut short, and at most `limit` of them:
/// `"a", "b", "c" and 97 more`.
func quotedList(_ names: [String], limit: Int = 10) -> String {
  let shown = names.prefix(limit).map { quoted($0) }.joined(separator: ", ")
  return names.count > limit ? "\(shown) and \(grouped(names.count - limit)) more" : shown
}
