import Charts

/// Maps the 256-colour palette onto what a terminal has: all of it, the 16 basic colours,
/// the 8 basic ones, or none.
public struct ColorMapper: Equatable, Sendable {
  /// Colours the terminal has (curses' `COLORS`); 0 for none.
  public let colors: Int

  public init(colors: Int) { self.colors = colors }

  /// The terminal's colour number for a palette colour; -1 (the default colour) for nil.
  public func map(_ color: Color?) -> Int32 {
    guard let color else { return -1 }
    let i = Int(color.index)
    if colors >= 256 { return Int32(i) }
    if colors >= 16 && i < 16 { return Int32(i) }
    if i < 16 { return Int32(i % 8) }
    return Int32(Self.nearestBasic(i))
  }

  /// The nearest of the 8 basic colours (black, red, green, yellow, blue, magenta, cyan, white)
  /// to a colour of the cube (16–231) or the grey ramp (232–255).
  static func nearestBasic(_ index: Int) -> Int {
    if index >= 232 { return index >= 244 ? 7 : 0 }
    let c = index - 16
    let r = c / 36
    let g = (c / 6) % 6
    let b = c % 6
    let bits = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
    // Dark colours with some tint keep it rather than becoming black.
    if bits == 0 {
      let m = max(r, g, b)
      guard m >= 1 else { return 0 }
      return (r == m ? 1 : 0) | (g == m ? 2 : 0) | (b == m ? 4 : 0)
    }
    return bits
  }
}
