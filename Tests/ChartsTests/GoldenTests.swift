import Charts
import Testing

/// Every kind of chart, in Unicode and ASCII, at a medium and a large size, against the files
/// in `__Snapshots__/` (the tiny size is checked inline in `TinyGoldenTests`).
@Suite struct GoldenTests {
  static let sizes = [(40, 12), (72, 22)]
  static let styles: [(String, ChartStyle)] = [("unicode", .monochrome), ("ascii", .ascii)]

  @Test(arguments: Gallery.all.map(\.name))
  func snapshot(_ name: String) {
    guard let spec = Gallery.all.first(where: { $0.name == name })?.spec else {
      Issue.record("no chart named \(name)")
      return
    }
    for (styleName, style) in Self.styles {
      for (width, height) in Self.sizes {
        let lines = spec.render(width: width, height: height, style: style).lines()
        Snapshot.check(lines, named: "\(name)-\(styleName)-\(width)x\(height)")
      }
    }
  }
}
