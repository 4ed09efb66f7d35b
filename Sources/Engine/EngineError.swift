/// Errors the engine reports to a learner: each message says what was wrong and, where there
/// is one, which file and where in it.
public enum EngineError: Error, Equatable, CustomStringConvertible {
  case invalidArchitecture(String)
  case invalidSetting(String)
  case dataMismatch(String)
  case diverged(Divergence)
  case modelFile(path: String, problem: String)
  /// More memory than the budget allows; the message says what would need how much.
  case tooLarge(String)

  public var description: String {
    switch self {
    case .invalidArchitecture(let why): return "invalid model: \(why)"
    case .invalidSetting(let why): return "invalid setting: \(why)"
    case .dataMismatch(let why): return "model and data do not fit: \(why)"
    case .diverged(let d): return d.explanation
    case .modelFile(let path, let problem): return "\(path): \(problem)"
    case .tooLarge(let why): return why
    }
  }
}
