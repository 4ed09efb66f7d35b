import Engine

/// The IDX format of the MNIST files: a big-endian header, then the data, one unsigned byte
/// per value. Files may be gzip'd (the usual `.gz` downloads) or plain.
///
/// Header: two zero bytes, a type byte (`0x08`: unsigned bytes), the number of dimensions,
/// then each dimension as a 32-bit big-endian count. So images are `0x00000803 N rows cols`
/// (16 bytes) and labels `0x00000801 N` (8 bytes).
public enum IDX {
  /// The magic number of a file of images: unsigned bytes, 3 dimensions.
  public static let imagesMagic: UInt32 = 0x0000_0803
  /// The magic number of a file of labels: unsigned bytes, 1 dimension.
  public static let labelsMagic: UInt32 = 0x0000_0801
  /// The largest data part accepted (4 GiB), a guard against a header with absurd dimensions.
  public static let maximumDataBytes = 1 << 32

  /// Images in row-major order: image `i`'s pixel `(r, c)` is `pixels[i * rows * cols + r * cols + c]`.
  public struct Images: Sendable, Equatable {
    public var count: Int
    public var rows: Int
    public var cols: Int
    public var pixels: [UInt8]

    public init(count: Int, rows: Int, cols: Int, pixels: [UInt8]) {
      self.count = count
      self.rows = rows
      self.cols = cols
      self.pixels = pixels
    }
  }

  /// Reads a file of images (magic `0x00000803`), checking the magic number, the dimensions,
  /// and that the file holds exactly `count × rows × cols` bytes after the header.
  public static func readImages(path: String) throws(DatasetError) -> Images {
    let reader = try ByteReader(path: path)
    let dims = try header(reader, magic: imagesMagic, what: "images")
    let (count, rows, cols) = (dims[0], dims[1], dims[2])
    let pixels = try payload(
      reader, count: count * rows * cols, what: "image",
      reading: "reading \(grouped(count)) images of \(rows)×\(cols)")
    return Images(count: count, rows: rows, cols: cols, pixels: pixels)
  }

  /// Reads a file of labels (magic `0x00000801`): one byte per label.
  public static func readLabels(path: String) throws(DatasetError) -> [UInt8] {
    let reader = try ByteReader(path: path)
    let dims = try header(reader, magic: labelsMagic, what: "labels")
    return try payload(reader, count: dims[0], what: "label", reading: "reading \(grouped(dims[0])) labels")
  }

  /// The bytes of an IDX file of images (not compressed).
  public static func encode(_ images: Images) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(16 + images.pixels.count)
    for word in [imagesMagic, UInt32(images.count), UInt32(images.rows), UInt32(images.cols)] {
      appendBigEndian(word, to: &out)
    }
    out.append(contentsOf: images.pixels)
    return out
  }

  /// The bytes of an IDX file of labels (not compressed).
  public static func encode(labels: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(8 + labels.count)
    appendBigEndian(labelsMagic, to: &out)
    appendBigEndian(UInt32(labels.count), to: &out)
    out.append(contentsOf: labels)
    return out
  }

  static func appendBigEndian(_ word: UInt32, to out: inout [UInt8]) {
    out.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> $0) })
  }

  private static func describe(_ magic: UInt32) -> String {
    switch magic {
    case imagesMagic: return " (IDX images)"
    case labelsMagic: return " (IDX labels)"
    default:
      if magic >> 16 == 0x1f8b { return " (a gzip header: is the file compressed twice?)" }
      return ""
    }
  }

  private static func hex(_ word: UInt32) -> String {
    let digits = String(word, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
  }

  /// Reads and checks the header; returns the dimensions.
  private static func header(_ reader: ByteReader, magic: UInt32, what: String)
    throws(DatasetError) -> [Int]
  {
    let path = reader.path
    let head = try reader.read(count: 4)
    guard head.count == 4 else {
      throw .atByte(path, head.count, "too few bytes: expected a 4-byte IDX magic number, found \(head.count)")
    }
    let found = head.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    guard found == magic else {
      throw .atByte(
        path, 0,
        "wrong magic number \(hex(found))\(describe(found)), expected \(hex(magic)) (IDX \(what))")
    }
    let dimensionCount = Int(magic & 0xff)
    let raw = try reader.read(count: 4 * dimensionCount)
    guard raw.count == 4 * dimensionCount else {
      throw .atByte(
        path, 4 + raw.count,
        "too few bytes: expected a \(4 + 4 * dimensionCount)-byte header, found \(4 + raw.count)")
    }
    var dims = [Int]()
    for d in 0..<dimensionCount {
      dims.append(raw[(4 * d)..<(4 * d + 4)].reduce(0) { $0 << 8 | Int($1) })
    }
    let names = dimensionCount == 3 ? ["images", "rows", "columns"] : ["labels"]
    for (d, name) in zip(dims.indices, names) where dims[d] == 0 {
      throw .atByte(path, 4 + 4 * d, "wrong dimensions: 0 \(name)")
    }
    // NB: the product may overflow (2³⁰ × 2³⁰ × 16 wraps to 0), which is too much data too.
    var total = 1
    var overflow = false
    for d in dims {
      let (product, overflowed) = total.multipliedReportingOverflow(by: d)
      total = product
      overflow = overflow || overflowed
    }
    guard !overflow, dims.allSatisfy({ $0 < 1 << 31 }), total <= maximumDataBytes else {
      let shape = dims.map(String.init).joined(separator: " × ")
      throw .atByte(path, 4, "wrong dimensions: \(shape) is more than 4 GiB of data")
    }
    return dims
  }

  /// Reads exactly `count` bytes of data and checks that nothing follows them. What the header
  /// claims is checked against the file's size (when it is a plain file) and the memory budget
  /// before anything is read, and a gzip'd file is read only as far as it really goes.
  private static func payload(_ reader: ByteReader, count: Int, what: String, reading: String)
    throws(DatasetError) -> [UInt8]
  {
    let start = reader.offset
    if let remaining = reader.exactRemaining, remaining < count {
      throw .atByte(
        reader.path, start + remaining,
        "too few bytes: expected \(grouped(count)) bytes of \(what) data after the "
          + "\(start)-byte header, found \(grouped(remaining))")
    }
    do {
      try MemoryBudget.current.check(count, for: reading)
    } catch {
      throw .atByte(reader.path, 4, error.description)
    }
    let data = try reader.read(count: count)
    guard data.count == count else {
      throw .atByte(
        reader.path, reader.offset,
        "too few bytes: expected \(grouped(count)) bytes of \(what) data after the "
          + "\(start)-byte header, found \(grouped(data.count))")
    }
    let limit = 1 << 26
    let extra = try reader.skipToEnd(limit: limit)
    guard extra == 0 else {
      let more = extra > limit ? "more than \(grouped(limit))" : grouped(extra)
      throw .atByte(
        reader.path, start + count,
        "wrong dimensions: the header describes \(grouped(count)) bytes of \(what) data, "
          + "but \(more) more bytes follow")
    }
    return data
  }
}

/// `47040000` → `47,040,000`.
func grouped(_ n: Int) -> String {
  let digits = String(n.magnitude)
  var out = ""
  for (i, ch) in digits.enumerated() {
    if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return n < 0 ? "-" + out : out
}
