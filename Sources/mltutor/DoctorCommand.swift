import ArgumentParser
import Engine

/// `mltutor doctor`: what the engine runs on here.
struct DoctorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Show the engine's kernel path and thread count on this machine.")

  func run() throws {
    try Self.reportingFailures {
      for line in DoctorCommand.report() { print(line) }
    }
  }

  static func report() -> [String] {
    let available = KernelPath.available.map(\.rawValue).joined(separator: ", ")
    let chosen = ComputeThreads.chosen.map { "\($0) (chosen)" } ?? "\(ComputeThreads.cores) (cores)"
    return [
      "kernels: \(KernelPath.current.rawValue) (this CPU can run: \(available); \(KernelPath.environmentVariable) picks one)",
      "threads: \(chosen); a training step uses at most one per \(ComputeThreads.minimumRowsPerThread) rows of its batch unless chosen (--threads, \(ComputeThreads.environmentVariable))",
      "subnormal numbers: flushed to zero while the engine computes",
    ]
  }
}
