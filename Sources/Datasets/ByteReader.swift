import CZlib
import Glibc

/// Reads a file's bytes in chunks, inflating it on the fly when it is gzip'd.
///
/// A file is taken as gzip when its first two bytes are `1f 8b`; zlib then inflates it with
/// `windowBits` 15 + 32 (gzip or zlib header detected automatically). Nothing larger than one
/// 64 KiB chunk of the compressed file is held besides what the caller asks for, so a reader
/// can fill a preallocated array directly. Offsets count the bytes delivered (after inflation).
final class ByteReader {
  let path: String
  let isGzip: Bool
  /// Bytes delivered so far: the offset in the (decompressed) data of the next byte.
  private(set) var offset = 0
  private let file: UnsafeMutablePointer<FILE>
  private let chunkSize = 1 << 16
  private let chunk: UnsafeMutablePointer<UInt8>
  // NB: zlib keeps a pointer back to the stream, so it must not move: it lives on the heap.
  private let stream: UnsafeMutablePointer<z_stream>
  private var streamReady = false
  private var streamEnded = false

  init(path: String) throws(DatasetError) {
    guard let file = fopen(path, "rb") else {
      throw DatasetError(file: path, Self.openProblem(errno))
    }
    var head: (UInt8, UInt8) = (0, 0)
    let headCount = withUnsafeMutableBytes(of: &head) { fread($0.baseAddress, 1, 2, file) }
    self.path = path
    self.file = file
    self.isGzip = headCount == 2 && head.0 == 0x1f && head.1 == 0x8b
    self.chunk = .allocate(capacity: chunkSize)
    self.stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    rewind(file)
    if isGzip {
      let status = inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
      guard status == Z_OK else { throw DatasetError(file: path, "zlib could not start (\(status))") }
      streamReady = true
    }
  }

  deinit {
    if streamReady { inflateEnd(stream) }
    stream.deinitialize(count: 1)
    stream.deallocate()
    chunk.deallocate()
    fclose(file)
  }

  private static func openProblem(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file"
    case EACCES: return "permission denied"
    case EISDIR: return "is a folder, not a file"
    default: return "cannot open (\(String(cString: strerror(code))))"
    }
  }

  /// Fills `buffer` as far as the data goes; returns how many bytes it wrote, which is less
  /// than `buffer.count` only at the end of the data.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    var produced = 0
    if isGzip {
      let out = base.assumingMemoryBound(to: UInt8.self)
      // zlib counts output in UInt32: inflate at most 1 GiB per call.
      while produced < buffer.count {
        let want = min(1 << 30, buffer.count - produced)
        let got = try inflate(into: out + produced, count: want)
        produced += got
        if got < want { break }
      }
    } else {
      while produced < buffer.count {
        let n = fread(base + produced, 1, buffer.count - produced, file)
        produced += n
        if n == 0 { break }
      }
      if ferror(file) != 0 { throw .atByte(path, offset + produced, "read error") }
    }
    offset += produced
    return produced
  }

  /// Reads exactly `count` bytes into a new array; fewer only at the end of the data.
  ///
  /// NB: `count` comes from a header, which may claim far more than the file holds: the array
  /// grows a piece at a time as the data arrives, so a short file never costs the memory its
  /// header claims.
  func read(count: Int) throws(DatasetError) -> [UInt8] {
    let piece = 1 << 24
    var bytes: [UInt8] = []
    // Room for what the file can hold: the bytes left in a plain file; for gzip, whose size
    // after inflating is unknown, up to 256 MiB (the memory is only touched as data arrives).
    bytes.reserveCapacity(min(count, isGzip ? 1 << 28 : remainingFileBytes()))
    while bytes.count < count {
      let start = bytes.count
      let want = min(piece, count - start)
      bytes.append(contentsOf: repeatElement(0, count: want))
      var failure: DatasetError?
      let got = bytes.withUnsafeMutableBytes { raw -> Int in
        do throws(DatasetError) {
          return try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[start..<(start + want)]))
        } catch {
          failure = error
          return 0
        }
      }
      if let failure { throw failure }
      if got < want {
        bytes.removeLast(want - got)
        break
      }
    }
    return bytes
  }

  /// Bytes of a plain file after the read position.
  private func remainingFileBytes() -> Int {
    var info = stat()
    guard fstat(fileno(file), &info) == 0 else { return 0 }
    return max(0, Int(info.st_size) - ftell(file))
  }

  /// Reads to the end of the data and returns how many bytes were left, so that a caller can
  /// reject trailing data; for gzip this also checks the stream's CRC and length trailer.
  func skipToEnd() throws(DatasetError) -> Int {
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
    defer { scratch.deallocate() }
    var total = 0
    while true {
      let n = try read(into: scratch)
      total += n
      if n < scratch.count { return total }
    }
  }

  private func inflate(into out: UnsafeMutablePointer<UInt8>, count: Int) throws(DatasetError)
    -> Int
  {
    if streamEnded { return 0 }
    stream.pointee.next_out = out
    stream.pointee.avail_out = UInt32(clamping: count)
    while stream.pointee.avail_out > 0 {
      if stream.pointee.avail_in == 0 {
        let n = fread(chunk, 1, chunkSize, file)
        if n == 0 {
          if ferror(file) != 0 { throw compressedError("read error") }
          throw compressedError("gzip stream ends early: the file is cut short")
        }
        stream.pointee.next_in = chunk
        stream.pointee.avail_in = UInt32(n)
      }
      let status = CZlib.inflate(stream, Z_NO_FLUSH)
      switch status {
      case Z_OK, Z_BUF_ERROR:
        continue
      case Z_STREAM_END:
        streamEnded = true
        return count - Int(stream.pointee.avail_out)
      case Z_MEM_ERROR:
        throw compressedError("out of memory while inflating")
      default:
        let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
        throw compressedError("corrupt gzip stream (\(reason))")
      }
    }
    return count
  }

  private func compressedError(_ problem: String) -> DatasetError {
    DatasetError(file: path, place: "compressed byte \(stream.pointee.total_in)", problem)
  }
}
