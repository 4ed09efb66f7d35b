import EngineKernels

/// Subnormal numbers flushed to zero while the engine computes (FTZ and DAZ on x86-64, FZ on
/// aarch64), on every thread that computes, so that every machine computes the same numbers at
/// full speed: on many Intel CPUs each operation on a subnormal costs a microcode assist.
public enum FloatMode {
  /// Runs `body` with subnormals flushed on the calling thread, then puts the mode back.
  @inline(__always)
  public static func flushingSubnormals<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
    let previous = mlt_flush_subnormals_begin()
    defer { mlt_flush_subnormals_end(previous) }
    return try body()
  }
}
