/// What a batch should produce: class labels (classification) or values (regression).
public enum BatchTargets: Equatable, Sendable {
  /// One class index per example, each in 0..<classCount.
  case classes([Int32])
  /// One row of target values per example.
  case values(Matrix)

  public var count: Int {
    switch self {
    case .classes(let labels): return labels.count
    case .values(let matrix): return matrix.rows
    }
  }
}
