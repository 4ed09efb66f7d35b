import Datasets
import Foundation

/// Where mltutor finds its course and keeps the learner's files.
enum Locations {
  /// The course folder: `$MLTUTOR_LESSONS`, a `Lessons` folder found walking up from the
  /// executable (a development build), or `<prefix>/share/mltutor/Lessons` (an install).
  static func lessonsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String?
  {
    if let dir = environment["MLTUTOR_LESSONS"], !dir.isEmpty { return dir }
    let fm = FileManager.default
    var dir = URL(fileURLWithPath: executablePath()).deletingLastPathComponent()
    let installed = dir.deletingLastPathComponent().appendingPathComponent("share/mltutor/Lessons")
    if fm.fileExists(atPath: installed.path) { return installed.path }
    while dir.path != "/" {
      let candidate = dir.appendingPathComponent("Lessons")
      if fm.fileExists(atPath: candidate.appendingPathComponent("data").path) {
        return candidate.path
      }
      dir = dir.deletingLastPathComponent()
    }
    return nil
  }

  /// The running executable's path (through /proc on Linux).
  static func executablePath() -> String {
    if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return resolved
    }
    return CommandLine.arguments.first ?? "mltutor"
  }

  /// mltutor's folder under the XDG state directory (progress, history).
  static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String
  {
    if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/mltutor" }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    return home + "/.local/state/mltutor"
  }
}

/// The data locations for this machine and user.
func resolvedDataLocations(environment: [String: String] = ProcessInfo.processInfo.environment)
  -> DataLocations
{
  let lessons = Locations.lessonsDirectory(environment: environment) ?? "Lessons"
  var locations = DataLocations(
    embedded: lessons + "/data",
    userData: DataLocations.userDataDirectory(environment: environment))
  if let fashion = environment["MLTUTOR_FASHION_DIR"], !fashion.isEmpty {
    locations.fashion = fashion
  }
  return locations
}
