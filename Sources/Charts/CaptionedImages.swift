/// Images in rows, each with a few lines of caption under it (the test digits a classifier got
/// wrong, each with its index and probabilities), in the order given, as many as fit.
///
///     CaptionedImages(tiles: mistakes.map { .init(image: $0.digit, caption: ["#193", "97%/1.2%"]) })
///       .render(width: 60, height: 20)   // 28 × 14-cell images, two caption rows under each
///
/// The images are as large as the room allows while `minimumShown` tiles (or all of them, when
/// fewer) still fit, at most one pixel a column; the room left is filled with as many further
/// tiles as fit at that size. A tile is at least as wide as its caption's longest line (up to
/// `captionWidth`); longer lines are cut.
public struct CaptionedImages: Hashable, Sendable {
  /// One image and its caption.
  public struct Tile: Hashable, Sendable {
    public var image: GrayImage
    public var caption: [String]
    public init(image: GrayImage, caption: [String]) {
      self.image = image
      self.caption = caption
    }
  }

  public var tiles: [Tile]
  public var minimumShown: Int

  public init(tiles: [Tile], minimumShown: Int = 3) {
    self.tiles = tiles
    self.minimumShown = minimumShown
  }

  /// The widest a caption line is allowed to make a tile.
  static let captionWidth = 11

  /// Tiles across and down, and a tile's image size, for the largest images that fit.
  func layout(width: Int, height: Int) -> (across: Int, down: Int, imageWidth: Int, imageHeight: Int)? {
    guard let first = tiles.first?.image, !first.isEmpty else { return nil }
    let captionRows = tiles.map(\.caption.count).max() ?? 0
    let text = min(Self.captionWidth, tiles.flatMap(\.caption).map(\.count).max() ?? 0)
    let need = min(tiles.count, max(1, minimumShown))
    var fallback: (across: Int, down: Int, imageWidth: Int, imageHeight: Int)?
    // From the full size down, in whole cell rows: the first size at which `need` tiles fit.
    for rows in stride(from: (first.rows + 1) / 2, through: 2, by: -1) {
      let size = first.size(fitting: first.columns, height: rows)
      guard size.width >= 2 else { continue }
      let tileWidth = max(size.width, text)
      let tileHeight = size.height + captionRows
      let across = (width + 1) / (tileWidth + 1)
      let down = (height + 1) / (tileHeight + 1)
      guard across >= 1, down >= 1 else { continue }
      let shown = (across, down, size.width, size.height)
      if across * down >= need { return shown }
      if fallback.map({ $0.across * $0.down < across * down }) ?? true { fallback = shown }
    }
    return fallback
  }

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    guard !tiles.isEmpty else { return Message.grid(Message.noData, width: width, height: height) }
    guard let (across, down, imageWidth, imageHeight) = layout(width: width, height: height) else {
      return Message.grid(Message.tooSmall, width: width, height: height)
    }
    let text = min(Self.captionWidth, tiles.flatMap(\.caption).map(\.count).max() ?? 0)
    let tileWidth = max(imageWidth, text)
    let tileHeight = imageHeight + (tiles.map(\.caption.count).max() ?? 0)
    var grid = Grid(width: width, height: height)
    for (i, tile) in tiles.prefix(across * down).enumerated() {
      let x = (i % across) * (tileWidth + 1)
      let y = (i / across) * (tileHeight + 1)
      grid.paste(tile.image.render(width: imageWidth, height: imageHeight, style: style), x: x, y: y)
      for (r, line) in tile.caption.enumerated() {
        grid.write(String(line.prefix(tileWidth)), x: x, y: y + imageHeight + r, attributes: r == 0 ? .dim : [])
      }
    }
    return grid
  }
}
