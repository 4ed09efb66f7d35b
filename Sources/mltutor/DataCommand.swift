import ArgumentParser
import Datasets
import Engine
import Foundation

/// `mltutor data list | info NAME | fetch mnist`.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "List, describe and download the data sets.",
    subcommands: [List.self, Info.self, Fetch.self]
  )

  /// `key=value` words as the settings of a data set.
  static func settings(_ words: [String]) throws -> [String: String] {
    var options: [String: String] = [:]
    for word in words {
      guard let eq = word.firstIndex(of: "="), eq != word.startIndex else {
        throw Failure("expected a setting as key=value, got \"\(word)\"")
      }
      options[String(word[..<eq])] = String(word[word.index(after: eq)...])
    }
    return options
  }

  /// Columns padded to their widest cell, two spaces apart.
  static func table(_ rows: [[String]]) -> [String] {
    let widths = (0..<(rows.first?.count ?? 0)).map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { row in
      zip(row, widths).enumerated().map { i, cell in
        i == row.count - 1 ? cell.0 : cell.0.padding(toLength: cell.1, withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show every data set: kind, size, where it comes from, whether it is available.")

    func run() throws {
      let entries = DatasetCatalog.entries(locations: resolvedDataLocations())
      var rows = [["NAME", "KIND", "SIZE", "SOURCE", "AVAILABLE"]]
      for e in entries {
        let available = e.available ? "yes" : "no: " + (e.remedy ?? "not found")
        rows.append([e.name, e.kind.rawValue, e.size, e.source, available])
      }
      print(DataCommand.table(rows).joined(separator: "\n"))
    }
  }

  struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Describe one data set or loss landscape.",
      discussion: "Settings follow the name, e.g. `mltutor data info apartments noise=10 seed=4`.")

    @Argument(help: "The data set (see `mltutor data list`).")
    var name: String

    @Argument(help: "Settings as key=value.")
    var settings: [String] = []

    func run() throws {
      try Self.reportingFailures {
        if let curve = try? Landscape1D.named(name) {
          print(Self.describe(curve).joined(separator: "\n"))
          return
        }
        if let surface = try? Landscape2D.named(name) {
          print(Self.describe(surface).joined(separator: "\n"))
          return
        }
        let locations = resolvedDataLocations()
        let options = try DataCommand.settings(settings)
        let dataset: Dataset
        do throws(DatasetError) {
          dataset = try DatasetCatalog.load(name, options: options, locations: locations)
        } catch {
          throw Failure(error.description)
        }
        let knobs = DatasetCatalog.entry(name, locations: locations)?.knobs ?? []
        print(Self.describe(dataset, knobs: knobs).joined(separator: "\n"))
      }
    }

    static func describe(_ d: Dataset, knobs: [DatasetKnob]) -> [String] {
      var lines = ["\(d.name): \(d.summary)"]
      var rows: [[String]] = [
        ["task", d.task == .classification ? "classification" : "regression"],
        ["examples", d.sizeDescription],
        ["source", d.source],
      ]
      if let shape = d.imageShape {
        rows.append(["features", "\(d.featureCount) pixels (\(shape.rows)×\(shape.cols) image)"])
      } else {
        rows.append(["features", d.featureNames.joined(separator: ", ")])
      }
      rows.append(["target", d.targetName])
      if let classes = d.classNames {
        rows.append(["classes", classes.joined(separator: ", ")])
        if case .classes(let labels, let k) = d.train.labels {
          var counts = [Int](repeating: 0, count: k)
          for l in labels { counts[Int(l)] += 1 }
          rows.append(["train per class", counts.map(String.init).joined(separator: " ")])
        }
      }
      if let s = d.standardizer {
        let parts = zip(s.means, s.deviations).map { "mean \($0), sd \($1)" }
        rows.append(["standardised", parts.joined(separator: "; ")])
      }
      if !d.outlierIndices.isEmpty {
        rows.append(["outliers", "train indices " + d.outlierIndices.map(String.init).joined(separator: ", ")])
      }
      for note in d.notes { rows.append(["note", note]) }
      lines += DataCommand.table(rows).map { "  " + $0 }
      if !knobs.isEmpty {
        lines.append("settings:")
        let knobRows = knobs.map { [$0.name + "=" + $0.defaultValue, $0.meaning] }
        lines += DataCommand.table(knobRows).map { "  " + $0 }
      }
      return lines
    }

    static func describe(_ l: Landscape1D) -> [String] {
      var lines = ["\(l.name): \(l.summary)", "  \(l.formula), x in \(l.domain.lowerBound)…\(l.domain.upperBound)"]
      for m in l.minima {
        let kind = m.isGlobal ? "global minimum" : "local minimum"
        lines.append("  \(kind) at x = \(format(m.x)), f = \(format(m.value))")
      }
      return lines
    }

    static func describe(_ l: Landscape2D) -> [String] {
      var lines = [
        "\(l.name): \(l.summary)",
        "  \(l.formula), x in \(l.xDomain.lowerBound)…\(l.xDomain.upperBound), y in \(l.yDomain.lowerBound)…\(l.yDomain.upperBound)",
      ]
      for p in l.criticalPoints {
        lines.append("  \(p.kind.rawValue) at (\(format(p.x)), \(format(p.y))), f = \(format(p.value))")
      }
      return lines
    }

    static func format(_ v: Double) -> String {
      let rounded = (v * 1e4).rounded() / 1e4
      return String(rounded == 0 ? 0 : rounded)
    }
  }

  struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Download the full MNIST set (70,000 digits) and verify its checksums.",
      discussion: """
        The files go to $XDG_DATA_HOME/mltutor/mnist (~/.local/share/mltutor/mnist). The URL can \
        also be set with MLTUTOR_MNIST_URL, a checksum file (md5sum format) with \
        MLTUTOR_MNIST_CHECKSUMS.
        """)

    @Argument(help: "What to fetch: mnist.")
    var name: String

    @Option(help: "Base URL of the four IDX .gz files.")
    var url: String?

    @Option(help: "A file of MD5 checksums (md5sum format) for files that are not the official ones.")
    var checksums: String?

    func run() throws {
      try Self.reportingFailures {
        guard name == "mnist" else { throw Failure("only mnist can be fetched, not \"\(name)\"") }
        do throws(DatasetError) {
          var sums: [String: String]?
          if let checksums { sums = try MNISTFetcher.readChecksums(path: checksums) }
          let fetcher = try MNISTFetcher(locations: resolvedDataLocations(), baseURL: url, checksums: sums)
          print("fetching MNIST from \(fetcher.baseURL) into \(fetcher.destination)")
          try fetcher.fetch { print("  " + $0) }
          print("done: `mnist` now names the full set (60,000 + 10,000 digits)")
        } catch {
          throw Failure(error.description)
        }
      }
    }
  }
}
