/// A terminal colour from the 256-colour palette (0–15 the basic colours, 16–231 a 6×6×6
/// cube, 232–255 a grey ramp).
///
///     Color.gray(0.5).index   // 243
///     Color.red.index         // 1
public struct Color: Hashable, Sendable {
  /// The palette index, as in the escape sequence `ESC[38;5;<index>m`.
  public var index: UInt8

  public init(index: UInt8) { self.index = index }

  public static let black = Color(index: 0)
  public static let red = Color(index: 1)
  public static let green = Color(index: 2)
  public static let yellow = Color(index: 3)
  public static let blue = Color(index: 4)
  public static let magenta = Color(index: 5)
  public static let cyan = Color(index: 6)
  public static let white = Color(index: 7)
  public static let brightBlack = Color(index: 8)
  public static let brightRed = Color(index: 9)
  public static let brightGreen = Color(index: 10)
  public static let brightYellow = Color(index: 11)
  public static let brightBlue = Color(index: 12)
  public static let brightMagenta = Color(index: 13)
  public static let brightCyan = Color(index: 14)
  public static let brightWhite = Color(index: 15)

  /// A grey from black (0) to white (1), on the 26 greys of the palette (black, the ramp
  /// 232–255, white). Values outside 0...1 are clamped, NaN is black.
  public static func gray(_ level: Double) -> Color {
    let clamped = level.isNaN ? 0 : min(max(level, 0), 1)
    let step = Int((clamped * 25).rounded())
    switch step {
    case 0: return Color(index: 16)
    case 25: return Color(index: 231)
    default: return Color(index: UInt8(231 + step))
    }
  }

  /// A colour of the 6×6×6 cube, each component 0...5.
  public static func cube(red: Int, green: Int, blue: Int) -> Color {
    func c(_ v: Int) -> Int { min(max(v, 0), 5) }
    return Color(index: UInt8(16 + 36 * c(red) + 6 * c(green) + c(blue)))
  }

  /// Colours told apart easily, for series and classes, in order.
  static let palette: [Color] = [
    .brightCyan, .brightYellow, .brightMagenta, .brightGreen,
    .brightRed, .brightBlue, .cyan, .yellow, .magenta, .green,
  ]

  static func series(_ i: Int) -> Color {
    palette[((i % palette.count) + palette.count) % palette.count]
  }
}
