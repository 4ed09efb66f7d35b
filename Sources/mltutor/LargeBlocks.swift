import CMalloc

/// Large blocks (weights, optimiser moments, checkpoints: hundreds of KB each) come straight
/// from the kernel and go back to it as soon as they are freed.
///
/// NB: glibc otherwise raises its mmap threshold to the size of the first such block freed and
/// serves the next ones from its heaps, where a run that keeps taking and dropping checkpoints
/// leaves the resident memory creeping up to a high-water mark some 10 MB above what is in use.
/// Setting the threshold turns that adjustment off.
enum LargeBlocks {
  static let threshold: Int32 = 128 * 1024

  static func returnToTheSystem() {
    _ = mallopt(M_MMAP_THRESHOLD, threshold)
  }
}
