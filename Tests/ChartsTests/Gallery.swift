import Charts
import Foundation

/// One chart of each kind with data like the lessons' (deterministic, no randomness).
enum Gallery {
  /// A wobble in [-1, 1] that looks like noise but is the same on every run.
  static func wobble(_ i: Int) -> Double { sin(Double(i) * 12.9898) * cos(Double(i) * 4.1414) }

  /// Train loss per step falling from 2.3, test loss every 50 steps, learning rate changed at
  /// step 200.
  static let loss = LineChart(
    series: [
      LineSeries(
        "train", (1...400).map { 2.25 * exp(-Double($0) / 70) + 0.08 + 0.04 * wobble($0) }),
      LineSeries(
        "test", stride(from: 50, through: 400, by: 50).map { 2.25 * exp(-Double($0) / 70) + 0.2 },
        x: stride(from: 50, through: 400, by: 50).map(Double.init)),
    ],
    markers: [.init(x: 200, label: "lr 0.1")])

  static let logLoss: LineChart = {
    var chart = loss
    chart.yScale = .log
    return chart
  }()

  static let diverged = LineChart(
    series: [LineSeries("train", [2.3, 1.5, 1.1, 2.8, 9.5, 40, .infinity, .nan, .nan, .nan])],
    markers: [.init(x: 3, label: "lr 5")])

  static let probabilities: [Double] = [0.01, 0.00, 0.03, 0.05, 0.02, 0.01, 0.00, 0.79, 0.01, 0.08]
  static let bars = BarChart(values: probabilities, truth: 9)
  static let columns = BarChart(values: probabilities, truth: 9, orientation: .vertical)

  static let apartments: ScatterPlot = {
    let points = (0..<30).map { i -> Point in
      let surface = 30 + Double(i) * 3
      return Point(x: surface, y: 20 + 2.5 * surface + 12 * wobble(i))
    }
    var withOutliers = points
    withOutliers[8].y += 120
    withOutliers[21].y += 110
    return ScatterPlot(
      points: withOutliers, fit: .polynomial([20, 2.5]), highlighted: [8, 21],
      names: ["flats", "fit", "overpriced"])
  }()

  static func twoValleys(_ x: Double) -> Double { x * x * x * x - 3 * x * x + x }

  static let valleys = FunctionPlot(
    curve: stride(from: -2.0, through: 2.0, by: 0.02).map { Point(x: $0, y: twoValleys($0)) },
    path: [1.9, 1.6, 1.35, 1.2, 1.14, 1.13].map { Point(x: $0, y: twoValleys($0)) })

  static let rosenbrock = HeatMap(
    field: .sample(x: -2...2, y: -1...3, columns: 120, rows: 60) { x, y in
      (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
    },
    path: [(-1.5, 2.5), (-1.1, 1.3), (-0.6, 0.4), (0, 0), (0.5, 0.25), (0.8, 0.62), (1, 1)].map {
      Point(x: $0.0, y: $0.1)
    },
    shading: .log)

  static let circles = DecisionMap(
    classes: .sample(x: -1.5...1.5, y: -1.5...1.5, columns: 90, rows: 45) { x, y in
      x * x + y * y < 0.8 ? 1 : 0
    },
    points: (0..<24).map { i in
      let angle = Double(i) * 0.785
      let r = i % 2 == 0 ? 0.45 : 1.25
      return DecisionMap.ClassPoint(x: r * cos(angle), y: r * sin(angle), label: i % 2 == 0 ? 1 : 0)
    } + [DecisionMap.ClassPoint(x: 0.1, y: -0.2, label: 0)])

  /// A handwritten-looking 7: a bar along the top and a stroke down to the left, with soft
  /// edges.
  static let seven: GrayImage = {
    func distance(_ px: Double, _ py: Double, _ a: (Double, Double), _ b: (Double, Double))
      -> Double
    {
      let (dx, dy) = (b.0 - a.0, b.1 - a.1)
      let t = max(0, min(1, ((px - a.0) * dx + (py - a.1) * dy) / (dx * dx + dy * dy)))
      let (cx, cy) = (a.0 + t * dx, a.1 + t * dy)
      return ((px - cx) * (px - cx) + (py - cy) * (py - cy)).squareRoot()
    }
    var bytes: [UInt8] = []
    for r in 0..<28 {
      for c in 0..<28 {
        let (x, y) = (Double(c), Double(r))
        let d = min(distance(x, y, (7, 7), (21, 6)), distance(x, y, (21, 6), (12, 23)))
        bytes.append(UInt8(max(0, min(255, (2.6 - d) / 1.6 * 255))))
      }
    }
    return GrayImage(bytes: bytes, rows: 28, columns: 28)
  }()

  static func weightPattern(_ k: Int) -> [Double] {
    (0..<64).map { i -> Double in
      let across = sin(Double(i % 8) * 0.7 * Double(k + 1))
      let down = cos(Double(i / 8) * 0.5 * Double(k))
      return across * down
    }
  }

  static let weights = ImageGrid(
    images: (0..<6).map { GrayImage.signed(weightPattern($0), rows: 8, columns: 8) })

  static let sparkline = Sparkline(
    values: (1...60).map { 2.25 * exp(-Double($0) / 12) + 0.1 * abs(wobble($0)) })
  static let progress = ProgressBar(fraction: 0.53, label: "epoch 3/5")
  static let confusion = ConfusionMatrix(counts: [[48, 0, 2], [1, 45, 4], [3, 6, 41]])

  /// Five digits a classifier got wrong, surest first, each with its index and the
  /// probabilities of its answer and of its label.
  static let mistakes = CaptionedImages(
    tiles: [("#193", "99.9%/<0.1%"), ("#4", "97%/2.1%"), ("#1260", "64%/30%"), ("#88", "51%/44%"), ("#7", "40%/38%")]
      .map { CaptionedImages.Tile(image: seven, caption: [$0.0, $0.1]) })

  /// A loss slice: a bowl with a lower lobe to the lower left, the centre point marked, the
  /// scale in the legend.
  static let slice = HeatMap(
    field: .sample(x: -1.0625...1.0625, y: -1.0625...1.0625, columns: 17, rows: 17) { x, y in
      0.12 + 0.9 * (x * x + 0.6 * y * y) - 0.3 * exp(-((x + 0.6) * (x + 0.6) + (y + 0.6) * (y + 0.6)) * 6)
    },
    path: [Point(x: 0, y: 0)], showsRange: true)

  static let all: [(name: String, spec: ChartSpec)] = [
    ("line", .line(loss)), ("line-log", .line(logLoss)), ("line-diverged", .line(diverged)),
    ("bars", .bars(bars)), ("bars-vertical", .bars(columns)), ("scatter", .scatter(apartments)),
    ("function", .function(valleys)), ("heatmap", .heatMap(rosenbrock)),
    ("decision", .decisionMap(circles)), ("image", .image(seven)), ("weights", .imageGrid(weights)),
    ("sparkline", .sparkline(sparkline)), ("progress", .progress(progress)),
    ("confusion", .confusion(confusion)), ("mistakes", .captionedImages(mistakes)),
    ("slice", .heatMap(slice)),
  ]
}
