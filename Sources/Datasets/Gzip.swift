import CZlib
import Foundation

/// Compression and file writing for the IDX writer and the tests.
public enum Gzip {
  /// `bytes` as one gzip member (deflate level 9, header with mtime 0 and no name, so the
  /// output depends only on the input and the zlib version).
  public static func compress(_ bytes: [UInt8]) -> [UInt8] {
    // NB: zlib keeps a pointer back to the stream, so it must not move: it lives on the heap.
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer { stream.deallocate() }
    // windowBits 15 + 16 asks zlib for a gzip wrapper; memLevel 8 is zlib's default.
    guard
      deflateInit2_(
        stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
        Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return [] }
    defer { deflateEnd(stream) }
    let bound = Int(deflateBound(stream, UInt(bytes.count))) + 32
    var out = [UInt8](repeating: 0, count: bound)
    var input = bytes
    let written = input.withUnsafeMutableBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst -> Int in
        stream.pointee.next_in = src.baseAddress
        stream.pointee.avail_in = UInt32(src.count)
        stream.pointee.next_out = dst.baseAddress
        stream.pointee.avail_out = UInt32(dst.count)
        let status = deflate(stream, Z_FINISH)
        return status == Z_STREAM_END ? dst.count - Int(stream.pointee.avail_out) : -1
      }
    }
    guard written >= 0 else { return [] }
    out.removeLast(out.count - written)
    return out
  }

  /// Writes `bytes` to `path` (gzip'd first when `compressed`), through a temporary file in
  /// the same folder renamed into place, so a reader never sees half a file.
  public static func write(_ bytes: [UInt8], to path: String, compressed: Bool)
    throws(DatasetError)
  {
    let data = Data(compressed ? compress(bytes) : bytes)
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw DatasetError(file: path, "cannot write (\(error.localizedDescription))")
    }
  }
}
