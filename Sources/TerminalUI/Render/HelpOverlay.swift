import Foundation
import Charts

/// The `?` overlay: every key, and how to type commands.
enum HelpOverlay {
  static let keys: [(String, String)] = [
    ("space", "start or pause training"),
    ("n", "one training step, shown in detail"),
    ("-  +", "train slower / faster (steps/s, max)"),
    ("[ ]  { }", "halve / double the learning rate / batch"),
    ("r  u", "reset to new weights / undo one step"),
    ("f", "fork the run (then `compare main run2`)"),
    ("M  C  S", "mistakes / challenges / skip the review"),
    ("Tab", "next chart"),
    ("PgUp PgDn ↑ ↓", "scroll the lesson"),
    ("→  ←", "next / previous lesson step"),
    (": or Enter", "type a command (Tab completes, ↑ history)"),
    ("a b c …", "answer a question or a prediction"),
    ("draw", "command: draw a digit for the model"),
    ("?", "this help"),
    ("Ctrl-C", "stop training (model kept); twice: quit"),
    ("q", "quit (asks while training)"),
  ]

  static func render(into grid: inout Grid, width: Int, height: Int, theme: Theme) {
    let w = min(60, width - 4)
    // A description too long for its column goes on under itself, broken at a space; its
    // commands are drawn as code.
    let room = w - 19
    let rows = keys.map { _, what in TextWrapper.wrap([TranscriptLine(theme.text(what), .prose)], width: room) }
    let h = min(rows.map(\.count).reduce(0, +) + 4, height - 2)
    let r = Rect(x: (width - w) / 2, y: max(1, (height - h) / 2), width: w, height: h)
    theme.clear(&grid, r)
    theme.box(&grid, r, title: "keys")
    var y = r.y + 1
    for ((key, _), lines) in zip(keys, rows) where y + lines.count <= r.y + h - 3 {
      let shownKey = theme.unicode ? key : key.replacingArrows
      grid.write(shownKey, x: r.x + 2, y: y, foreground: theme.color(.brightYellow), attributes: [.bold])
      for line in lines {
        var x = r.x + 18
        for (text, style) in TutorScreen.runs(line) {
          let (fg, attributes) = theme.look(.prose, style)
          x = grid.write(text, x: x, y: y, foreground: fg, attributes: attributes)
        }
        y += 1
      }
    }
    grid.write("any key closes this", x: r.x + 2, y: r.y + h - 2, foreground: theme.color(.brightBlack))
  }

  static func confirmQuit(into grid: inout Grid, width: Int, height: Int, theme: Theme) {
    let text = "Training is running. Quit anyway? (y/n)"
    let w = text.count + 6
    let r = Rect(x: (width - w) / 2, y: height / 2 - 2, width: w, height: 5)
    theme.clear(&grid, r)
    theme.box(&grid, r, title: "quit")
    grid.write(text, x: r.x + 3, y: r.y + 2, attributes: [.bold])
  }
}

extension String {
  /// Arrows spelt out for an ASCII screen.
  var replacingArrows: String {
    var s = self
    for (a, b) in [("↑", "Up"), ("↓", "Down"), ("→", "Right"), ("←", "Left"), ("…", "...")] {
      s = s.replacingOccurrences(of: a, with: b)
    }
    return s
  }
}
