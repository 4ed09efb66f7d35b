extension BarChart {
  /// Columns of bars over their labels, the marks "▲" (predicted) and "◆" (true) under the
  /// labels, values above the bars when they fit, and a legend line when there is room.
  func vertical(width: Int, height: Int, style: ChartStyle) -> Grid {
    let count = values.count
    let labelWidth = values.indices.map { label($0).count }.max() ?? 1
    let barWidth = min(6, max(labelWidth, (width + 1) / count - 1))
    let valueWidth = values.map { valueText($0).count }.max() ?? 0
    // Values above every bar when they fit in a bar's width, else above the marked ones only.
    let allValues = valueWidth <= barWidth
    let showValues = allValues || predicted != nil || truth != nil
    let legendText = truth == nil ? "▲ predicted" : "▲ predicted  ◆ true"
    let showLegend = height >= 8 && legendText.count <= width
    let barRows = height - 2 - (showValues ? 1 : 0) - (showLegend ? 1 : 0)
    guard barWidth >= 1, count * (barWidth + 1) - 1 <= width, barRows >= 2 else {
      return Message.grid(Message.tooSmall, width: width, height: height)
    }
    var grid = Grid(width: width, height: height)
    let top = showValues ? 1 : 0
    let labelRow = top + barRows
    for i in values.indices {
      let x = i * (barWidth + 1)
      let color = color(i, style: style)
      let length = length(values[i], cells: barRows)
      let eighths = Int((length * 8).rounded())
      let rest = eighths % 8
      for r in 0..<(eighths / 8) {
        for c in 0..<barWidth {
          grid[x + c, labelRow - 1 - r] = Cell(style.glyph("█", "#"), foreground: color)
        }
      }
      if rest > 0 && (style.isUnicode || rest >= 4) {
        let partial: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇"]
        for c in 0..<barWidth {
          grid[x + c, labelRow - 1 - eighths / 8] = Cell(
            style.isUnicode ? partial[rest - 1] : "#", foreground: color)
        }
      }
      if !values[i].isFinite {
        grid.write(String(style.glyph("×", "x")), x: x, y: labelRow - 1, attributes: .bold)
      }
      if allValues || i == predicted || i == truth {
        let text = valueText(values[i])
        let drawn = eighths / 8 + (rest > 0 && (style.isUnicode || rest >= 4) ? 1 : 0)
        let above = labelRow - 1 - drawn
        if x + text.count <= width { grid.write(text, x: x, y: max(above, 0)) }
      }
      let name = String(label(i).prefix(barWidth))
      let marked = i == predicted || i == truth
      grid.write(name, x: x, y: labelRow, attributes: marked ? .bold : [])
      var markX = x
      if i == predicted {
        markX = grid.write(
          String(style.glyph("▲", "^")), x: markX, y: labelRow + 1, attributes: .bold)
      }
      if i == truth && markX < x + barWidth {
        grid.write(String(style.glyph("◆", "*")), x: markX, y: labelRow + 1, attributes: .bold)
      }
    }
    if showLegend {
      let text = style.isUnicode ? legendText : legendText.replacingGlyphs()
      grid.write(text, x: 0, y: height - 1)
    }
    return grid
  }
}

extension String {
  /// The legend of a bar chart in ASCII.
  fileprivate func replacingGlyphs() -> String {
    String(map { $0 == "▲" ? "^" : $0 == "◆" ? "*" : $0 })
  }
}
