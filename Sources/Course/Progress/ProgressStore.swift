import Engine
import Foundation
import Tutor

/// Keeps the learner's progress in `DIR/progress.json` (DIR is mltutor's XDG state folder).
///
/// Writes are atomic (a temporary file renamed over the old one), so a crash or a kill while
/// saving leaves the old progress or the new, never half of each. Two mltutor processes may
/// share the file: each save takes a lock (`progress.json.lock`), reads what is there and
/// merges it with its own (`CourseProgress.merged`) before writing, so neither loses the
/// other's steps. A file that cannot be decoded, or whose numbers are out of range for the
/// course, is renamed aside (`progress.json.corrupt-1`, `-2`…) rather than overwritten, with a
/// one-line warning: the learner starts afresh, or keeps the lessons whose entries are sound.
public final class ProgressStore {
  public let directory: String
  public var path: String { directory + "/progress.json" }
  var lockPath: String { path + ".lock" }
  /// False after a bad file could not be moved aside: saving would destroy it.
  public private(set) var canSave = true
  /// The lessons of the course and their step counts, which the file is checked against.
  private var stepCounts: [String: Int] = [:]
  /// The progress as this process last read or wrote it: what a save merges against.
  private var base = CourseProgress()

  /// A progress file larger than this is not read (a real one is a few kilobytes).
  static let maximumBytes = 1 << 20

  public init(directory: String) {
    self.directory = directory
  }

  /// The saved progress, checked against `course`, or a fresh one with a warning when the
  /// file is unusable.
  public func load(course: Course? = nil) -> (progress: CourseProgress, warning: String?) {
    if let course { stepCounts = CourseProgress.stepCounts(course) }
    let result = FileLock.withLock(lockPath) { read() }
    base = result.progress
    return result
  }

  /// Reads the file; the caller holds the lock.
  private func read() -> (progress: CourseProgress, warning: String?) {
    guard FileManager.default.fileExists(atPath: path) else { return (CourseProgress(), nil) }
    let bytes: [UInt8]
    switch readBounded() {
    case .success(let b): bytes = b
    case .failure(let error):
      canSave = false
      return (CourseProgress(), "cannot read your progress (\(error.reason)); starting afresh without saving")
    }
    let progress: CourseProgress
    do {
      progress = try JSONDecoder().decode(CourseProgress.self, from: Data(bytes))
      guard progress.version == 1 else { throw ProgressStore.FormatError() }
    } catch {
      return (CourseProgress(), moveAside(why: "was unreadable", then: "started afresh"))
    }
    let (kept, problems) = progress.validated(against: stepCounts)
    guard let first = problems.first else { return (kept, nil) }
    let more = problems.count > 1 ? " and \(problems.count - 1) more" : ""
    let nothingKept = kept.lessons.isEmpty && kept.reviews.isEmpty
    let then = nothingKept ? "started afresh" : "kept the rest"
    let warning = moveAside(why: "has values out of range (\(first)\(more))", then: then)
    guard canSave else { return (CourseProgress(), warning) }
    // What was sound is saved at once, so it stays even if nothing is saved later.
    if !nothingKept { try? write(kept) }
    return (kept, warning)
  }

  private struct FormatError: Error {}

  /// The file's bytes, refused when it is larger than any real progress file; nil with the
  /// reason.
  private func readBounded() -> Result<[UInt8], ReadError> {
    var info = stat()
    if stat(path, &info) == 0, Int(info.st_size) > Self.maximumBytes {
      return .failure(ReadError(reason: "it is \(info.st_size) bytes, larger than any progress file"))
    }
    return AtomicFile.read(path).mapError { ReadError(reason: $0.reason) }
  }

  private struct ReadError: Error {
    let reason: String
  }

  /// Renames the bad file to the first free `progress.json.corrupt-N`.
  private func moveAside(why: String, then: String) -> String {
    var n = 1
    while FileManager.default.fileExists(atPath: "\(path).corrupt-\(n)") { n += 1 }
    let aside = "\(path).corrupt-\(n)"
    if rename(path, aside) == 0 {
      return "your progress file \(why); kept it as \(aside) and \(then)"
    }
    canSave = false
    return "your progress file \(path) \(why) and could not be moved aside; starting afresh without saving"
  }

  /// Merges `progress` with what another process saved since this one last read or wrote the
  /// file, writes the result atomically (creating the folder when needed) and returns it.
  @discardableResult
  public func save(_ progress: CourseProgress) throws(SaveError) -> CourseProgress {
    guard canSave else { return progress }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw SaveError(description: "cannot create \(directory)")
    }
    return try FileLock.withLock(lockPath) { () throws(SaveError) -> CourseProgress in
      // What is there now; a file spoilt meanwhile is moved aside by `read` and not merged.
      let disk = read().progress
      guard canSave else { return progress }
      let merged = progress.merged(base: base, disk: disk)
      try write(merged)
      base = merged
      return merged
    }
  }

  private func write(_ progress: CourseProgress) throws(SaveError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data: Data
    do {
      data = try encoder.encode(progress)
    } catch {
      throw SaveError(description: "cannot encode the progress")
    }
    do {
      try AtomicFile.write(Array(data) + [10], to: path)
    } catch {
      throw SaveError(description: "cannot save your progress: \(error.description)")
    }
  }

  /// Why progress could not be saved, in one line.
  public struct SaveError: Error, CustomStringConvertible {
    public let description: String
  }
}
