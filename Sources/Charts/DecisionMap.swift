/// The regions where a 2-D classifier predicts each class, with the data points on top.
/// Each class has a point mark and a region fill (Unicode "○ ●  △ ■ …" over " ░▒▓",
/// ASCII "o x + * …" over " .:-"), so that a misclassified point stands out by its character.
///
///     DecisionMap(classes: .sample(x: -1...1, y: -1...1, columns: 60, rows: 30) { x, y in
///                   x * y > 0 ? 1 : 0 },
///                 points: [ClassPoint(x: 0.5, y: 0.5, label: 1)])
///       .render(width: 50, height: 20)
public struct DecisionMap: Hashable, Sendable {
  /// A data point and its class.
  public struct ClassPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var label: Int
    public init(x: Double, y: Double, label: Int) {
      self.x = x
      self.y = y
      self.label = label
    }
  }

  /// The predicted class at each cell (as a number 0, 1, 2, …).
  public var classes: Field
  public var points: [ClassPoint]
  /// Names of the classes; "0", "1", … when not given.
  public var classNames: [String]

  public init(classes: Field, points: [ClassPoint] = [], classNames: [String] = []) {
    self.classes = classes
    self.points = points
    self.classNames = classNames
  }

  static let unicodeMarks: [Character] = ["○", "●", "△", "■", "◇", "▼"]
  static let asciiMarks: [Character] = ["o", "x", "+", "*", "#", "@"]
  static let unicodeFills: [Character] = [" ", "░", "▒", "▓"]
  static let asciiFills: [Character] = [" ", ".", ":", "-"]

  static func pick(_ list: [Character], _ k: Int) -> Character {
    list[((k % list.count) + list.count) % list.count]
  }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    guard !classes.isEmpty else {
      return Message.grid(Message.noData, width: width, height: height)
    }
    guard
      let frame = PlotFrame.layout(
        width: width, height: height, style: style, xData: classes.x, yData: classes.y,
        widenY: false)
    else { return Message.grid(Message.tooSmall, width: width, height: height) }
    let marks = style.isUnicode ? Self.unicodeMarks : Self.asciiMarks
    let fills = style.isUnicode ? Self.unicodeFills : Self.asciiFills
    var grid = Grid(width: width, height: height)
    var seen = Set<Int>()
    for r in 0..<frame.plotHeight {
      for c in 0..<frame.plotWidth {
        let v = classes.value(
          column: c, row: r, width: frame.plotWidth, height: frame.plotHeight)
        guard v.isFinite, abs(v) < 1e9 else { continue }
        let k = Int(v.rounded())
        seen.insert(k)
        grid[frame.plotX + c, frame.plotY + r] = Cell(
          Self.pick(fills, k), foreground: style.tint(Color.series(k)))
      }
    }
    for p in points {
      guard let cell = frame.cell(Point(x: p.x, y: p.y)) else { continue }
      seen.insert(p.label)
      grid[cell.x, cell.y] = Cell(
        Self.pick(marks, p.label), foreground: style.tint(Color.series(p.label)),
        attributes: .bold)
    }
    let legend = seen.sorted().map { k in
      LegendEntry(
        symbol: "\(Self.pick(marks, k))[\(Self.pick(fills, k))]",
        color: style.tint(Color.series(k)),
        text: k >= 0 && k < classNames.count ? classNames[k] : String(k))
    }
    frame.drawAxes(into: &grid, style: style, legend: legend)
    return grid
  }
}
