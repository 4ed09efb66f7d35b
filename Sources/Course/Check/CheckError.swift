/// A check that cannot be read: what is wrong and at which column (1-based) of the check.
public struct CheckError: Error, Equatable, Sendable, CustomStringConvertible {
  public let column: Int
  public let message: String

  public init(column: Int, _ message: String) {
    self.column = column
    self.message = message
  }

  /// `column 7: unknown quantity 'trian_loss' (did you mean train_loss?)`
  public var description: String { "column \(column): \(message)" }
}
