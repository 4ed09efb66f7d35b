import Tutor

/// Tab completion for the command line: command names, then each command's argument words
/// (setting names, plot kinds...), from `CommandCatalog` and the tutor's own commands.
public struct Completion: Sendable {
  /// Command names offered for the first word.
  public var commands: [String]
  /// Words offered after a given command.
  public var arguments: @Sendable (String) -> [String]

  public init(commands: [String], arguments: @escaping @Sendable (String) -> [String]) {
    self.commands = commands
    self.arguments = arguments
  }

  /// The session's commands, the lesson commands and `draw`.
  public static func standard(extraCommands: [String] = []) -> Completion {
    let names = Array(Set(CommandCatalog.names + extraCommands + ["draw"])).sorted()
    return Completion(commands: names, arguments: { CommandCatalog.arguments(for: $0) })
  }

  /// What Tab does to `line` (cursor at its end): the completed line and the candidates when
  /// there is more than one.
  public func complete(_ line: String) -> (line: String, candidates: [String]) {
    let endsWithSpace = line.last == " "
    var words = line.split(separator: " ").map(String.init)
    let partial = endsWithSpace || words.isEmpty ? "" : words.removeLast()
    let options = words.isEmpty ? commands : arguments(words[0].lowercased())
    let matches = options.filter { $0.hasPrefix(partial) }
    guard !matches.isEmpty else { return (line, []) }
    let prefix = words.isEmpty ? "" : words.joined(separator: " ") + " "
    if matches.count == 1 {
      let word = matches[0]
      return (prefix + word + (word.hasSuffix("=") ? "" : " "), [])
    }
    return (prefix + Self.commonPrefix(matches), matches)
  }

  static func commonPrefix(_ words: [String]) -> String {
    guard var common = words.first else { return "" }
    for w in words.dropFirst() {
      while !w.hasPrefix(common) { common.removeLast() }
    }
    return common
  }
}
