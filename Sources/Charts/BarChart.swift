/// Labelled bars with their values — the probability array of a classifier: ten bars 0–9,
/// the predicted class (the largest value) marked "▶" (ASCII ">") and the true label "◆"
/// (ASCII "*"), in horizontal rows or vertical columns.
///
///     BarChart(values: [0.01, 0.02, 0.9, 0.07], truth: 3).render(width: 30, height: 4)
///     //   0 ▏                  0.01
///     //   1 ▎                  0.02
///     // ▶ 2 ████████████████▋  0.90 predicted
///     //  ◆3 █▎                 0.07 true
///
/// Values between 0 and 1 are drawn against 1 with two decimals; others against the largest
/// value. Negative values draw no bar; NaN and ±inf draw "×" and are printed as such.
public struct BarChart: Hashable, Sendable {
  public enum Orientation: Hashable, Sendable {
    case horizontal
    case vertical
  }

  public var values: [Double]
  /// One label per value; "0", "1", … when not given.
  public var labels: [String]
  /// The index of the true label, when known.
  public var truth: Int?
  public var orientation: Orientation

  public init<V: BinaryFloatingPoint>(
    values: [V], labels: [String]? = nil, truth: Int? = nil,
    orientation: Orientation = .horizontal
  ) {
    self.values = values.map { Double($0) }
    self.labels = labels ?? values.indices.map(String.init)
    self.truth = truth
    self.orientation = orientation
  }

  /// The index of the largest finite value (the first of equals), nil if there is none.
  public var predicted: Int? {
    var best: Int?
    for (i, v) in values.enumerated() where v.isFinite {
      if let b = best, values[b] >= v { continue }
      best = i
    }
    return best
  }

  var isProbability: Bool { values.allSatisfy { !$0.isFinite || (0...1).contains($0) } }

  /// The value bars are measured against.
  var fullScale: Double {
    if isProbability { return 1 }
    return max(values.filter(\.isFinite).max() ?? 1, 1e-300)
  }

  func label(_ i: Int) -> String { i < labels.count ? labels[i] : String(i) }

  func valueText(_ v: Double) -> String {
    guard v.isFinite else { return NumberText.format(v, step: 1) }
    return isProbability ? NumberText.padded(v, decimals: 2) : NumberText.compact(v)
  }

  /// Bar length in cells (fractional), 0 for values that draw nothing.
  func length(_ v: Double, cells: Int) -> Double {
    guard v.isFinite, v > 0 else { return 0 }
    return min(v / fullScale, 1) * Double(cells)
  }

  func color(_ i: Int, style: ChartStyle) -> Color? {
    if i == predicted { return style.tint(i == truth || truth == nil ? .brightGreen : .brightRed) }
    if i == truth { return style.tint(.brightYellow) }
    return style.tint(.brightCyan)
  }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    guard !values.isEmpty else { return Message.grid(Message.noData, width: width, height: height) }
    switch orientation {
    case .horizontal: return horizontal(width: width, height: height, style: style)
    case .vertical: return vertical(width: width, height: height, style: style)
    }
  }

  /// The indices to show in `rows` rows: all when they fit, else the largest values (always
  /// keeping the predicted and the true one), in their order.
  func shown(rows: Int) -> [Int] {
    guard values.count > rows else { return Array(values.indices) }
    var keep = Set([predicted, truth].compactMap { $0 }.filter { values.indices.contains($0) })
    let ranked = values.indices.sorted { a, b in
      let va = values[a].isNaN ? -Double.infinity : values[a]
      let vb = values[b].isNaN ? -Double.infinity : values[b]
      return va != vb ? va > vb : a < b
    }
    for i in ranked where keep.count < rows { keep.insert(i) }
    return keep.sorted().prefix(max(rows, 0)).map { $0 }
  }

  private func horizontal(width: Int, height: Int, style: ChartStyle) -> Grid {
    let rows = shown(rows: height)
    let labelWidth = rows.map { label($0).count }.max() ?? 1
    let valueWidth = rows.map { valueText(values[$0]).count }.max() ?? 0
    let tags = [" " + "predicted", " true", " predicted, true"]
    let tagWidth = truth == nil ? tags[0].count : tags[2].count
    let prefix = 2 + labelWidth + 1
    var barWidth = width - prefix - 1 - valueWidth - tagWidth
    let showTags = barWidth >= 10
    if !showTags { barWidth += tagWidth }
    let showValues = barWidth >= 4
    if !showValues { barWidth += 1 + valueWidth }
    guard barWidth >= 1, !rows.isEmpty else {
      return Message.grid(Message.tooSmall, width: width, height: height)
    }
    var grid = Grid(width: width, height: height)
    for (y, i) in rows.enumerated() {
      let isPredicted = i == predicted
      let isTrue = i == truth
      if isPredicted { grid.write(String(style.glyph("▶", ">")), x: 0, y: y, attributes: .bold) }
      if isTrue { grid.write(String(style.glyph("◆", "*")), x: 1, y: y, attributes: .bold) }
      let name = label(i)
      grid.write(
        name, x: 2 + labelWidth - name.count, y: y,
        attributes: isPredicted || isTrue ? .bold : [])
      drawBar(
        values[i], into: &grid, x: prefix, y: y, cells: barWidth, color: color(i, style: style),
        style: style)
      var x = prefix + barWidth + 1
      if showValues {
        let text = valueText(values[i])
        x = grid.write(text, x: x + valueWidth - text.count, y: y)
      }
      if showTags {
        let tag = isPredicted && isTrue ? tags[2] : isPredicted ? tags[0] : isTrue ? tags[1] : ""
        grid.write(tag, x: x, y: y, attributes: .bold)
      }
    }
    return grid
  }

  private func drawBar(
    _ v: Double, into grid: inout Grid, x: Int, y: Int, cells: Int, color: Color?,
    style: ChartStyle
  ) {
    guard v.isFinite else {
      grid.write(String(style.glyph("×", "x")), x: x, y: y, attributes: .bold)
      return
    }
    let length = length(v, cells: cells)
    let eighths = Int((length * 8).rounded())
    let full = eighths / 8
    for c in 0..<full { grid[x + c, y] = Cell(style.glyph("█", "#"), foreground: color) }
    let rest = eighths % 8
    guard rest > 0 else { return }
    if style.isUnicode {
      let partial: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
      grid[x + full, y] = Cell(partial[rest - 1], foreground: color)
    } else if rest >= 4 {
      grid[x + full, y] = Cell("#", foreground: color)
    }
  }
}
