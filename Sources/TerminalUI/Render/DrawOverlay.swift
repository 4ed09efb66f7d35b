import Charts

/// The drawing canvas over the panes: 28×28 pixels as 14 rows of half blocks, the brush, the
/// ten-bar probability array of the prepared drawing, and the keys.
enum DrawOverlay {
  static func render(
    _ state: TutorState, _ snapshot: TutorSnapshot, into grid: inout Grid, theme: Theme
  ) {
    let layout = Layout(width: state.width, height: state.height)
    let area = Rect(x: 1, y: 2, width: state.width - 2, height: min(22, state.height - 4))
    theme.clear(&grid, area)
    theme.box(&grid, area, title: "draw a digit")
    let c = layout.canvas
    theme.box(&grid, Rect(x: c.x - 1, y: c.y - 1, width: c.width + 2, height: c.height + 2))
    for row in 0..<c.height {
      for x in 0..<c.width {
        grid[c.x + x, c.y + row] = cell(state.canvas, x: x, row: row, theme: theme)
      }
    }
    // The brush: the cell it is in, reversed.
    let bx = c.x + state.canvas.brushX
    let by = c.y + state.canvas.brushY / 2
    var brush = grid[bx, by]
    brush.attributes.insert(.reverse)
    if brush.character == " " { brush.character = theme.unicode ? "┼" : "+" }
    grid[bx, by] = brush

    let bars = layout.canvasBars
    if let p = snapshot.drawProbabilities {
      let names = snapshot.classNames ?? (0..<p.count).map(String.init)
      let best = p.indices.max { p[$0] < p[$1] } ?? 0
      grid.write("the model says: \(names[best]) (\(Int((p[best] * 100).rounded()))%)",
        x: bars.x, y: bars.y - 1, attributes: [.bold])
      let chart = BarChart(values: p, labels: names)
      grid.paste(chart.render(width: bars.width, height: bars.height - 1, style: theme.style), x: bars.x, y: bars.y)
    } else {
      grid.write(snapshot.modelText == nil ? "no model to ask yet" : "draw with the keys below",
        x: bars.x, y: bars.y - 1, foreground: theme.color(.brightBlack))
    }
    let pen: String
    switch state.canvas.pen {
    case .up: pen = "pen up"
    case .paint: pen = "painting"
    case .erase: pen = "erasing"
    }
    let arrows = theme.unicode ? "←↑→↓" : "arrows"
    let help = [
      "\(arrows) move   space pen down/up   x eraser   c clear",
      "mouse paints (right button erases)   Esc or Enter closes   [\(pen)]",
    ]
    for (i, line) in help.enumerated() {
      grid.write(line, x: c.x - 1, y: c.y + c.height + 2 + i, foreground: theme.color(.brightBlack))
    }
  }

  /// One cell: two pixels stacked, as an upper half block in colour, or a shade in ASCII.
  static func cell(_ canvas: DrawCanvas, x: Int, row: Int, theme: Theme) -> Cell {
    let top = Double(canvas[x, row * 2])
    let bottom = Double(canvas[x, row * 2 + 1])
    if theme.style.color && theme.unicode {
      if top == 0 && bottom == 0 { return Cell(" ", background: .gray(0.08)) }
      return Cell("▀", foreground: .gray(top), background: .gray(max(bottom, 0.08)))
    }
    let level = max(top, bottom)
    let ramp: [Character] = theme.unicode ? [" ", "░", "▒", "▓", "█"] : [" ", ".", ":", "o", "#"]
    let i = min(ramp.count - 1, Int((level * Double(ramp.count - 1)).rounded(.up)))
    return Cell(ramp[max(0, i)])
  }
}
