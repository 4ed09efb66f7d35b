/// A rectangle of screen cells.
public struct Rect: Equatable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && py >= y && px < x + width && py < y + height
  }
}
