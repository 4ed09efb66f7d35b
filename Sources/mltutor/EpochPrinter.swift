import Engine
@preconcurrency import Foundation
#if canImport(Glibc)
  @preconcurrency import Glibc
#endif

/// Prints one line per epoch: text for people, under a line of column headings, within 80
/// columns; JSON for scripts.
///
///     epoch  train loss  train acc  test loss  test acc  samples/s
///         1      0.6014     0.8390     0.5981    0.8280       171k
struct EpochPrinter {
  let json: Bool
  let task: Task
  let started: Date
  /// False when the data hold no test split: the test columns are left out.
  var hasTest = true
  /// True when the data hold a validation split (`-o val=0.1`): its columns follow training's.
  var hasValidation = false

  func print(_ record: History.Evaluated, epoch: Int, samplesPerSecond: Double, stepsByThreads: [Int: Int] = [:]) {
    Swift.print(line(record, epoch: epoch, samplesPerSecond: samplesPerSecond, stepsByThreads: stepsByThreads))
    fflush(stdout)
  }

  /// `stepsByThreads`: how many of the epoch's steps ran on each thread count (JSON only, where
  /// it is not empty: the speed of an epoch whose thread count was chosen by timing depends on it).
  func line(_ r: History.Evaluated, epoch: Int, samplesPerSecond: Double, stepsByThreads: [Int: Int] = [:]) -> String {
    let test = r.test
    if json {
      var fields: [(String, String)] = [("epoch", String(epoch))]
      fields.append(("train_loss", number(r.train.loss)))
      if task == .classification {
        fields.append(("train_accuracy", number(r.train.accuracy)))
        if let v = r.validation {
          fields.append(("val_loss", number(v.loss)))
          fields.append(("val_accuracy", number(v.accuracy)))
        }
        fields.append(("test_loss", number(test?.loss)))
        fields.append(("test_accuracy", number(test?.accuracy)))
      } else {
        fields.append(("train_rmse", number(r.train.rmse)))
        if let v = r.validation {
          fields.append(("val_loss", number(v.loss)))
          fields.append(("val_rmse", number(v.rmse)))
        }
        fields.append(("test_loss", number(test?.loss)))
        fields.append(("test_rmse", number(test?.rmse)))
        fields.append(("test_r2", number(test?.r2)))
      }
      fields.append(("samples_per_second", number(samplesPerSecond.rounded())))
      if !stepsByThreads.isEmpty {
        let counts = stepsByThreads.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }
        fields.append(("steps_by_threads", "{" + counts.joined(separator: ",") + "}"))
      }
      return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
    let cells = [String(epoch)] + figures(r).map(fixed) + [rate(samplesPerSecond)]
    return Self.row(cells, widths: columns.map(\.count))
  }

  /// The column headings the text lines line up under, printed once before the first epoch
  /// (nothing in JSON). Without test data the line says so, and the test columns are left out.
  var header: String? {
    guard !json else { return nil }
    let line = Self.row(columns, widths: columns.map(\.count))
    return hasTest ? line : line + "  (no test data)"
  }

  /// epoch, train loss, train acc, test loss, test acc, samples/s (RMSE and R² for regression).
  private var columns: [String] {
    var names = ["epoch", "train loss"]
    names.append(task == .classification ? "train acc" : "train rmse")
    if hasValidation { names += task == .classification ? ["val loss", "val acc"] : ["val rmse"] }
    if hasTest {
      names += task == .classification ? ["test loss", "test acc"] : regressionTestColumns
    }
    return names + ["samples/s"]
  }

  private func figures(_ r: History.Evaluated) -> [Double?] {
    var values: [Double?] = [r.train.loss, task == .classification ? r.train.accuracy : r.train.rmse]
    if hasValidation {
      values += task == .classification ? [r.validation?.loss, r.validation?.accuracy] : [r.validation?.rmse]
    }
    guard hasTest else { return values }
    let test = r.test
    if task == .classification { return values + [test?.loss, test?.accuracy] }
    return values + (showsTestLoss ? [test?.loss] : []) + [test?.rmse, test?.r2]
  }

  /// A regression's test loss is its RMSE squared: beside a validation column it gives way, so
  /// that a line stays within 80 columns.
  private var showsTestLoss: Bool { !hasValidation }

  private var regressionTestColumns: [String] {
    (showsTestLoss ? ["test loss"] : []) + ["test rmse", "test r2"]
  }

  /// Cells right-aligned under their headings, two spaces apart.
  static func row(_ cells: [String], widths: [Int]) -> String {
    zip(cells, widths).map { cell, width in
      String(repeating: " ", count: max(0, width - cell.count)) + cell
    }.joined(separator: "  ")
  }

  /// Samples per second, short: 950, 8.5k, 171k, 1.2M.
  static func rate(_ x: Double) -> String {
    guard x.isFinite, x >= 0 else { return "-" }
    let n = x.rounded()
    if n < 1000 { return String(Int(n)) }
    if n < 10_000 { return String(format: "%.1fk", n / 1000) }
    if n < 999_500 { return String(format: "%.0fk", n / 1000) }
    if n < 9_995_000 { return String(format: "%.2fM", n / 1_000_000) }
    return String(format: "%.1fM", n / 1_000_000)
  }

  private func rate(_ x: Double) -> String { Self.rate(x) }

  private func number(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "null" }
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    return String(x)
  }

  /// Five significant figures at most and four decimals at most: 0.6014, 113.18, 12810.4;
  /// from a million on, 1.234e+06.
  static func fixed(_ x: Double?) -> String {
    guard let x else { return "-" }
    guard x.isFinite else { return String(x) }
    if abs(x) >= 1e6 { return String(format: "%.4g", x) }
    let digits = abs(x) < 1 ? 1 : Int(log10(abs(x)).rounded(.down)) + 1
    return String(format: "%.\(min(4, max(1, 5 - digits)))f", x)
  }

  private func fixed(_ x: Double?) -> String { Self.fixed(x) }

}

/// A progress bar on stderr, redrawn at most ten times a second; nothing when disabled.
final class ProgressBar {
  private let enabled: Bool
  private var last = ContinuousClock.now
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  func update(epoch: Int, of total: Int, fraction: Double) {
    guard enabled else { return }
    let now = ContinuousClock.now
    guard now - last > .milliseconds(100) else { return }
    last = now
    let width = 30
    let filled = Int((fraction * Double(width)).rounded(.down))
    let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
    let percent = Int((fraction * 100).rounded(.down))
    FileHandle.standardError.write(Data("\repoch \(epoch)/\(total) [\(bar)] \(percent)%".utf8))
    shown = true
  }

  func clear() {
    guard enabled, shown else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    shown = false
  }
}
