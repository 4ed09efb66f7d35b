import Engine
import Foundation

/// Keeps the personal bests in `DIR/challenges.json` (DIR is mltutor's XDG state folder, as for
/// the progress), or in memory only when there is no folder (scripts, tests).
///
/// As with the progress: writes are atomic (a temporary file renamed over the old one); each
/// save takes a lock (`challenges.json.lock`), reads what another mltutor saved meanwhile and
/// keeps the better best of each challenge; a file that cannot be decoded, or holds a value
/// out of range, is renamed aside (`challenges.json.corrupt-1`, …) with a one-line warning,
/// keeping the entries that were sound.
public final class ChallengeStore {
  public let directory: String?
  public private(set) var records = ChallengeRecords()
  /// A warning from reading the file, not yet shown.
  public private(set) var pendingWarning: String?
  private var loaded = false
  /// False after a bad file could not be moved aside: saving would destroy it.
  private var canSave = true

  /// A records file larger than this is not read (a real one is well under a kilobyte).
  static let maximumBytes = 1 << 20

  public init(directory: String?) {
    self.directory = directory
  }

  var path: String? { directory.map { $0 + "/challenges.json" } }

  /// The records as saved, read once (and again by every save, to merge).
  public func current() -> ChallengeRecords {
    if !loaded, let path {
      loaded = true
      records = FileLock.withLock(path + ".lock") { read(path) }.merged(with: records)
    }
    return records
  }

  /// Hands over the warning from reading the file, once.
  public func takeWarning() -> String? {
    defer { pendingWarning = nil }
    return pendingWarning
  }

  /// Offers a passing result; saves when it is a new best. Returns whether it was, and a
  /// line when saving failed.
  public func offer(_ best: ChallengeRecords.Best, for challenge: Challenge) -> (isBest: Bool, problem: String?) {
    var mine = current()
    guard mine.offer(best, for: challenge) else { return (false, nil) }
    records = mine
    guard let path, let directory, canSave else { return (true, nil) }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      return (true, "cannot create \(directory) to save your best")
    }
    let problem: String? = FileLock.withLock(path + ".lock") {
      let merged = mine.merged(with: read(path))
      records = merged
      guard canSave else { return nil }
      return write(merged, to: path)
    }
    return (records.bests[challenge.name] == best, problem)
  }

  /// Reads and checks the file; the caller holds the lock.
  private func read(_ path: String) -> ChallengeRecords {
    guard FileManager.default.fileExists(atPath: path) else { return ChallengeRecords() }
    var info = stat()
    if stat(path, &info) == 0, Int(info.st_size) > Self.maximumBytes {
      canSave = false
      pendingWarning = "cannot read your challenge bests (\(path) is \(info.st_size) bytes, larger than any such file); they are kept for this session only"
      return ChallengeRecords()
    }
    let bytes: [UInt8]
    switch AtomicFile.read(path) {
    case .success(let b): bytes = b
    case .failure(let error):
      canSave = false
      pendingWarning = "cannot read your challenge bests (\(error.reason)); they are kept for this session only"
      return ChallengeRecords()
    }
    guard let decoded = try? JSONDecoder().decode(ChallengeRecords.self, from: Data(bytes)), decoded.version == 1
    else {
      pendingWarning = moveAside(path, why: "was unreadable", then: "started afresh")
      return ChallengeRecords()
    }
    let (kept, problems) = decoded.validated()
    guard let first = problems.first else { return kept }
    let more = problems.count > 1 ? " and \(problems.count - 1) more" : ""
    pendingWarning = moveAside(path, why: "has values out of range (\(first)\(more))", then: "kept the rest")
    if canSave && !kept.bests.isEmpty { _ = write(kept, to: path) }
    return kept
  }

  /// Renames the bad file to the first free `challenges.json.corrupt-N`.
  private func moveAside(_ path: String, why: String, then: String) -> String {
    var n = 1
    while FileManager.default.fileExists(atPath: "\(path).corrupt-\(n)") { n += 1 }
    let aside = "\(path).corrupt-\(n)"
    if rename(path, aside) == 0 {
      return "your challenge bests file \(why); kept it as \(aside) and \(then)"
    }
    canSave = false
    return "your challenge bests file \(path) \(why) and could not be moved aside; they are kept for this session only"
  }

  /// Writes atomically; a line when that fails.
  private func write(_ records: ChallengeRecords, to path: String) -> String? {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    guard let data = try? encoder.encode(records) else { return "cannot encode your challenge bests" }
    do {
      try AtomicFile.write(Array(data) + [10], to: path)
      return nil
    } catch {
      return "cannot save your challenge best: \(error.description)"
    }
  }
}
