import ArgumentParser
import Charts
import Datasets
import Engine
import Foundation
import TerminalUI

/// `mltutor doctor`: what mltutor runs on here, where it keeps things, what it can show.
struct DoctorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract:
      "Show the version, the engine's kernel path and threads, the data sets found, where files are kept, and what the terminal can show."
  )

  func run() throws {
    try Self.reportingFailures {
      let environment = ProcessInfo.processInfo.environment
      let terminal = TerminalFacts(
        environment: environment, isTerminal: isatty(STDOUT_FILENO) == 1,
        colors: TerminalProbe.colors(term: environment["TERM"] ?? ""))
      for line in DoctorCommand.report(environment: environment, terminal: terminal) { print(line) }
    }
  }

  /// What is known about the terminal mltutor writes to.
  struct TerminalFacts {
    var environment: [String: String]
    var isTerminal: Bool
    /// The colours terminfo lists for `$TERM`; nil when it does not know the terminal.
    var colors: Int?
  }

  static func report(environment: [String: String], terminal: TerminalFacts) -> [String] {
    engine() + data(environment: environment) + files(environment: environment) + lines(for: terminal)
  }

  static func engine() -> [String] {
    let available = KernelPath.available.map(\.rawValue).joined(separator: ", ")
    let chosen = ComputeThreads.chosen.map { "\($0) (chosen)" } ?? "\(ComputeThreads.cores) (cores)"
    return [
      "version: mltutor \(Version.current)",
      "kernels: \(KernelPath.current.rawValue) (this CPU can run: \(available); \(KernelPath.environmentVariable) picks one)",
      "threads: \(chosen); unless chosen (--threads, \(ComputeThreads.environmentVariable)), a training step uses the count that times fastest, at most one per \(ComputeThreads.minimumRowsPerThread) rows of its batch",
      "subnormal numbers: flushed to zero while the engine computes",
    ]
  }

  /// One line per image set: found where, or what to do to get it.
  static func data(environment: [String: String]) -> [String] {
    let locations = resolvedDataLocations(environment: environment)
    return DatasetCatalog.entries(locations: locations).filter { $0.kind == .images }.map { entry in
      let state = entry.available ? "present in \(entry.source)" : "absent: \(entry.remedy ?? "not found")"
      return "data \(entry.name): \(state)"
    }
  }

  static func files(environment: [String: String]) -> [String] {
    let state = Locations.stateDirectory(environment: environment)
    let lessons = Locations.lessonsDirectory(environment: environment) ?? "not found (give --lessons DIR or set MLTUTOR_LESSONS)"
    return [
      "lessons: \(lessons)",
      "progress: \(state)/progress.json",
      "history: \(state)/history",
      "downloads: \(DataLocations.userDataDirectory(environment: environment))",
    ]
  }

  static func lines(for terminal: TerminalFacts) -> [String] {
    let environment = terminal.environment
    let term = environment["TERM"] ?? ""
    let style = ChartStyle.forTerminal(environment: environment, isTerminal: terminal.isTerminal)
    let known: String
    switch terminal.colors {
    case nil: known = term.isEmpty ? "TERM is not set" : "TERM=\(term), which terminfo does not know"
    case 0: known = "TERM=\(term), no colours"
    case let n?: known = "TERM=\(term), \(n.formatted) colours"
    }
    var colour = style.color && (terminal.colors ?? 0) > 0 ? "colour on" : "colour off"
    if !terminal.isTerminal {
      colour += " (standard output is not a terminal)"
    } else if environment["NO_COLOR"] != nil {
      colour += " (NO_COLOR is set)"
    }
    let utf8 = ChartStyle.localeIsUTF8(environment)
    let locale =
      [("LC_ALL", environment["LC_ALL"]), ("LC_CTYPE", environment["LC_CTYPE"]), ("LANG", environment["LANG"])]
      .first { !($0.1 ?? "").isEmpty }.map { "\($0.0)=\($0.1 ?? "")" } ?? "no locale set"
    return [
      "terminal: \(known); \(colour)",
      "UTF-8: \(utf8 ? "yes" : "no") (\(locale)): charts drawn with \(utf8 ? "Unicode" : "ASCII (--unicode overrides)")",
    ]
  }
}
