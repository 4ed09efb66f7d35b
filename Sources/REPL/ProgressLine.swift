import Engine
import Tutor

/// The one-line display of a running `train`, redrawn in place on a terminal:
///
///     training: step 1,240 · epoch 3 (48%) · loss 0.2315 · 11,520 samples/s · Ctrl-C stops
enum ProgressLine {
  static func text(_ p: TrainingProgress, width: Int) -> String {
    var parts = ["training: step \(p.step.formatted)"]
    parts.append("epoch \(p.epoch) (\(Int((p.epochFraction * 100).rounded(.down)))%)")
    if let target = p.target, target > 0 {
      parts[0] += " (\(p.done.formatted) of \(target.formatted))"
    }
    parts.append("loss \(NumberFormat.short(p.loss))")
    if p.samplesPerSecond.isFinite {
      parts.append("\(Int(p.samplesPerSecond.rounded()).formatted) samples/s")
    }
    parts.append("Ctrl-C stops")
    let line = parts.joined(separator: " · ")
    // Room for the "^C" the terminal echoes after it, so that it does not wrap.
    let limit = max(1, width - 4)
    return line.count <= limit ? line : String(line.prefix(limit))
  }
}

