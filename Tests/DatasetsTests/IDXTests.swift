import Datasets
import Foundation
import Testing

@Suite struct IDXTests {
  @Test func roundTripsPlainAndGzip() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let (images, labels) = fixtureImages(count: 10)
    for compressed in [false, true] {
      let ip = tmp.file("i\(compressed)")
      let lp = tmp.file("l\(compressed)")
      try Gzip.write(IDX.encode(images), to: ip, compressed: compressed)
      try Gzip.write(IDX.encode(labels: labels), to: lp, compressed: compressed)
      #expect(try IDX.readImages(path: ip) == images)
      #expect(try IDX.readLabels(path: lp) == labels)
    }
  }

  @Test func gzipOutputIsDeterministic() {
    let bytes = IDX.encode(fixtureImages(count: 5).0)
    #expect(Gzip.compress(bytes) == Gzip.compress(bytes))
    // Header: magic 1f 8b, deflate, no flags, mtime 0.
    #expect(Array(Gzip.compress(bytes).prefix(8)) == [0x1f, 0x8b, 8, 0, 0, 0, 0, 0])
  }

  @Test func wrongMagicNamesFileAndOffset() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let labels = try tmp.write("labels.idx", IDX.encode(labels: [1, 2, 3]))
    let error = datasetError { try IDX.readImages(path: labels) }
    #expect(
      error?.description
        == "\(labels): byte 0: wrong magic number 0x00000801 (IDX labels), expected 0x00000803 (IDX images)")
  }

  @Test func wrongMagicInsideGzip() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("text.gz", Gzip.compress(Array("hello, world".utf8)))
    let error = datasetError { try IDX.readLabels(path: path) }
    #expect(error?.description == "\(path): byte 0: wrong magic number 0x68656c6c, expected 0x00000801 (IDX labels)")
  }

  @Test func zeroDimensionIsWrongDimensions() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("zero.idx", IDX.encode(IDX.Images(count: 2, rows: 0, cols: 3, pixels: [])))
    let error = datasetError { try IDX.readImages(path: path) }
    #expect(error?.description == "\(path): byte 8: wrong dimensions: 0 rows")
  }

  @Test func extraBytesAreWrongDimensions() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("extra.idx", IDX.encode(labels: [1, 2, 3]) + [4, 5])
    let error = datasetError { try IDX.readLabels(path: path) }
    #expect(
      error?.description
        == "\(path): byte 11: wrong dimensions: the header describes 3 bytes of label data, but 2 more bytes follow")
  }

  @Test func absurdDimensionsAreRefusedBeforeAllocating() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    var bytes: [UInt8] = [0, 0, 8, 3]
    for v in [0x7fff_ffff, 0x7fff_ffff, 2] as [UInt32] {
      bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> $0) }
    }
    let path = try tmp.write("huge.idx", bytes)
    let error = datasetError { try IDX.readImages(path: path) }
    #expect(error?.description.hasPrefix("\(path): byte 4: wrong dimensions: 2147483647 × 2147483647 × 2") == true)
  }

  @Test func tooFewBytesSaysExpectedFoundAndOffset() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let full = IDX.encode(fixtureImages(count: 10).0)  // 16 + 120 bytes
    let plain = try tmp.write("short.idx", Array(full.prefix(16 + 50)))
    #expect(
      datasetError { try IDX.readImages(path: plain) }?.description
        == "\(plain): byte 66: too few bytes: expected 120 bytes of image data after the 16-byte header, found 50")
    let header = try tmp.write("header.idx", Array(full.prefix(10)))
    #expect(
      datasetError { try IDX.readImages(path: header) }?.description
        == "\(header): byte 10: too few bytes: expected a 16-byte header, found 10")
    let empty = try tmp.write("empty.idx", [])
    #expect(
      datasetError { try IDX.readLabels(path: empty) }?.description
        == "\(empty): byte 0: too few bytes: expected a 4-byte IDX magic number, found 0")
  }

  @Test func tooFewBytesInsideGzip() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let full = IDX.encode(labels: [UInt8](repeating: 1, count: 100))
    let path = try tmp.write("short.gz", Gzip.compress(Array(full.prefix(8 + 60))))
    #expect(
      datasetError { try IDX.readLabels(path: path) }?.description
        == "\(path): byte 68: too few bytes: expected 100 bytes of label data after the 8-byte header, found 60")
  }

  @Test func corruptGzipStream() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    var gz = Gzip.compress(IDX.encode(fixtureImages(count: 200).0))
    for i in 12..<40 { gz[i] ^= 0x5a }
    let path = try tmp.write("corrupt.gz", gz)
    let error = datasetError { try IDX.readImages(path: path) }
    let text = error?.description ?? ""
    #expect(text.hasPrefix("\(path): compressed byte "))
    #expect(text.contains(": corrupt gzip stream ("))
  }

  @Test func corruptChecksumAtTheEndOfGzip() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    var gz = Gzip.compress(IDX.encode(labels: [1, 2, 3, 4]))
    gz[gz.count - 6] ^= 0xff  // inside the CRC-32 of the trailer
    let path = try tmp.write("crc.gz", gz)
    let text = datasetError { try IDX.readLabels(path: path) }?.description ?? ""
    #expect(text.hasPrefix("\(path): compressed byte "))
    #expect(text.contains("corrupt gzip stream (incorrect data check)"))
  }

  @Test func truncatedGzipStream() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let gz = Gzip.compress(IDX.encode(fixtureImages(count: 200).0))
    let path = try tmp.write("cut.gz", Array(gz.prefix(gz.count / 2)))
    let text = datasetError { try IDX.readImages(path: path) }?.description ?? ""
    #expect(text == "\(path): compressed byte \(gz.count / 2): gzip stream ends early: the file is cut short")
  }

  @Test func missingFile() {
    #expect(
      datasetError { try IDX.readImages(path: "/nonexistent/x.gz") }?.description
        == "/nonexistent/x.gz: no such file")
  }
}
