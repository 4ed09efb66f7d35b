import EngineKernels
import Synchronization

/// How many threads the engine computes with.
///
/// Training steps of larger classifiers split each batch across this many threads (see
/// `ParallelStep`), and evaluating a classifier shares its chunks out among them; the BLAS
/// itself is kept to one thread, so that those threads never wait on each other's products.
/// The count is part of a run's settings: a batch split in two adds up its gradients in another
/// order than a batch taken whole, so the same seed gives the same numbers for the same count.
public enum ComputeThreads {
  private static let state = Mutex<(count: Int?, pool: WorkerPool?)>((nil, nil))

  /// The thread count: by default OpenBLAS's own choice (`OPENBLAS_NUM_THREADS`, else the
  /// number of cores), read once.
  public static var count: Int {
    get { state.withLock { s in resolvedCount(&s.count) } }
    set {
      let n = max(1, newValue)
      state.withLock { s in
        s.count = n
        if s.pool?.size != n { s.pool = nil }
      }
      BLAS.threads = 1
    }
  }

  /// The pool of `count` threads, started on first use; nil for one thread.
  static var pool: WorkerPool? {
    state.withLock { s in
      let n = resolvedCount(&s.count)
      guard n > 1 else { return nil }
      if s.pool == nil { s.pool = WorkerPool(size: n) }
      return s.pool
    }
  }

  /// The first time: OpenBLAS's count, which then goes down to one.
  private static func resolvedCount(_ count: inout Int?) -> Int {
    if let count { return count }
    let n = max(1, BLAS.threads)
    count = n
    BLAS.threads = 1
    return n
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
    run(phases: 1) { i, _ in body(i) }
  }

  /// Calls `body(i, phase)` for every i in 0..<size and phase in 0..<phases: every thread runs
  /// its phases in order, and a phase starts only when the one before has ended on every thread.
  func run(phases: Int, _ body: (Int, Int) -> Void) {
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
          Unmanaged.passUnretained(task).toOpaque(), Int64(phases))
      }
    }
  }

  private final class PhasedTask {
    let body: (Int, Int) -> Void
    init(_ body: @escaping (Int, Int) -> Void) { self.body = body }
  }
}
