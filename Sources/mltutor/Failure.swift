import ArgumentParser
import Foundation

/// A one-line error for the learner: printed as `mltutor: MESSAGE` on stderr, exit status 1.
struct Failure: Error, CustomStringConvertible {
  let message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
}

extension ParsableCommand {
  /// Runs `body`, turning a `Failure` into its one line and exit status 1.
  static func reportingFailures(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let failure as Failure {
      FileHandle.standardError.write(Data("mltutor: \(failure.message)\n".utf8))
      throw ExitCode(1)
    }
  }
}
