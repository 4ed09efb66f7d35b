import EngineKernels
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// How many threads the engine computes with.
///
/// Training steps of larger classifiers split each batch's rows across threads (see
/// `ParallelStep`), and evaluating a classifier shares its chunks out among them. Threads only
/// ever split outputs, never a sum, so the count changes the speed, never the numbers.
///
/// By default a step uses no more threads than its batch pays for (`threads(forBatch:…)`), up to
/// the cores this process may run on, and of those the count that times fastest (`ThreadTuner`);
/// `--threads N` (or `MLTUTOR_THREADS=N`) sets the count.
public enum ComputeThreads {
  private static let state = Mutex<(chosen: Int?, pool: WorkerPool?)>((nil, nil))

  /// The environment variable that sets the count, as `--threads` does.
  public static let environmentVariable = "MLTUTOR_THREADS"

  /// Rows of a batch, and multiply-adds, a thread needs before a split can pay for its
  /// hand-overs: a cap on the counts `ThreadTuner` times, not a choice. On a 16-core Xeon, batch
  /// 32 of 784-128-64-10 (3.5 million multiply-adds) trained 1.5 to 2 times as fast at 8 threads
  /// as at 2.
  public static let minimumRowsPerThread = 4
  static let minimumWorkPerThread = 1 << 18

  /// The count set by `--threads` or `MLTUTOR_THREADS`, nil when the engine chooses.
  public static var chosen: Int? {
    get { state.withLock { $0.chosen } ?? fromEnvironment }
    set {
      state.withLock { s in
        s.chosen = newValue.map { max(1, $0) }
        if s.pool?.size != (s.chosen ?? cores) { s.pool = nil }
      }
    }
  }

  /// The most threads the engine uses: the chosen count, else the cores this process may use.
  public static var count: Int { chosen ?? cores }

  /// The threads a training step of `batch` rows through a model of `parameters` parameters uses:
  /// the chosen count (at most one a row), or by default as many as get at least
  /// `minimumRowsPerThread` rows and `minimumWorkPerThread` multiply-adds each, up to `cores`.
  public static func threads(forBatch batch: Int, parameters: Int) -> Int {
    if let chosen { return max(1, min(chosen, batch)) }
    let byRows = batch / minimumRowsPerThread
    let byWork = batch.multipliedReportingOverflow(by: parameters).partialValue / minimumWorkPerThread
    return max(1, min(cores, byRows, byWork))
  }

  /// The pool of `count` threads, started on first use; nil for one thread.
  static var pool: WorkerPool? {
    let n = count
    guard n > 1 else { return nil }
    return state.withLock { s in
      if s.pool?.size != n { s.pool = WorkerPool(size: n) }
      return s.pool
    }
  }

  /// `MLTUTOR_THREADS` when it is a whole number from 1 to 256.
  private static let fromEnvironment: Int? = {
    guard let text = getenv(environmentVariable).map({ String(cString: $0) }),
      let n = Int(text), (1...256).contains(n)
    else { return nil }
    return n
  }()

  /// What is wrong with `MLTUTOR_THREADS`, when it is set to something other than 1 to 256.
  public static func problem(withEnvironment value: String?) -> String? {
    guard let value, !(Int(value).map { (1...256).contains($0) } ?? false) else { return nil }
    return "\(environmentVariable)=\(value) is not a thread count (use a whole number from 1 to 256)"
  }

  /// The cores this process may run on: its CPU affinity, and the cgroup's CPU quota when lower.
  public static let cores: Int = {
    var n = Int(mlt_usable_cpus())
    if let quota = cgroupQuota() { n = min(n, quota) }
    return max(1, n)
  }()

  /// cgroup v2's `cpu.max` ("quota period"), rounded up to whole cores; nil when unlimited.
  private static func cgroupQuota() -> Int? {
    guard let file = fopen("/sys/fs/cgroup/cpu.max", "r") else { return nil }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 64)
    guard fgets(&buffer, 64, file) != nil else { return nil }
    let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let fields = line.split(separator: " ").map { $0.trimmingSuffix("\n") }
    guard fields.count == 2, let quota = Double(fields[0]), let period = Double(fields[1]),
      quota > 0, period > 0
    else { return nil }
    return max(1, Int((quota / period).rounded(.up)))
  }
}

extension Substring {
  fileprivate func trimmingSuffix(_ suffix: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) : String(self)
  }
}

/// Threads that run one task at a time split by index (EngineKernels' `mlt_pool`): the caller
/// takes index 0, the pool's threads the others.
final class WorkerPool: @unchecked Sendable {
  let size: Int
  private let pool: OpaquePointer

  init?(size: Int) {
    guard size > 1, let pool = mlt_pool_create(Int64(size)) else { return nil }
    self.size = size
    self.pool = pool
  }

  deinit { mlt_pool_destroy(pool) }

  /// Calls `body(i)` once for every i in 0..<size, in parallel, and returns when all are done.
  /// Another thread's task already running on the pool makes this one run its indices in turn.
  func run(_ body: (Int) -> Void) {
    run(phases: 1, participants: size) { i, _ in body(i) }
  }

  /// Calls `body(i, phase)` for every i in 0..<participants and phase in 0..<phases: every
  /// thread runs its phases in order, and a phase starts only when the one before has ended on
  /// every thread.
  func run(phases: Int, participants: Int, _ body: (Int, Int) -> Void) {
    withoutActuallyEscaping(body) { body in
      let task = PhasedTask(body)
      withExtendedLifetime(task) {
        mlt_pool_run_phases(
          pool,
          { context, index, phase in
            guard let context else { return }
            Unmanaged<PhasedTask>.fromOpaque(context).takeUnretainedValue().body(
              Int(index), Int(phase))
          },
          Unmanaged.passUnretained(task).toOpaque(), Int64(phases), Int64(participants))
      }
    }
  }

  private final class PhasedTask {
    let body: (Int, Int) -> Void
    init(_ body: @escaping (Int, Int) -> Void) { self.body = body }
  }
}
