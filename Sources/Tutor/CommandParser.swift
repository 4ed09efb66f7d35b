/// A problem with a typed command, in one line: what was wrong and, for a known command,
/// its usage line.
public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Turns a line of text into a `Command`. Words are separated by spaces; a word in double
/// quotes may contain spaces (`save "my model.mlt"`); `#` starts a comment.
public enum CommandParser {
  /// Parses one line; nil for a blank or comment-only line.
  public static func parse(_ line: String) throws(CommandError) -> Command? {
    let words = try tokenize(line)
    guard let name = words.first else { return nil }
    let args = Array(words.dropFirst())
    guard let info = CommandCatalog.info(name.lowercased()) else {
      if let guess = CommandCatalog.closest(to: name.lowercased()) {
        throw CommandError("unknown command '\(name)': did you mean `\(guess)`?")
      }
      throw CommandError("unknown command '\(name)': type `help` for the list")
    }
    func usage(_ why: String? = nil) -> CommandError {
      CommandError((why.map { $0 + "; " } ?? "") + "usage: \(info.usage)")
    }
    switch info.name {
    case "help":
      guard args.count <= 1 else { throw usage() }
      return .help(args.first)
    case "data":
      guard let set = args.first else { throw usage("which data set?") }
      return .data(name: set, options: try keyValues(args.dropFirst(), usage: usage))
    case "model":
      guard let sizes = args.first else { throw usage("which model?") }
      // Words without `=` name the kind of block (`784-64x8-10 residual`): part of the spec.
      let words = args.dropFirst().filter { !$0.contains("=") }
      let spec = ([sizes] + words).joined(separator: " ")
      let options = try keyValues(args.dropFirst().filter { $0.contains("=") }[...], usage: usage)
      for key in options.keys where key != "activation" && key != "init" {
        throw usage("unknown option '\(key)'")
      }
      return .model(spec: spec, options: options)
    case "set":
      guard args.count == 2 else { throw usage() }
      return .set(name: args[0].lowercased(), value: args[1])
    case "show":
      guard args.count == 1 else { throw usage() }
      return .show(args[0].lowercased())
    case "step":
      guard args.count <= 1 else { throw usage() }
      guard let word = args.first else { return .step(1) }
      return .step(try count(word, usage: usage))
    case "train":
      switch args.count {
      case 0: return .train(.untilStopped)
      case 1: return .train(.steps(try count(args[0], usage: usage)))
      case 2:
        let n = try count(args[0], usage: usage)
        switch args[1].lowercased() {
        case "step", "steps": return .train(.steps(n))
        case "epoch", "epochs": return .train(.epochs(n))
        default: throw usage("'\(args[1])' is neither steps nor epochs")
        }
      default: throw usage()
      }
    case "predict":
      guard args.count == 1 else { throw usage() }
      let word = args[0]
      if word.hasPrefix("#") {
        return .predict(.example(try index(String(word.dropFirst()), usage: usage)))
      }
      guard let value = Double(word), value.isFinite else {
        throw usage("'\(word)' is not a number")
      }
      return .predict(.value(value))
    case "plot":
      switch args.first?.lowercased() {
      case "mistakes":
        guard args.count == 1 || args.count == 3 else { throw usage("mistakes takes two classes, TRUE and PREDICTED, or none") }
        return .plotMistakes(truth: args.count == 3 ? args[1] : nil, predicted: args.count == 3 ? args[2] : nil)
      case "landscape" where args.count > 1:
        guard args[1].lowercased() == "line", args.count <= 3 else { throw usage("the landscape is `plot landscape` or `plot landscape line [RUN]`") }
        return .plotLandscapeLine(run: args.count == 3 ? args[2] : nil)
      default: break
      }
      guard (1...2).contains(args.count) else { throw usage() }
      var index: Int?
      if args.count == 2 {
        guard args[1].hasPrefix("#") else { throw usage("an example is written #INDEX") }
        index = try self.index(String(args[1].dropFirst()), usage: usage)
      }
      return .plot(kind: args[0].lowercased(), index: index)
    case "rewind":
      guard args.count <= 1 else { throw usage() }
      guard let word = args.first else { return .rewind(1) }
      return .rewind(try count(word, usage: usage))
    case "fork", "use", "save", "load":
      guard args.count == 1 else { throw usage() }
      switch info.name {
      case "fork": return .fork(args[0])
      case "use": return .use(args[0])
      case "save": return .save(args[0])
      default: return .load(args[0])
      }
    case "compare":
      guard args.count == 2 else { throw usage() }
      return .compare(args[0], args[1])
    case "eval" where !args.isEmpty:
      guard args.count == 1, args[0].lowercased() == "fresh" else { throw usage("eval takes nothing or `fresh`") }
      return .evalFresh
    case "crossval":
      guard (1...2).contains(args.count) else { throw usage() }
      let k = try count(args[0], usage: usage)
      let options = try keyValues(args.dropFirst(), usage: usage)
      for key in options.keys where key != "epochs" { throw usage("unknown option '\(key)'") }
      var epochs = 3
      if let word = options["epochs"] { epochs = try count(word, usage: usage) }
      return .crossValidate(folds: k, epochs: epochs)
    case "export":
      guard args.count == 2 else { throw usage() }
      guard args[0].lowercased() == "pytorch" else { throw usage("only pytorch is known") }
      return .export(format: "pytorch", path: args[1])
    case "challenge":
      guard args.count == 1 else { throw usage("which challenge? `challenges` lists them") }
      return .challenge(args[0].lowercased())
    case "search":
      let options = try keyValues(args[...], usage: usage)
      _ = try SearchSpace.parse(options)
      return .search(options)
    case "threshold":
      return .threshold(try cuts(args, usage: usage))
    default:
      guard args.isEmpty else { throw usage("\(info.name) takes no arguments") }
      switch info.name {
      case "challenges": return .challenges
      case "submit": return .submit
      case "cost": return .cost
      case "stop": return .stop
      case "eval": return .eval
      case "reset": return .reset
      case "runs": return .runs
      default: return .quit
      }
    }
  }

  /// Splits a line into words, honouring double quotes and dropping a `#` comment.
  static func tokenize(_ line: String) throws(CommandError) -> [String] {
    var words: [String] = []
    var current = ""
    var inQuotes = false
    var hasWord = false
    var column = 0
    var quoteColumn = 0
    for ch in line {
      column += 1
      if inQuotes {
        if ch == "\"" { inQuotes = false } else { current.append(ch) }
        continue
      }
      if ch == "\"" {
        inQuotes = true
        hasWord = true
        quoteColumn = column
      } else if ch == "#" && !hasWord {
        // `#` opens a comment at the start of a word, except `#12` right after predict/plot.
        if let last = words.last?.lowercased(), last == "predict" || last == "probs" {
          current.append(ch)
          hasWord = true
        } else {
          break
        }
      } else if ch.isWhitespace {
        if hasWord { words.append(current) }
        current = ""
        hasWord = false
      } else {
        current.append(ch)
        hasWord = true
      }
    }
    if inQuotes { throw CommandError("the quote at column \(quoteColumn) is never closed") }
    if hasWord { words.append(current) }
    return words
  }

  private static func keyValues(
    _ words: ArraySlice<String>, usage: (String?) -> CommandError
  ) throws(CommandError) -> [String: String] {
    var options: [String: String] = [:]
    for word in words {
      let parts = word.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw usage("'\(word)' should look like key=value")
      }
      options[parts[0].lowercased()] = String(parts[1])
    }
    return options
  }

  /// `3.5,6.5` (or `3.5 6.5`): one to nine finite cuts in ascending order.
  private static func cuts(_ words: [String], usage: (String?) -> CommandError) throws(CommandError)
    -> [Double]
  {
    let parts = words.flatMap { $0.split(separator: ",").map(String.init) }
    guard !parts.isEmpty else { throw usage("where to cut?") }
    guard parts.count <= 9 else { throw usage("at most 9 cuts (got \(parts.count))") }
    var values: [Double] = []
    for part in parts {
      guard let v = Double(part), v.isFinite else { throw usage("'\(part)' is not a number") }
      if let last = values.last, v <= last {
        throw usage("the cuts must go up: \(part) comes after \(NumberFormat.short(last))")
      }
      values.append(v)
    }
    return values
  }

  private static func count(_ word: String, usage: (String?) -> CommandError) throws(CommandError)
    -> Int
  {
    guard let n = Int(word), n >= 1 else { throw usage("'\(word)' is not a count of 1 or more") }
    guard n <= 10_000_000 else { throw usage("\(word) is more than 10,000,000") }
    return n
  }

  private static func index(_ word: String, usage: (String?) -> CommandError) throws(CommandError)
    -> Int
  {
    guard let n = Int(word), n >= 0 else { throw usage("'#\(word)' is not an example number") }
    return n
  }
}
