@testable import Charts
import Foundation
import Testing

/// The charts that lesson 6 asks about, at the sizes of the tutor's chart pane below its title
/// row: 38 × 20 on an 80 × 24 terminal and 48 × 26 on 100 × 30, against `__Snapshots__/`.
@Suite struct PaneSizeGoldenTests {
  static let sizes = [(38, 20), (48, 26)]
  static let styles: [(String, ChartStyle)] = [("unicode", .monochrome), ("ascii", .ascii)]

  /// A 784-128-64-10 network after two epochs of MNIST-5k: the 1,000 test digits (all the 6s
  /// right: a three-digit count on the diagonal).
  static let digits = ConfusionMatrix(counts: [
    [98, 0, 0, 0, 0, 0, 1, 1, 0, 0], [0, 94, 2, 0, 0, 0, 0, 1, 3, 0],
    [2, 0, 95, 0, 0, 0, 0, 1, 2, 0], [1, 1, 5, 81, 0, 7, 0, 2, 1, 2],
    [0, 2, 1, 0, 83, 0, 1, 0, 2, 11], [1, 0, 1, 2, 0, 88, 1, 0, 5, 2],
    [0, 0, 0, 0, 0, 0, 100, 0, 0, 0], [2, 1, 0, 0, 1, 0, 0, 91, 0, 5],
    [0, 0, 5, 1, 0, 1, 0, 0, 90, 3], [2, 1, 0, 0, 2, 0, 0, 1, 3, 91],
  ])

  static let example = ExampleChart(
    picture: Gallery.seven,
    bars: BarChart(values: [0.01, 0.0, 0.02, 0.0, 0.01, 0.0, 0.0, 0.93, 0.01, 0.02], truth: 7))

  static let units = ImageGrid(
    images: (0..<16).map { GrayImage.signed(stroke($0), rows: 28, columns: 28) }, minimumShown: 4)

  /// A unit's weights: a bar of ink at an angle that depends on `k`, on a little noise.
  static func stroke(_ k: Int) -> [Double] {
    (0..<784).map { i in
      let (r, c) = (Double(i / 28) - 13.5, Double(i % 28) - 13.5)
      let angle = Double(k) * 0.4
      let across = abs(r * cos(angle) - c * sin(angle))
      return (across < 3 ? 1 : -0.3) * exp(-(r * r + c * c) / 120) + 0.05 * sin(Double(i * (k + 3)))
    }
  }

  static let charts: [(String, ChartSpec)] = [
    ("pane-confusion", .confusion(digits)), ("pane-example", .example(example)),
    ("pane-weights", .imageGrid(units)),
  ]

  @Test(arguments: charts.map(\.0))
  func snapshot(_ name: String) throws {
    let spec = try #require(Self.charts.first { $0.0 == name }?.1)
    for (styleName, style) in Self.styles {
      for (width, height) in Self.sizes {
        let lines = spec.render(width: width, height: height, style: style).lines()
        #expect(!lines.joined().contains("too small"), "\(name) at \(width)×\(height)")
        Snapshot.check(lines, named: "\(name)-\(styleName)-\(width)x\(height)")
      }
    }
  }

  /// The count lesson 6 asks about (4s called 9) can be read in row 4 at both sizes, and the
  /// correct counts are still there (in the "✓" column where the room is narrow).
  @Test func theDigitsConfusionMatrixIsReadableInThePane() {
    func trimmed(_ lines: [String]) -> [String] { lines.map { String($0.reversed().drop { $0 == " " }.reversed()) } }
    let narrow = trimmed(Self.digits.render(width: 38, height: 20, style: .monochrome).lines())
    #expect(narrow[0] == "   0  1  2  3  4  5  6  7  8  9 │   ✓")
    #expect(narrow[6] == "4│ ·  2  1  ·  ■  ·  1  ·  2 11 │  83")
    #expect(narrow[12] == "rows true, columns predicted, ✓ right")
    let wide = trimmed(Self.digits.render(width: 48, height: 26, style: .monochrome).lines())
    #expect(wide[6] == "  4│  ·   2   1   ·  83   ·   1   ·   2  11")
  }

  @Test func theImageGridShowsFewerLargerTilesWhenRoomIsShort() throws {
    let small = try #require(Self.units.layout(width: 38, height: 20))
    #expect(small.across * small.down == 4 && small.tileWidth == 18 && small.tileHeight == 9)
    let large = try #require(Self.units.layout(width: 120, height: 30))
    #expect(large.tileWidth == 28 && large.tileHeight == 14 && large.across * large.down == 8)
    let all = ImageGrid(images: Self.units.images)
    #expect(try #require(all.layout(width: 38, height: 20)).tileWidth < 10, "without a minimum every image is shown")
  }

  /// One weight far larger than the rest does not wash the others out to a flat grey.
  @Test func signedImagesScaleToTheirOwnRangeDespiteOutliers() {
    var values = (0..<100).map { Double($0 % 10) / 10 - 0.45 }
    values[0] = 50
    let image = GrayImage.signed(values, rows: 10, columns: 10)
    #expect(image.pixels[0] == 1)
    #expect(image.pixels.dropFirst().min() ?? 1 < 0.05)
    #expect(image.pixels.dropFirst().max() ?? 0 > 0.95)
  }

  /// The example's picture goes beside the bars when wide, above them when tall and narrow.
  @Test func theExamplePictureGoesWhereItFits() throws {
    let wide = try #require(Self.example.layout(width: 80, height: 14))
    #expect(wide.picture == .init(x: 0, y: 0, width: 28, height: 14) && wide.bars.x == 30)
    let tall = try #require(Self.example.layout(width: 48, height: 26))
    #expect(tall.picture.width == 28 && tall.bars.y == 15)
    let small = try #require(Self.example.layout(width: 38, height: 20))
    #expect(small.picture.width < 28 && small.bars.x == small.picture.width + 2)
    #expect(Self.example.layout(width: 24, height: 10) == nil)
  }
}
