import Datasets
import Foundation
import Testing

/// Files written to break the readers: dimensions whose product overflows, and headers that
/// claim a gigabyte the file does not hold.
@Suite struct HostileFileTests {
  static func header(_ dims: [UInt32], magic: [UInt8] = [0, 0, 8, 3]) -> [UInt8] {
    var bytes = magic
    for v in dims { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> $0) } }
    return bytes
  }

  /// 2³⁰ × 2³⁰ × 16 is 2⁶⁴, which wraps to 0 in 64 bits.
  @Test func dimensionsWhoseProductOverflowsAreRefused() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("wrap.idx", Self.header([1 << 30, 1 << 30, 16]))
    let error = datasetError { try IDX.readImages(path: path) }
    #expect(error?.description == "\(path): byte 4: wrong dimensions: 1073741824 × 1073741824 × 16 is more than 4 GiB of data")
  }

  /// A header claiming a gigabyte over a few bytes of data: the error comes without the
  /// gigabyte being allocated (the peak memory of the process grows by far less).
  @Test func aHeaderClaimingAGigabyteCostsNoGigabyte() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let plain = try tmp.write("claims.idx", Self.header([1, 32768, 32768]) + [1, 2, 3])
    let gzip = try tmp.write("claims.idx.gz", Gzip.compress(Self.header([1, 32768, 32768]) + [1, 2, 3]))
    for path in [plain, gzip] {
      let before = peakResidentMegabytes()
      let error = datasetError { try IDX.readImages(path: path) }
      #expect(error?.description.contains("too few bytes: expected 1,073,741,824 bytes of image data") == true, "\(error?.description ?? "")")
      if ProcessInfo.processInfo.environment["MLTUTOR_SANITIZER"] == nil {
        #expect(peakResidentMegabytes() - before < 256, "reading \(path) raised the peak memory by a quarter gigabyte or more")
      }
    }
  }

  func peakResidentMegabytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss / 1024
  }
}
