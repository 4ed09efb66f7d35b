import Foundation

/// Downloads the full MNIST set (the four official IDX files) into `userData/mnist/`.
///
/// Each file is fetched with `curl` into a temporary file in the same folder, its MD5 compared
/// with the expected checksum (`md5sum`), and only then renamed into place, so the folder never
/// holds a partial or unverified file. Files already there with the right checksum are kept.
///
/// The base URL is, in order: the `baseURL` given, `$MLTUTOR_MNIST_URL`, or
/// `defaultBaseURL`. The checksums are the `checksums` given, else those of the file named by
/// `$MLTUTOR_MNIST_CHECKSUMS` (`md5sum` output format: `HASH  NAME` per line), else the
/// official ones — so a mirror of the official files needs nothing more, and other files (test
/// fixtures) are accepted only with their checksums stated.
public struct MNISTFetcher: Sendable {
  /// A public mirror of the official files (the one PyTorch's torchvision downloads from).
  public static let defaultBaseURL = "https://ossci-datasets.s3.amazonaws.com/mnist/"

  /// MD5 of the official files, as published with the set and checked by torchvision.
  public static let officialChecksums: [String: String] = [
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
  ]

  /// The four files, in download order.
  public static let fileNames = [
    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
  ]

  public let baseURL: String
  public let checksums: [String: String]
  /// The folder the files go to.
  public let destination: String

  public init(
    locations: DataLocations, baseURL: String? = nil, checksums: [String: String]? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(DatasetError) {
    let url = baseURL ?? environment["MLTUTOR_MNIST_URL"].flatMap { $0.isEmpty ? nil : $0 }
    var base = url ?? Self.defaultBaseURL
    if !base.hasSuffix("/") { base += "/" }
    self.baseURL = base
    if let checksums {
      self.checksums = checksums
    } else if let file = environment["MLTUTOR_MNIST_CHECKSUMS"], !file.isEmpty {
      self.checksums = try Self.readChecksums(path: file)
    } else {
      self.checksums = Self.officialChecksums
    }
    self.destination = locations.mnist
  }

  /// Whether all four files are in `userData/mnist/`.
  public static func isFetched(_ locations: DataLocations) -> Bool {
    fileNames.allSatisfy { Files.exists(locations.mnist + "/" + $0) }
  }

  /// Reads `md5sum`-style lines (`HASH  NAME`, or `HASH *NAME`); blank lines and `#` comments
  /// are skipped.
  public static func readChecksums(path: String) throws(DatasetError) -> [String: String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw DatasetError(file: path, "cannot read the checksum file")
    }
    var sums: [String: String] = [:]
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
      let hash = parts.first?.lowercased() ?? ""
      guard parts.count == 2, hash.count == 32, hash.allSatisfy(\.isHexDigit) else {
        throw .atLine(path, line: i + 1, column: 1, "expected an MD5 (32 hex digits), a space and a file name")
      }
      var name = parts[1].trimmingCharacters(in: .whitespaces)
      if name.hasPrefix("*") { name.removeFirst() }
      sums[name] = hash
    }
    return sums
  }

  /// Downloads and verifies every file not already present and verified; returns the paths.
  /// `progress` gets one line per file.
  @discardableResult
  public func fetch(progress: (String) -> Void = { _ in }) throws(DatasetError) -> [String] {
    do {
      try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
    } catch {
      throw DatasetError(file: destination, "cannot create the folder (\(error.localizedDescription))")
    }
    var paths: [String] = []
    for name in Self.fileNames {
      guard let expected = checksums[name] else {
        throw DatasetError(file: name, "no checksum is known for this file, so it cannot be verified")
      }
      let path = destination + "/" + name
      if Files.exists(path), (try? md5(of: path)) == expected {
        progress("\(name): already there, checksum ok")
        paths.append(path)
        continue
      }
      let temporary = destination + "/." + name + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
      defer { try? FileManager.default.removeItem(atPath: temporary) }
      try download(baseURL + name, to: temporary)
      let found = try md5(of: temporary)
      guard found == expected else {
        throw DatasetError(
          file: baseURL + name, "checksum mismatch: MD5 \(found), expected \(expected); nothing was saved")
      }
      guard rename(temporary, path) == 0 else {
        throw DatasetError(file: path, "cannot move the download into place (\(String(cString: strerror(errno))))")
      }
      progress("\(name): \(grouped(Files.size(path) ?? 0)) bytes, checksum ok")
      paths.append(path)
    }
    return paths
  }

  private func download(_ url: String, to path: String) throws(DatasetError) {
    let arguments = [
      "--fail", "--silent", "--show-error", "--location", "--connect-timeout", "15",
      "--max-time", "600", "--output", path, url,
    ]
    guard let result = Subprocess.run("curl", arguments) else {
      throw DatasetError(file: url, "cannot download: curl is not installed")
    }
    guard result.status == 0 else {
      let said = result.errors.split(separator: "\n").first.map(String.init) ?? ""
      switch result.status {
      case 5, 6, 7, 28, 35, 52, 56:
        // Proxy or host not resolved, connection refused, timed out, reset: no way through.
        throw DatasetError(file: url, "no network: cannot reach the server (\(said))")
      default:
        throw DatasetError(file: url, "download failed (\(said.isEmpty ? "curl exit \(result.status)" : said))")
      }
    }
  }

  private func md5(of path: String) throws(DatasetError) -> String {
    guard let result = Subprocess.run("md5sum", ["--", path]) else {
      throw DatasetError(file: path, "cannot verify: md5sum is not installed")
    }
    guard result.status == 0, let hash = result.output.split(separator: " ").first else {
      throw DatasetError(file: path, "cannot compute the MD5 checksum")
    }
    return hash.lowercased()
  }
}
