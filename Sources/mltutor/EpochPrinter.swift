import Engine
@preconcurrency import Foundation
#if canImport(Glibc)
  @preconcurrency import Glibc
#endif

/// Prints one line per epoch: text for people, JSON for scripts.
struct EpochPrinter {
  let json: Bool
  let task: Task
  let started: Date

  func print(_ record: History.Evaluated, epoch: Int, samplesPerSecond: Double) {
    Swift.print(line(record, epoch: epoch, samplesPerSecond: samplesPerSecond))
    fflush(stdout)
  }

  func line(_ r: History.Evaluated, epoch: Int, samplesPerSecond: Double) -> String {
    let test = r.test
    if json {
      var fields: [(String, String)] = [("epoch", String(epoch))]
      fields.append(("train_loss", number(r.train.loss)))
      if task == .classification {
        fields.append(("train_accuracy", number(r.train.accuracy)))
        fields.append(("test_loss", number(test?.loss)))
        fields.append(("test_accuracy", number(test?.accuracy)))
      } else {
        fields.append(("train_rmse", number(r.train.rmse)))
        fields.append(("test_loss", number(test?.loss)))
        fields.append(("test_rmse", number(test?.rmse)))
        fields.append(("test_r2", number(test?.r2)))
      }
      fields.append(("samples_per_second", number(samplesPerSecond.rounded())))
      return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
    var text = "epoch \(pad(epoch, 3))  train loss \(fixed(r.train.loss))"
    text += task == .classification ? " acc \(fixed(r.train.accuracy))" : " rmse \(fixed(r.train.rmse))"
    if let test {
      text += "  test loss \(fixed(test.loss))"
      if task == .classification {
        text += " acc \(fixed(test.accuracy))"
      } else {
        text += " rmse \(fixed(test.rmse)) r2 \(fixed(test.r2))"
      }
    } else {
      text += "  no test data"
    }
    text += "  \(Int(samplesPerSecond.rounded()).formatted) samples/s"
    return text
  }

  private func number(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "null" }
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    return String(x)
  }

  private func fixed(_ x: Double?) -> String {
    guard let x else { return "-" }
    guard x.isFinite else { return String(x) }
    if abs(x) >= 1e5 { return String(format: "%.4g", x) }
    return String(format: "%.4f", x)
  }

  private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return String(repeating: " ", count: max(0, width - s.count)) + s
  }
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
