/// A one-row progress bar with the percentage and an optional label.
///
///     ProgressBar(fraction: 0.53, label: "epoch 3").render(width: 26, height: 1)
///     // "████████▌░░░░░░░  53% epoch 3"   (ASCII: "[########------]  53% epoch 3")
public struct ProgressBar: Hashable, Sendable {
  /// Done, from 0 to 1 (clamped; NaN shows "?").
  public var fraction: Double
  public var label: String

  public init(fraction: Double, label: String = "") {
    self.fraction = fraction
    self.label = label
  }

  public func render(width: Int, height: Int = 1, style: ChartStyle = .unicode) -> Grid {
    var grid = Grid(width: width, height: min(height, 1))
    let f = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
    let digits = fraction.isNaN ? "?" : String(Int(f * 100))
    let percent = String(repeating: " ", count: 4 - digits.count) + digits + "%"
    let suffix = label.isEmpty ? percent : percent + " " + label
    let brackets = style.isUnicode ? 0 : 2
    var barWidth = grid.width - brackets - suffix.count
    var text = suffix
    if barWidth < 4 {
      text = percent
      barWidth = grid.width - brackets - percent.count
    }
    guard barWidth >= 1 else {
      grid.write(String(percent.drop(while: { $0 == " " })), x: 0, y: 0)
      return grid
    }
    var x = 0
    if !style.isUnicode { x = grid.write("[", x: 0, y: 0) }
    let eighths = Int((f * Double(barWidth) * 8).rounded(.down))
    for c in 0..<barWidth {
      let filled = eighths - c * 8
      let ch: Character
      if filled >= 8 {
        ch = style.glyph("█", "#")
      } else if filled > 0 && style.isUnicode {
        ch = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"][filled - 1]
      } else {
        ch = style.glyph("░", "-")
      }
      grid[x + c, 0] = Cell(ch, foreground: style.tint(filled > 0 ? .brightGreen : .brightBlack))
    }
    x += barWidth
    if !style.isUnicode { x = grid.write("]", x: x, y: 0) }
    grid.write(text, x: x, y: 0)
    return grid
  }
}
