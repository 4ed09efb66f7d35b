import Datasets
import Engine

/// A step laid open: which examples, the loss before and after, and what changed where.
enum StepAnatomy {
  static func lines(_ r: StepReport, trainer: Trainer, dataset: Dataset?) -> [String] {
    var lines: [String] = []
    let shown = r.batch.prefix(6).map { "#\($0)" }.joined(separator: " ")
    let more = r.batch.count > 6 ? " …" : ""
    lines.append("step \(r.step) (epoch \(r.epoch)): a batch of \(r.batch.count) example\(r.batch.count == 1 ? "" : "s") (\(shown)\(more))")
    var lossLine = "  loss \(NumberFormat.short(r.lossBefore))"
    if let after = r.lossAfter { lossLine += " → \(NumberFormat.short(after)) after the update" }
    lines.append(lossLine)
    if !r.parameterChanges.isEmpty, trainer.network.architecture.sizes == [1, 1] {
      lines += lineModel(r, trainer)
    } else if !r.parameterChanges.isEmpty {
      for change in r.parameterChanges {
        let before = change.before.map(NumberFormat.short).joined(separator: " ")
        let grad = change.gradient.map(NumberFormat.short).joined(separator: " ")
        let after = change.after.map(NumberFormat.short).joined(separator: " ")
        lines.append("  \(change.name): [\(before)] gradient [\(grad)] → [\(after)]")
      }
    } else {
      let dense = trainer.network.denseLayers
      for (i, layer) in dense.enumerated() where i < r.gradientNorms.count {
        lines.append(
          "  layer \(i + 1) \(layer.inputs)→\(layer.outputs): gradient norm \(NumberFormat.short(r.gradientNorms[i])), update norm \(NumberFormat.short(r.updateNorms[i]))")
      }
    }
    if r.clipScale < 1 {
      lines.append("  gradients clipped: scaled by \(NumberFormat.short(r.clipScale))")
    }
    return lines
  }

  /// w and b written out, with the update rule in numbers for plain gradient descent.
  private static func lineModel(_ r: StepReport, _ trainer: Trainer) -> [String] {
    guard r.parameterChanges.count == 2 else { return [] }
    let w = r.parameterChanges[0]
    let b = r.parameterChanges[1]
    let lr = NumberFormat.short(r.learningRate)
    var lines = [
      "  w = \(NumberFormat.short(w.before[0]))   b = \(NumberFormat.short(b.before[0]))",
      "  ∂L/∂w = \(NumberFormat.short(w.gradient[0]))   ∂L/∂b = \(NumberFormat.short(b.gradient[0]))",
    ]
    let h = trainer.hyper
    if h.optimizer == .sgd && h.l1 == 0 && h.l2 == 0 && r.clipScale == 1 {
      lines.append(
        "  w ← w − lr·∂L/∂w = \(NumberFormat.short(w.before[0])) − \(lr) × \(factor(w.gradient[0])) = \(NumberFormat.short(w.after[0]))")
      lines.append(
        "  b ← b − lr·∂L/∂b = \(NumberFormat.short(b.before[0])) − \(lr) × \(factor(b.gradient[0])) = \(NumberFormat.short(b.after[0]))")
    } else {
      lines.append(
        "  \(h.optimizer.rawValue) update: w → \(NumberFormat.short(w.after[0])), b → \(NumberFormat.short(b.after[0]))")
    }
    return lines
  }

  /// A number as a factor in a product: negative ones in parentheses.
  private static func factor(_ x: Float) -> String {
    x < 0 ? "(\(NumberFormat.short(x)))" : NumberFormat.short(x)
  }

  static func summary(_ r: StepReport) -> String {
    var s = "step \(r.step), epoch \(r.epoch), batch loss \(NumberFormat.short(r.lossBefore))"
    if let after = r.lossAfter { s += " → \(NumberFormat.short(after))" }
    return s
  }
}
