import Engine
import Foundation

/// Keeps the learner's progress in `DIR/progress.json` (DIR is mltutor's XDG state folder).
///
/// Writes are atomic (a temporary file renamed over the old one), so a crash or a kill while
/// saving leaves the old progress or the new, never half of each. A file that cannot be
/// decoded is renamed aside (`progress.json.corrupt-1`, `-2`…) rather than overwritten, and
/// the learner starts afresh with a one-line warning.
public final class ProgressStore {
  public let directory: String
  public var path: String { directory + "/progress.json" }
  /// False after a corrupt file could not be moved aside: saving would destroy it.
  public private(set) var canSave = true

  public init(directory: String) {
    self.directory = directory
  }

  /// The saved progress, or a fresh one with a warning when the file is unusable.
  public func load() -> (progress: CourseProgress, warning: String?) {
    guard FileManager.default.fileExists(atPath: path) else { return (CourseProgress(), nil) }
    let bytes: [UInt8]
    switch AtomicFile.read(path) {
    case .success(let b): bytes = b
    case .failure(let error):
      canSave = false
      return (CourseProgress(), "cannot read your progress (\(error.reason)); starting afresh without saving")
    }
    do {
      let progress = try JSONDecoder().decode(CourseProgress.self, from: Data(bytes))
      guard progress.version == 1 else { throw ProgressStore.FormatError() }
      return (progress, nil)
    } catch {
      return (CourseProgress(), moveAside())
    }
  }

  private struct FormatError: Error {}

  /// Renames the unreadable file to the first free `progress.json.corrupt-N`.
  private func moveAside() -> String {
    var n = 1
    while FileManager.default.fileExists(atPath: "\(path).corrupt-\(n)") { n += 1 }
    let aside = "\(path).corrupt-\(n)"
    if rename(path, aside) == 0 {
      return "your progress file was unreadable; kept it as \(aside) and started afresh"
    }
    canSave = false
    return "your progress file \(path) is unreadable and could not be moved aside; starting afresh without saving"
  }

  /// Writes `progress` atomically, creating the folder when needed.
  public func save(_ progress: CourseProgress) throws(SaveError) {
    guard canSave else { return }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw SaveError(description: "cannot create \(directory)")
    }
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
