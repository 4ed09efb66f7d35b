import CZlib
import Engine
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
  /// Bytes read to sniff the format from a pipe, which cannot be rewound: handed out first.
  private var pending: [UInt8] = []
  private var streamEnded = false

  /// For a plain regular file, its size; for a gzip'd one, the size its trailer announces
  /// (modulo 2³²: only a hint); nil for a pipe or a device.
  private let sizeHint: Int?

  init(path: String) throws(DatasetError) {
    guard let file = fopen(path, "rb") else {
      throw DatasetError(file: path, FileInput.openProblem(errno))
    }
    var info = stat()
    guard fstat(fileno(file), &info) == 0, info.st_mode & S_IFMT != S_IFDIR else {
      fclose(file)
      throw DatasetError(file: path, "is a folder, not a file")
    }
    let regular = info.st_mode & S_IFMT == S_IFREG
    var head: (UInt8, UInt8) = (0, 0)
    let headCount = withUnsafeMutableBytes(of: &head) { fread($0.baseAddress, 1, 2, file) }
    self.path = path
    self.file = file
    let isGzip = headCount == 2 && head.0 == 0x1f && head.1 == 0x8b
    self.isGzip = isGzip
    self.chunk = .allocate(capacity: chunkSize)
    self.stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    if !regular {
      sizeHint = nil
    } else if !isGzip {
      sizeHint = Int(info.st_size)
    } else {
      var trailer: UInt32 = 0
      fseek(file, -4, SEEK_END)
      let got = withUnsafeMutableBytes(of: &trailer) { fread($0.baseAddress, 1, 4, file) }
      // Deflate cannot expand more than 1032 times: a trailer that says more is not believed.
      let largest = Int(info.st_size) * 1032
      sizeHint = got == 4 ? min(Int(UInt32(littleEndian: trailer)), largest) : nil
    }
    if !regular && headCount > 0 {
      // NB: a pipe cannot be rewound: the two bytes already read are handed out first.
      pending = headCount == 2 ? [head.0, head.1] : [head.0]
    } else {
      rewind(file)
    }
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

  /// Bytes that may still come: exact for a plain regular file, a hint for a gzip'd one.
  private var remainingHint: Int? { sizeHint.map { max(0, $0 - offset) } }

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
        let n = rawRead(base + produced, buffer.count - produced)
        produced += n
        if n == 0 { break }
      }
      if ferror(file) != 0 {
        throw .atByte(path, offset + produced, "cannot read (\(FileInput.reason(errno)))")
      }
    }
    offset += produced
    return produced
  }

  /// Reads exactly `count` bytes into a new array; fewer only at the end of the data.
  ///
  /// The array grows with what the file gives: it starts at the size the file is known or
  /// announced to hold (or one chunk), so a header that claims more than the file holds costs
  /// no more memory than the file's real content.
  func read(count: Int) throws(DatasetError) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(max(0, min(count, remainingHint ?? chunkSize)))
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
    defer { scratch.deallocate() }
    while bytes.count < count {
      let want = min(chunkSize, count - bytes.count)
      let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<want]))
      bytes.append(contentsOf: scratch[0..<n])
      if n < want { break }
    }
    return bytes
  }

  /// For a plain (not gzip'd) regular file, the bytes left in it; nil otherwise.
  var exactRemaining: Int? { isGzip ? nil : remainingHint }

  /// Reads to the end of the data and returns how many bytes were left, so that a caller can
  /// reject trailing data; for gzip this also checks the stream's CRC and length trailer.
  /// A plain regular file's rest is known without reading it; a pipe or a device is read no
  /// further than `limit` bytes (a larger count means "more than `limit`").
  func skipToEnd(limit: Int) throws(DatasetError) -> Int {
    if let rest = exactRemaining { return rest }
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
    defer { scratch.deallocate() }
    var total = 0
    while total <= limit {
      let n = try read(into: scratch)
      total += n
      if n < scratch.count { return total }
    }
    return total
  }

  private func inflate(into out: UnsafeMutablePointer<UInt8>, count: Int) throws(DatasetError)
    -> Int
  {
    if streamEnded { return 0 }
    stream.pointee.next_out = out
    stream.pointee.avail_out = UInt32(clamping: count)
    while stream.pointee.avail_out > 0 {
      if stream.pointee.avail_in == 0 {
        let n = rawRead(chunk, chunkSize)
        if n == 0 {
          if ferror(file) != 0 { throw compressedError("cannot read (\(FileInput.reason(errno)))") }
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

  /// Reads up to `count` bytes of the file itself (compressed or not), the sniffed ones first.
  private func rawRead(_ destination: UnsafeMutableRawPointer, _ count: Int) -> Int {
    if !pending.isEmpty {
      let n = min(count, pending.count)
      pending.withUnsafeBytes { raw in
        if let source = raw.baseAddress { destination.copyMemory(from: source, byteCount: n) }
      }
      pending.removeFirst(n)
      return n
    }
    return fread(destination, 1, count, file)
  }

  private func compressedError(_ problem: String) -> DatasetError {
    DatasetError(file: path, place: "compressed byte \(stream.pointee.total_in)", problem)
  }
}
