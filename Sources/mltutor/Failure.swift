import ArgumentParser
import Engine
import Foundation

/// A one-line error for the learner: printed as `mltutor: MESSAGE` on stderr, exit status 1.
struct Failure: Error, CustomStringConvertible {
  let message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
}

extension ParsableCommand {
  /// Runs `body`, turning a `Failure` into its one line and exit status 1. An environment
  /// variable the engine reads (`MLTUTOR_KERNELS`, `MLTUTOR_THREADS`) with a value it cannot use
  /// is refused first.
  static func reportingFailures(_ body: () throws -> Void) throws {
    do {
      try checkEngineEnvironment()
      try body()
    } catch let failure as Failure {
      FileHandle.standardError.write(Data("mltutor: \(failure.message)\n".utf8))
      throw ExitCode(1)
    }
  }
}

/// Refuses a kernel path this CPU lacks, or an unknown one, and a thread count out of range.
func checkEngineEnvironment() throws {
  let environment = ProcessInfo.processInfo.environment
  if let problem = KernelPath.problem(withEnvironment: environment[KernelPath.environmentVariable]) {
    throw Failure(problem)
  }
  if let problem = ComputeThreads.problem(
    withEnvironment: environment[ComputeThreads.environmentVariable])
  {
    throw Failure(problem)
  }
}
