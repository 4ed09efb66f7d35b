/// One example and what a classifier makes of it: the image (a test digit) beside its
/// probability bars, so that the learner sees what the network was asked about.
///
///     ExampleChart(picture: GrayImage(bytes: digit, rows: 28, columns: 28),
///                  bars: BarChart(values: probabilities, truth: 3))
///       .render(width: 80, height: 14)   // the digit, 28 × 14 cells, then the ten bars
///
/// The picture keeps its full size (one pixel a column, two a row) beside the bars when the
/// room is wide; in a narrow, tall room it goes above them; in a small room it shrinks beside
/// them; when nothing fits both, the bars are drawn alone.
public struct ExampleChart: Hashable, Sendable {
  public var picture: GrayImage
  public var bars: BarChart

  public init(picture: GrayImage, bars: BarChart) {
    self.picture = picture
    self.bars = bars
  }

  /// The bars need this many columns to show their values.
  static let barsWidth = 20
  /// Between the picture and the bars.
  static let gap = 2

  /// Where the picture and the bars go in `width` × `height` cells; nil: the bars alone.
  func layout(width: Int, height: Int) -> (picture: Rect, bars: Rect)? {
    let full = picture.size(fitting: picture.columns, height: (picture.rows + 1) / 2)
    let rows = bars.values.count
    if full.width + Self.gap + Self.barsWidth <= width, full.height <= height {
      return (
        Rect(x: 0, y: 0, width: full.width, height: full.height),
        Rect(x: full.width + Self.gap, y: 0, width: width - full.width - Self.gap, height: height))
    }
    if full.width <= width, full.height + 1 + rows <= height {
      return (
        Rect(x: 0, y: 0, width: full.width, height: full.height),
        Rect(x: 0, y: full.height + 1, width: width, height: height - full.height - 1))
    }
    let room = width - Self.gap - Self.barsWidth
    let small = picture.size(fitting: room, height: height)
    guard small.width >= 8, small.height >= 4 else { return nil }
    return (
      Rect(x: 0, y: 0, width: small.width, height: small.height),
      Rect(x: small.width + Self.gap, y: 0, width: width - small.width - Self.gap, height: height))
  }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    guard let (p, b) = layout(width: width, height: height) else {
      return bars.render(width: width, height: height, style: style)
    }
    var grid = Grid(width: width, height: height)
    grid.paste(picture.render(width: p.width, height: p.height, style: style), x: p.x, y: p.y)
    grid.paste(bars.render(width: b.width, height: b.height, style: style), x: b.x, y: b.y)
    return grid
  }

  /// A place in the chart's cells.
  struct Rect: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
  }
}
