import TestSupport

/// Random and mutated command lines from a seed, for the fuzz test.
///
/// Most lines are real commands with up to two mutations (a word dropped, doubled,
/// swapped, replaced by an odd number or a word of another command, random bytes inserted,
/// the line cut short); the rest are random bytes.
struct CommandFuzzer {
  private var generator: SplitMix64

  init(seed: UInt64) { generator = SplitMix64(seed: seed) }

  mutating func next() -> UInt64 { generator.next() }

  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  static let commands = [
    "help", "help train", "help nosuch", "data apartments", "data apartments scale=standard",
    "data apartments noise=30 seed=4 n=80", "data moons", "data xor n=40", "data poly",
    "data circles", "data spiral", "data two-valleys", "data himmelblau", "data bowl",
    "model linear", "model 1-8-1", "model 1-16-1 activation=tanh", "model 2-8-2 init=zeros",
    "model 1-4-4-1 activation=sigmoid init=xavier", "set lr 0.1", "set lr 0.001", "set batch 8",
    "set batch 1", "set momentum 0.9", "set optimizer adam", "set optimizer nesterov", "set l1 0.01",
    "set l2 0.1", "set dropout 0.5", "set clip 1", "set seed 3", "set beta1 0.8", "set beta2 0.99",
    "set w 4.5", "set b 20", "set x 1.5", "set y -2", "show hyper", "show params", "show grad",
    "show model", "show data", "step", "step 3", "step 20", "train 30 steps", "train 2 epochs",
    "train", "stop", "eval", "predict 75", "predict #3", "predict #0", "plot loss", "plot fit",
    "plot probs #2", "plot data", "plot landscape", "plot boundary", "plot weights",
    "plot confusion", "reset", "rewind", "rewind 7", "fork fast", "fork b", "use main", "use fast",
    "runs", "compare main fast", "save run.mlt", "load run.mlt", "export pytorch run.py", "quit",
    "# a comment", "", "set lr \"0.1\"",
  ]

  static let oddWords = [
    "0", "-0", "-1", "1", "2", "100", "101", "1e309", "-1e309", "nan", "NaN", "inf", "-inf",
    "1e-45", "1e-320", "99999999999999999999", "9223372036854775807", "-9223372036854775808",
    "0x10", "1_000", "3.", ".5", "#", "#-1", "#99999999999", "#nan", "1e9", "1000000000",
    "784-1000000000-10", "1-0-1", "-", "--", "=", "a=", "=b", "k=v=w", "\"", "\"\"", "steps",
    "epochs", "linear", "pytorch", "é", "🙂", "\u{0}", "\t",
  ]

  static var vocabulary: [String] {
    commands.flatMap { $0.split(separator: " ").map(String.init) }
  }

  mutating func line() -> String {
    if below(10) == 0 { return randomBytes() }
    var words = pick(Self.commands).split(separator: " ").map(String.init)
    for _ in 0..<below(3) { mutate(&words) }
    return words.joined(separator: below(8) == 0 ? "  " : " ")
  }

  private mutating func mutate(_ words: inout [String]) {
    let i = words.isEmpty ? 0 : below(words.count)
    switch below(8) {
    case 0: if !words.isEmpty { words.remove(at: i) }
    case 1: if !words.isEmpty { words.insert(words[i], at: i) }
    case 2: if words.count >= 2 { words.swapAt(i, below(words.count)) }
    case 3, 4: words.insert(pick(Self.oddWords), at: words.isEmpty ? 0 : 1 + below(words.count))
    case 5:
      if !words.isEmpty { words[i] = pick(Self.oddWords) } else { words.append(pick(Self.oddWords)) }
    case 6: words.insert(pick(Self.vocabulary), at: below(words.count + 1))
    default:
      if !words.isEmpty {
        let w = Array(words[i])
        let cut = w.isEmpty ? 0 : below(w.count + 1)
        words[i] = String(w[..<cut]) + randomBytes(max: 4) + String(w[cut...])
      }
    }
  }

  mutating func randomBytes(max: Int = 40) -> String {
    let bytes = (0..<below(max + 1)).map { _ in UInt8(truncatingIfNeeded: next()) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
