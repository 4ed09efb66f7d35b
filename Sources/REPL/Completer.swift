import Tutor

/// What Tab offers for the word under the cursor, from the words before it.
///
/// Command names first; then each command's own words: setting names after `set`, data set
/// names after `data`, plot kinds after `plot`, run names after `use`, and file names after
/// `save`, `load` and `export pytorch` (those the line editor completes from the disk).
///
///     Completer(dataNames: ["apartments"]).complete(before: "data ", word: "ap")
///     // .words(["apartments"])
public struct Completer: Sendable {
  public enum Completion: Equatable, Sendable {
    case words([String])
    /// Complete a path from the file system.
    case files
  }

  public var dataNames: [String]
  public var runNames: [String]
  /// Commands beyond the session's (the lesson commands).
  public var extraCommands: [String]

  public init(dataNames: [String], runNames: [String] = [], extraCommands: [String] = []) {
    self.dataNames = dataNames
    self.runNames = runNames
    self.extraCommands = extraCommands
  }

  /// - Parameters:
  ///   - before: the line up to the start of the word being completed.
  ///   - word: the part of the word already typed.
  public func complete(before: String, word: String) -> Completion {
    let words = before.split(whereSeparator: \.isWhitespace).map(String.init)
    // `activation=re`: the editor splits the word at `=`, so the key ends `before`.
    if let last = words.last, before.last == "=" {
      return .words(filter(values(forKey: String(last.dropLast()).lowercased()), word))
    }
    guard let command = words.first?.lowercased() else {
      return .words(filter(CommandCatalog.names + extraCommands, word))
    }
    let position = words.count
    switch command {
    case "save", "load":
      return position == 1 ? .files : .words([])
    case "export":
      if position == 1 { return .words(filter(["pytorch"], word)) }
      return position == 2 ? .files : .words([])
    case "data":
      return .words(position == 1 ? filter(dataNames, word) : [])
    case "set":
      if position == 1 { return .words(filter(CommandCatalog.settings, word)) }
      if position == 2 && words[1].lowercased() == "optimizer" {
        return .words(filter(["sgd", "momentum", "nesterov", "adam"], word))
      }
      return .words([])
    case "use", "compare":
      let limit = command == "use" ? 1 : 2
      return .words(position <= limit ? filter(runNames, word) : [])
    case "train":
      return .words(position == 2 ? filter(CommandCatalog.arguments(for: "train"), word) : [])
    case "model":
      return .words(position == 1 ? filter(["linear"], word) : filter(["activation=", "init="], word))
    case "plot" where position > 1:
      // `plot landscape line RUN`: the straight line from the current weights to a run's.
      guard words[1].lowercased() == "landscape" else { return .words([]) }
      if position == 2 { return .words(filter(["line"], word)) }
      return .words(position == 3 && words[2].lowercased() == "line" ? filter(runNames, word) : [])
    case "help", "show", "plot":
      return .words(position == 1 ? filter(CommandCatalog.arguments(for: command), word) : [])
    default:
      return .words([])
    }
  }

  private func values(forKey key: String) -> [String] {
    switch key {
    case "activation": return ["relu", "leaky-relu", "sigmoid", "tanh"]
    case "init": return ["he", "xavier", "uniform", "zeros"]
    default: return []
    }
  }

  private func filter(_ candidates: [String], _ prefix: String) -> [String] {
    candidates.filter { $0.hasPrefix(prefix) }
  }
}
