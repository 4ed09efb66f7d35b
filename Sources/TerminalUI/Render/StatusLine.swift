import Charts
import Tutor

/// The status line: where training is and how well it does, then the data, the model and the
/// settings, each figure labelled:
///
///      ▶ step 1240 · loss 0.2315 · test acc 93.5% · moons · 2-16-2 · epoch 3 · sgd lr 0.1 batch 32 · pace 30/s · space pauses
///
/// and a sparkline of the recent batch losses at its right end.
enum StatusLine {
  /// The fields after the state, in the order shown and of importance: when the line is too
  /// long for the screen the last go first (the hint, the speed, the settings, the epoch, the
  /// model, the data), so that the step, the loss and the test accuracy stay to the end.
  static func fields(_ s: TutorSnapshot) -> [String] {
    var fields: [String] = []
    if s.modelText != nil {
      fields.append("step \(s.steps)")
      if let loss = s.lastLoss { fields.append("loss \(NumberFormat.short(loss))") }
      if let a = s.testAccuracy {
        fields.append("test acc \(NumberFormat.percent(a))")
      } else if let l = s.testLoss {
        fields.append("test loss \(NumberFormat.short(l))")
      }
    }
    fields.append(s.dataName ?? "no data")
    fields.append(s.modelText ?? "no model")
    if s.modelText != nil && s.modelText != "ball" { fields.append("epoch \(s.epoch)") }
    if let h = s.hyper, s.modelText != nil {
      var opt = "\(h.optimizer.rawValue) lr \(NumberFormat.short(h.learningRate))"
      if s.modelText != "ball" { opt += " batch \(h.batchSize)" }
      if h.optimizer != .sgd && h.optimizer != .adam { opt += " mom \(NumberFormat.short(h.momentum))" }
      if h.l2 > 0 { opt += " l2 \(NumberFormat.short(h.l2))" }
      if h.dropout > 0 { opt += " drop \(NumberFormat.short(h.dropout))" }
      fields.append(opt)
    }
    if let pace = s.pace, s.modelText != nil { fields.append("pace \(pace.shortText)") }
    if s.runState == .running {
      if s.modelText != "ball" && s.samplesPerSecond > 0 { fields.append("\(rate(s.samplesPerSecond)) ex/s") }
      fields.append("space pauses")
    }
    return fields
  }

  /// `▶`, `⏸ paused`, `⏸ ended`, `✕ diverged`: the state, always shown.
  static func state(_ s: TutorSnapshot, theme: Theme) -> String {
    let u = theme.unicode
    switch s.runState {
    case .running: return u ? "▶" : ">"
    case .paused: return u ? "⏸ paused" : "= paused"
    case .ended: return u ? "⏸ ended" : "= ended"
    case .diverged: return u ? "✕ DIVERGED" : "x DIVERGED"
    case .ready: return u ? "⏸" : "="
    }
  }

  /// The line's text within `room` characters: fields dropped from the end, and only when even
  /// the state and the step do not fit, the line cut with an ellipsis.
  static func text(_ s: TutorSnapshot, room: Int, theme: Theme) -> String {
    fitting(s, room: room, theme: theme).text
  }

  /// The line's text within `room` characters and how many fields it kept.
  static func fitting(_ s: TutorSnapshot, room: Int, theme: Theme) -> (text: String, kept: Int) {
    let separator = theme.unicode ? " · " : " | "
    var kept = fields(s)
    let mark = state(s, theme: theme)
    // A state in words is a field of its own; the bare ▶ or ⏸ leads the first field.
    let head = " " + mark + (mark.count > 1 ? separator : " ")
    func line() -> String { theme.text(head + kept.joined(separator: separator)) }
    var text = line()
    while text.count > room && kept.count > 1 {
      kept.removeLast()
      text = line()
    }
    let shown = text.count > room ? String(text.prefix(max(0, room - 1))) + theme.ellipsis : text
    return (shown, kept.count)
  }

  /// How many of the fields up to the model's the line keeps within `room` characters.
  static func coreKept(_ s: TutorSnapshot, room: Int, theme: Theme) -> Int {
    let all = fields(s)
    let core = (all.firstIndex(of: s.modelText ?? "no model") ?? all.count - 1) + 1
    return min(core, fitting(s, room: room, theme: theme).kept)
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
    let recent = s.recentLosses(sparkWidth)
    // The sparkline goes when that keeps more of the fields up to the model's on the line;
    // without it (no losses yet, a ball, a narrow screen) the text has the whole line.
    let sparkFits = coreKept(s, room: r.width - sparkWidth - 2, theme: theme)
      >= coreKept(s, room: r.width - 1, theme: theme)
    let losses = recent.count >= 2 && sparkFits ? recent : []
    let room = losses.count >= 2 ? r.width - sparkWidth - 2 : r.width - 1
    let shown = text(s, room: room, theme: theme)
    grid.write(shown, x: r.x, y: r.y, foreground: fg, background: bg, attributes: attributes)
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
