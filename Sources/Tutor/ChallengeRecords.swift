/// The learner's personal best in each challenge: saved as JSON in `challenges.json` beside
/// the progress file.
public struct ChallengeRecords: Codable, Equatable, Sendable {
  /// A passing result: its score and the model (or settings) that reached it.
  public struct Best: Codable, Equatable, Sendable {
    public var score: Double
    /// `784-16-10, adam, lr 0.002` or `sgd, lr 0.08`.
    public var how: String

    public init(score: Double, how: String) {
      self.score = score
      self.how = how
    }
  }

  /// The file format's version.
  public var version = 1
  public var bests: [String: Best] = [:]

  public init() {}

  /// Keeps `best` for `challenge` if it beats the one kept (or none is); true when it did.
  @discardableResult
  public mutating func offer(_ best: Best, for challenge: Challenge) -> Bool {
    if let old = bests[challenge.name], !challenge.score.isBetter(best.score, than: old.score) { return false }
    bests[challenge.name] = best
    return true
  }

  /// Joins these records with another process's: per challenge, the better best (this one's
  /// on a tie, or for a challenge this version does not know).
  ///
  ///     mine.merged(with: onDisk)   // A's best at digits and B's at spiral, both kept
  public func merged(with other: ChallengeRecords) -> ChallengeRecords {
    var out = self
    for (name, theirs) in other.bests {
      guard let mine = bests[name] else {
        out.bests[name] = theirs
        continue
      }
      if let challenge = Challenge.named(name), challenge.score.isBetter(theirs.score, than: mine.score) {
        out.bests[name] = theirs
      }
    }
    return out
  }

  /// The longest `how` kept.
  static let maximumHowLength = 200

  /// The records whose every field is in range, and one line for each entry left out.
  ///
  /// A known challenge's score must be a possible one (an accuracy in 0...1, an error of 0
  /// or more, a whole number of steps); an entry for a challenge this version does not know is
  /// kept when its score is finite and not negative. `how` is at most 200 characters with no
  /// control characters.
  public func validated() -> (records: ChallengeRecords, problems: [String]) {
    var kept = self
    var problems: [String] = []
    for name in bests.keys.sorted() {
      guard let best = bests[name] else { continue }
      if let problem = Self.problem(name, best) {
        problems.append("challenge \(name.isEmpty ? "without a name" : name): \(problem)")
        kept.bests[name] = nil
      }
    }
    return (kept, problems)
  }

  static func problem(_ name: String, _ best: Best) -> String? {
    guard !name.isEmpty, name.count <= 64 else { return "its name is empty or longer than 64 characters" }
    guard best.how.count <= maximumHowLength, !best.how.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 })
    else { return "its description is longer than \(maximumHowLength) characters or holds control characters" }
    let s = best.score
    guard s.isFinite, s >= 0 else { return "score \(s) is not a finite number of 0 or more" }
    switch Challenge.named(name)?.score {
    case .accuracy?: return s <= 1 ? nil : "accuracy \(s) is above 1"
    case .steps?: return s == s.rounded() && s <= 10_000_000 ? nil : "\(s) is not a whole number of steps"
    default: return nil
    }
  }
}
