/// Small images side by side in rows — what the first-layer neurons learned — each as large
/// as the room allows, one blank cell between them.
///
///     ImageGrid(images: (0..<16).map { GrayImage.signed(weights[$0], rows: 28, columns: 28) })
///       .render(width: 80, height: 24)
public struct ImageGrid: Hashable, Sendable {
  public var images: [GrayImage]

  public init(images: [GrayImage]) { self.images = images }

  /// Tiles across and the cells of one tile, for the largest tiles that fit.
  func layout(width: Int, height: Int) -> (across: Int, tileWidth: Int, tileHeight: Int)? {
    guard let first = images.first, !first.isEmpty else { return nil }
    var best: (scale: Double, across: Int, w: Int, h: Int)?
    for across in 1...images.count {
      let down = (images.count + across - 1) / across
      let w = (width - (across - 1)) / across
      let h = (height - (down - 1)) / down
      guard w >= 1, h >= 1 else { continue }
      let s = first.scale(width: w, height: h)
      if s > (best?.scale ?? 0) { best = (s, across, w, h) }
    }
    guard let b = best else { return nil }
    let size = first.size(fitting: b.w, height: b.h)
    guard size.width >= 2, size.height >= 1 else { return nil }
    return (b.across, size.width, size.height)
  }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    guard !images.isEmpty else { return Message.grid(Message.noData, width: width, height: height) }
    guard let (across, tileWidth, tileHeight) = layout(width: width, height: height) else {
      return Message.grid(Message.tooSmall, width: width, height: height)
    }
    var grid = Grid(width: width, height: height)
    for (i, image) in images.enumerated() {
      let tile = image.render(width: tileWidth, height: tileHeight, style: style)
      grid.paste(tile, x: (i % across) * (tileWidth + 1), y: (i / across) * (tileHeight + 1))
    }
    return grid
  }
}
