/// Every command with its usage, a one-line summary and an example: the source of `help`,
/// of usage lines in errors and of Tab completion.
public struct CommandInfo: Sendable {
  public let name: String
  public let usage: String
  public let summary: String
  public let example: String
}

public enum CommandCatalog {
  public static let commands: [CommandInfo] = [
    CommandInfo(
      name: "help", usage: "help [COMMAND]", summary: "list the commands, or explain one",
      example: "help train"),
    CommandInfo(
      name: "data", usage: "data NAME [key=value ...]",
      summary: "load a data set (see `show data` and `mltutor data list`)",
      example: "data apartments noise=30 seed=4"),
    CommandInfo(
      name: "model",
      usage: "model linear|SIZES [residual|batchnorm] [activation=relu|leaky-relu|sigmoid|tanh] [init=he|xavier|uniform|zeros]",
      summary: "build a new model for the data", example: "model 784-128-64-10 activation=relu"),
    CommandInfo(
      name: "set", usage: "set NAME VALUE",
      summary: "change a setting (lr, batch, momentum, optimizer, l1, l2, dropout, clip, seed) or w, b, x",
      example: "set lr 0.1"),
    CommandInfo(
      name: "show", usage: "show hyper|params|grad|model|data",
      summary: "show settings, parameters, gradients, the model or the data", example: "show hyper"),
    CommandInfo(
      name: "step", usage: "step [N]", summary: "train N mini-batch steps (default 1), each shown in detail",
      example: "step 3"),
    CommandInfo(
      name: "train", usage: "train [N steps|epochs]",
      summary: "train N steps or epochs, or until stopped (Ctrl-C or `stop`)",
      example: "train 2 epochs"),
    CommandInfo(name: "stop", usage: "stop", summary: "stop training", example: "stop"),
    CommandInfo(
      name: "eval", usage: "eval [fresh]",
      summary: "loss and accuracy (RMSE and R² for regression) on each split, or on fresh examples",
      example: "eval"),
    CommandInfo(
      name: "predict", usage: "predict VALUE | predict #INDEX",
      summary: "the model's answer for a value, or for a test example", example: "predict 75"),
    CommandInfo(
      name: "plot", usage: "plot loss|fit|probs [#INDEX]|data|landscape [line [RUN]]|boundary|weights|confusion|mistakes [TRUE PREDICTED]",
      summary: "draw a chart", example: "plot loss"),
    CommandInfo(
      name: "reset", usage: "reset", summary: "new weights from the seed, same settings", example: "reset"),
    CommandInfo(
      name: "rewind", usage: "rewind [N]", summary: "go back N steps (default 1): weights, optimizer, history",
      example: "rewind 10"),
    CommandInfo(
      name: "fork", usage: "fork NAME", summary: "copy the current run under a new name and switch to it",
      example: "fork fast"),
    CommandInfo(name: "use", usage: "use NAME", summary: "switch to another run", example: "use main"),
    CommandInfo(name: "runs", usage: "runs", summary: "list the runs", example: "runs"),
    CommandInfo(
      name: "compare", usage: "compare NAME NAME", summary: "both runs' loss curves on one chart",
      example: "compare main fast"),
    CommandInfo(
      name: "save", usage: "save FILE", summary: "save the model and the session's settings",
      example: "save digits.mlt"),
    CommandInfo(
      name: "load", usage: "load FILE", summary: "load a saved model and its settings",
      example: "load digits.mlt"),
    CommandInfo(
      name: "export", usage: "export pytorch FILE",
      summary: "write a PyTorch script that reproduces this experiment", example: "export pytorch run.py"),
    CommandInfo(
      name: "challenges", usage: "challenges", summary: "list the open challenges with your best in each",
      example: "challenges"),
    CommandInfo(
      name: "challenge", usage: "challenge NAME", summary: "start a challenge: its data, its goal and its limits",
      example: "challenge digits"),
    CommandInfo(
      name: "submit", usage: "submit", summary: "judge your model on the challenge's unseen examples",
      example: "submit"),
    CommandInfo(
      name: "crossval", usage: "crossval K [epochs=N]",
      summary: "k-fold cross-validation: K fresh copies of the model, each validated on one fold",
      example: "crossval 5 epochs=3"),
    CommandInfo(
      name: "cost", usage: "cost",
      summary: "what the model costs: parameters, bytes, multiply-adds, measured speed", example: "cost"),
    CommandInfo(
      name: "search", usage: "search SETTING=A,B,... | SETTING=LOW..HIGH [trials=N] [steps=N]",
      summary: "train one fork per combination of settings (or random draws) and rank them",
      example: "search lr=0.01,0.1,1 steps=200"),
    CommandInfo(
      name: "threshold", usage: "threshold CUT[,CUT...]",
      summary: "cut a regression model's estimates into classes and score them",
      example: "threshold 3.5,6.5"),
    CommandInfo(name: "quit", usage: "quit", summary: "leave mltutor", example: "quit"),
  ]

  public static func info(_ name: String) -> CommandInfo? {
    commands.first { $0.name == name }
  }

  public static var names: [String] { commands.map(\.name) }

  /// Setting names accepted by `set`.
  public static let settings = [
    "lr", "batch", "momentum", "optimizer", "l1", "l2", "dropout", "clip", "seed", "beta1",
    "beta2", "pace", "w", "b", "x", "y",
  ]

  /// Words that may follow a command, for completion.
  public static func arguments(for command: String) -> [String] {
    switch command {
    case "help": return names
    case "set": return settings
    case "show": return ["hyper", "params", "grad", "model", "data"]
    case "plot": return ["loss", "fit", "probs", "data", "landscape", "boundary", "weights", "confusion", "mistakes"]
    case "model": return ["linear", "residual", "batchnorm", "activation=", "init="]
    case "train": return ["steps", "epochs"]
    case "export": return ["pytorch"]
    case "challenge": return Challenge.names
    case "eval": return ["fresh"]
    case "crossval": return ["epochs="]
    case "search": return SearchSpace.keys.map { $0 + "=" }
    default: return []
    }
  }

  /// The closest command name to a misspelt one, if it is close enough to be a typo.
  public static func closest(to word: String) -> String? {
    closest(to: word, among: names, tolerance: 2)
  }

  /// The candidate nearest to `word` by edit distance, if at most `word.count / tolerance`
  /// edits (and at least 1) away.
  public static func closest(to word: String, among candidates: [String], tolerance: Int) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(1, word.count / tolerance) ? best.0 : nil
  }

  /// Levenshtein distance: insertions, deletions and substitutions.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
      var current = [i] + Array(repeating: 0, count: y.count)
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      previous = current
    }
    return previous[y.count]
  }
}
