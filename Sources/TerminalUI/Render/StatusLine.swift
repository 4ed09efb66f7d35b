import Charts
import Tutor

/// The status line: data, model, optimizer and its settings, where training is, how well it
/// does, how fast, and a sparkline of the recent batch losses.
enum StatusLine {
  /// The fields in the order shown, each with how much it matters: when the line is too long
  /// for the screen, the least important go first (the model, the accuracy, then the data,
  /// which the lesson and the charts show too), so that where training is, its loss, the
  /// settings being changed and the speed stay in sight.
  static func fields(_ s: TutorSnapshot) -> [(text: String, priority: Int)] {
    var fields: [(String, Int)] = []
    fields.append((s.dataName ?? "no data", 3))
    fields.append((s.modelText ?? "no model", 1))
    if let h = s.hyper {
      var opt = "\(h.optimizer.rawValue) lr \(NumberFormat.short(h.learningRate)) batch \(h.batchSize)"
      if h.optimizer != .sgd && h.optimizer != .adam { opt += " mom \(NumberFormat.short(h.momentum))" }
      if h.l2 > 0 { opt += " l2 \(NumberFormat.short(h.l2))" }
      if h.dropout > 0 { opt += " drop \(NumberFormat.short(h.dropout))" }
      fields.append((opt, 6))
    }
    fields.append(("step \(s.steps) ep \(s.epoch)", 7))
    if let loss = s.lastLoss { fields.append(("loss \(NumberFormat.short(loss))", 5)) }
    if let a = s.accuracy { fields.append(("acc \(NumberFormat.percent(a))", 2)) }
    if s.training { fields.append(("\(rate(s.samplesPerSecond)) ex/s", 4)) }
    if s.diverged { fields.append(("DIVERGED", 8)) }
    return fields
  }

  /// The line's text within `room` characters: fields dropped least important first, and only
  /// when even the most important ones do not fit, the line cut with an ellipsis.
  static func text(_ s: TutorSnapshot, room: Int, theme: Theme) -> String {
    let marker = s.training ? (theme.unicode ? "▶ " : "> ") : (theme.unicode ? "⏸ " : "= ")
    let separator = theme.unicode ? " · " : " | "
    var kept = fields(s)
    func line() -> String { theme.text(" " + marker + kept.map(\.text).joined(separator: separator)) }
    var text = line()
    while text.count > room && kept.count > 1 {
      let least = kept.indices.min { kept[$0].priority < kept[$1].priority }!
      kept.remove(at: least)
      text = line()
    }
    return text.count > room ? String(text.prefix(max(0, room - 1))) + theme.ellipsis : text
  }

  /// A speed with a k or M suffix: 950, 12.5k, 1.2M.
  static func rate(_ x: Double) -> String {
    if x >= 1e6 { return NumberFormat.fixed(x / 1e6, 1) + "M" }
    if x >= 1e4 { return String(Int((x / 1e3).rounded())) + "k" }
    if x >= 1e3 { return NumberFormat.fixed(x / 1e3, 1) + "k" }
    return String(Int(x.rounded()))
  }

  static func render(_ s: TutorSnapshot, into grid: inout Grid, _ r: Rect, theme: Theme) {
    let bg = theme.color(.cube(red: 0, green: 1, blue: 2))
    let fg = theme.color(.brightWhite)
    let attributes: Cell.Attributes = theme.style.color ? [] : [.reverse]
    for x in r.x..<(r.x + r.width) {
      grid[x, r.y] = Cell(" ", foreground: fg, background: bg, attributes: attributes)
    }
    let sparkWidth = 12
    let shown = text(s, room: r.width - sparkWidth - 2, theme: theme)
    grid.write(shown, x: r.x, y: r.y, foreground: fg, background: bg, attributes: attributes)
    let losses = s.recentLosses(sparkWidth)
    guard losses.count >= 2 else { return }
    let spark = Sparkline(values: losses).render(width: sparkWidth, height: 1, style: theme.style)
    for x in 0..<spark.width {
      var cell = spark[x, 0]
      cell.background = bg
      if cell.foreground == nil { cell.foreground = fg }
      cell.attributes.formUnion(attributes)
      grid[r.x + r.width - sparkWidth - 1 + x, r.y] = cell
    }
  }
}
