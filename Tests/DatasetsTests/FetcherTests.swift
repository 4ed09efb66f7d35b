import Datasets
import Foundation
import Glibc
import Testing

/// A `python3 -m http.server`-like server on 127.0.0.1 serving `folder`, on a free port.
final class LocalServer {
  let process = Process()
  /// The server's standard input: it exits when this closes, so no server outlives the tests.
  let input = Pipe()
  let port: Int

  init(folder: String) throws {
    let script = """
      import http.server, os, sys, threading
      def exit_with_parent():
          sys.stdin.read()  # EOF when the test process ends, however it ends
          os._exit(0)
      threading.Thread(target=exit_with_parent, daemon=True).start()
      class Quiet(http.server.SimpleHTTPRequestHandler):
          def __init__(self, *a, **k): super().__init__(*a, directory=sys.argv[1], **k)
          def log_message(self, *a): pass
      server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
      print(server.server_address[1], flush=True)
      server.serve_forever()
      """
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, folder]
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = input
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
  }

  var url: String { "http://127.0.0.1:\(port)/" }

  /// Stops the server with SIGKILL: a child of the test runner inherits its blocked signal mask,
  /// so SIGTERM would stay pending.
  func stop() {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }
}

@Suite struct FetcherTests {
  /// Four small IDX fixture files in `folder` and their MD5s.
  static func serveFixtures(in folder: String) throws -> [String: String] {
    let (trainImages, trainLabels) = fixtureImages(count: 12, rows: 28, cols: 28, classes: 10)
    let (testImages, testLabels) = fixtureImages(count: 5, rows: 28, cols: 28, classes: 10)
    let contents: [String: [UInt8]] = [
      "train-images-idx3-ubyte.gz": IDX.encode(trainImages),
      "train-labels-idx1-ubyte.gz": IDX.encode(labels: trainLabels),
      "t10k-images-idx3-ubyte.gz": IDX.encode(testImages),
      "t10k-labels-idx1-ubyte.gz": IDX.encode(labels: testLabels),
    ]
    var sums: [String: String] = [:]
    for (name, bytes) in contents {
      try Gzip.write(bytes, to: folder + "/" + name, compressed: true)
      let md5 = Process()
      md5.executableURL = URL(fileURLWithPath: "/usr/bin/md5sum")
      md5.arguments = [folder + "/" + name]
      let pipe = Pipe()
      md5.standardOutput = pipe
      try md5.run()
      let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      md5.waitUntilExit()
      sums[name] = String(out.prefix(32))
    }
    return sums
  }

  @Test func fetchesVerifiesAndThenMnistLoads() throws {
    let served = try TemporaryFolder()
    let user = try TemporaryFolder()
    defer { served.remove(); user.remove() }
    let sums = try Self.serveFixtures(in: served.path)
    let server = try LocalServer(folder: served.path)
    defer { server.stop() }
    let l = locations(userData: user.path)
    let fetcher = try MNISTFetcher(locations: l, baseURL: server.url, checksums: sums, environment: [:])
    var lines: [String] = []
    let paths = try fetcher.fetch { lines.append($0) }
    #expect(paths.count == 4)
    #expect(lines.allSatisfy { $0.hasSuffix("checksum ok") })
    #expect(MNISTFetcher.isFetched(l))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: l.mnist).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
    let d = try DatasetCatalog.load("mnist", locations: l)
    #expect(d.train.count == 12 && d.test.count == 5)
    // A second fetch keeps the verified files.
    var again: [String] = []
    try fetcher.fetch { again.append($0) }
    #expect(again.allSatisfy { $0.hasSuffix("already there, checksum ok") })
  }

  @Test func checksumMismatchSavesNothing() throws {
    let served = try TemporaryFolder()
    let user = try TemporaryFolder()
    defer { served.remove(); user.remove() }
    _ = try Self.serveFixtures(in: served.path)
    let server = try LocalServer(folder: served.path)
    defer { server.stop() }
    let l = locations(userData: user.path)
    // The fixtures are not the official files: the official checksums must reject them.
    let fetcher = try MNISTFetcher(locations: l, environment: ["MLTUTOR_MNIST_URL": server.url])
    #expect(fetcher.checksums == MNISTFetcher.officialChecksums)
    let error = datasetError { try fetcher.fetch() }
    let text = error?.description ?? ""
    #expect(text.hasPrefix("\(server.url)train-images-idx3-ubyte.gz: checksum mismatch: MD5 "))
    #expect(text.hasSuffix("expected f68b3c2dcbeaaa9fbdd348bbdeb94873; nothing was saved"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: l.mnist).isEmpty)
  }

  @Test func checksumFileFromTheEnvironment() throws {
    let served = try TemporaryFolder()
    let user = try TemporaryFolder()
    defer { served.remove(); user.remove() }
    let sums = try Self.serveFixtures(in: served.path)
    let list = sums.map { "\($1)  \($0)" }.joined(separator: "\n") + "\n"
    let sumsFile = try user.write("md5sums.txt", text: "# fixture checksums\n" + list)
    let server = try LocalServer(folder: served.path)
    defer { server.stop() }
    let fetcher = try MNISTFetcher(
      locations: locations(userData: user.path),
      environment: ["MLTUTOR_MNIST_URL": server.url, "MLTUTOR_MNIST_CHECKSUMS": sumsFile])
    #expect(fetcher.checksums == sums)
    #expect(try fetcher.fetch().count == 4)
    let bad = try user.write("bad.txt", text: "nothex  train-images-idx3-ubyte.gz\n")
    #expect(
      datasetError { try MNISTFetcher.readChecksums(path: bad) }?.description
        == "\(bad):1:1: expected an MD5 (32 hex digits), a space and a file name")
  }

  @Test func noServerIsOneLine() throws {
    let served = try TemporaryFolder()
    let user = try TemporaryFolder()
    defer { served.remove(); user.remove() }
    let server = try LocalServer(folder: served.path)
    let url = server.url
    server.stop()  // nothing listens on that port any more
    let fetcher = try MNISTFetcher(
      locations: locations(userData: user.path), baseURL: url, environment: [:])
    let text = datasetError { try fetcher.fetch() }?.description ?? ""
    #expect(text.hasPrefix("\(url)train-images-idx3-ubyte.gz: no network: cannot reach the server"))
    #expect(!text.contains("\n"))
  }

  @Test func missingFileOnTheServer() throws {
    let served = try TemporaryFolder()
    let user = try TemporaryFolder()
    defer { served.remove(); user.remove() }
    let server = try LocalServer(folder: served.path)
    defer { server.stop() }
    let fetcher = try MNISTFetcher(
      locations: locations(userData: user.path), baseURL: server.url, environment: [:])
    let text = datasetError { try fetcher.fetch() }?.description ?? ""
    #expect(text.hasPrefix("\(server.url)train-images-idx3-ubyte.gz: download failed ("))
    #expect(text.contains("404"))
  }
}
