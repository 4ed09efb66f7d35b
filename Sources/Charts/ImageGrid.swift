/// Small images side by side in rows — what the first-layer neurons learned — each as large
/// as the room allows, one blank cell between them.
///
///     ImageGrid(images: (0..<16).map { GrayImage.signed(weights[$0], rows: 28, columns: 28) },
///               minimumShown: 4)
///       .render(width: 38, height: 20)   // four 18 × 9 tiles, two by two
///
/// By default every image is shown, however small that makes them. With `minimumShown`, the
/// tiles are as large as they can be while that many still fit, and the room is filled with as
/// many of the images as fit at that size: a small screen shows fewer tiles rather than tiles
/// too small to read.
public struct ImageGrid: Hashable, Sendable {
  public var images: [GrayImage]
  /// At least this many tiles are shown (all of them when nil).
  public var minimumShown: Int?

  public init(images: [GrayImage], minimumShown: Int? = nil) {
    self.images = images
    self.minimumShown = minimumShown
  }

  /// Tiles across and down and the cells of one tile, for the largest tiles that fit.
  func layout(width: Int, height: Int) -> (across: Int, down: Int, tileWidth: Int, tileHeight: Int)? {
    guard let first = images.first, !first.isEmpty else { return nil }
    let need = min(images.count, max(1, minimumShown ?? images.count))
    var best: (scale: Double, across: Int, w: Int, h: Int)?
    for across in 1...need {
      let down = (need + across - 1) / across
      let w = (width - (across - 1)) / across
      let h = (height - (down - 1)) / down
      guard w >= 1, h >= 1 else { continue }
      let s = first.scale(width: w, height: h)
      if s > (best?.scale ?? 0) { best = (s, across, w, h) }
    }
    guard let b = best else { return nil }
    let size = first.size(fitting: b.w, height: b.h)
    guard size.width >= 2, size.height >= 1 else { return nil }
    guard minimumShown != nil else { return (b.across, (need + b.across - 1) / b.across, size.width, size.height) }
    let across = max(1, (width + 1) / (size.width + 1))
    let down = max(1, (height + 1) / (size.height + 1))
    return (across, down, size.width, size.height)
  }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    guard !images.isEmpty else { return Message.grid(Message.noData, width: width, height: height) }
    guard let (across, down, tileWidth, tileHeight) = layout(width: width, height: height) else {
      return Message.grid(Message.tooSmall, width: width, height: height)
    }
    var grid = Grid(width: width, height: height)
    for (i, image) in images.prefix(across * down).enumerated() {
      let tile = image.render(width: tileWidth, height: tileHeight, style: style)
      grid.paste(tile, x: (i % across) * (tileWidth + 1), y: (i / across) * (tileHeight + 1))
    }
    return grid
  }
}
