import Foundation
import Testing

/// A training step writes its batch, activations and gradients into buffers it keeps from one
/// step to the next. mltutor hands blocks of 128 KB and more straight back to the kernel, so a
/// step that copied a buffer (or allocated a fresh one) would cost fresh pages every step:
/// page faults that the process's minor-fault count shows.
@Suite struct StepBufferTests {
  /// Minor page faults of `train --data mnist-5k` for `epochs` epochs at batch 128 (a batch of
  /// 128 × 784 features is 392 KB).
  static func minorFaults(epochs: Int, threads: Int) throws -> Int {
    guard let binary = Binary.path else { throw Binary.MissingBinary() }
    // /usr/bin/time -f %R prints the child's minor page faults.
    let run = try Binary.runProgram(
      "/usr/bin/time",
      ["-f", "%R", binary, "train", "--data", "mnist-5k", "--model", "784-128-64-10",
       "--batch", "128", "--threads", "\(threads)", "--epochs", "\(epochs)", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let last = run.stderr.split(separator: "\n").last.map(String.init) ?? ""
    return try #require(Int(last), "time printed \(run.stderr)")
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time"), "GNU time is not installed"),
    .enabled(if: ProcessInfo.processInfo.environment["MLTUTOR_SANITIZER"] == nil, "a sanitizer allocates on its own"),
  )
  func stepsReuseTheirBuffers() throws {
    // 4 more epochs: 128 more steps and 8 more evaluations (train and test sets). Each
    // evaluation gathers its 1,000-row chunks into one buffer of 3 MB (784 pages: about 6,300
    // faults in all); copying the batch in every step would add 98 pages a step (12,500), as
    // would copying the hidden layers' outputs.
    let one = try Self.minorFaults(epochs: 1, threads: 1)
    let five = try Self.minorFaults(epochs: 5, threads: 1)
    let extra = five - one
    #expect(extra < 12_000, "4 more epochs cost \(extra) more minor page faults (1 epoch: \(one), 5: \(five))")
  }
}
