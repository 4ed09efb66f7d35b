/// How a chart is drawn: which characters it may use and whether it may use colour.
///
///     LineChart(series: [s]).render(width: 40, height: 10, style: .ascii)   // ASCII only
public struct ChartStyle: Hashable, Sendable {
  /// Unicode (braille dots, eighth blocks, half blocks, box drawing) or ASCII only, for a
  /// terminal without a UTF-8 locale.
  public enum Glyphs: Hashable, Sendable {
    case unicode
    case ascii
  }

  public var glyphs: Glyphs
  /// Colour is an extra layer: every chart can be read without it.
  public var color: Bool

  public init(glyphs: Glyphs = .unicode, color: Bool = true) {
    self.glyphs = glyphs
    self.color = color
  }

  /// Unicode with colour.
  public static let unicode = ChartStyle(glyphs: .unicode, color: true)
  /// Unicode without colour.
  public static let monochrome = ChartStyle(glyphs: .unicode, color: false)
  /// ASCII without colour.
  public static let ascii = ChartStyle(glyphs: .ascii, color: false)

  var isUnicode: Bool { glyphs == .unicode }

  /// `color` when colour is on, else nil.
  func tint(_ color: Color?) -> Color? { self.color ? color : nil }

  func glyph(_ unicode: Character, _ ascii: Character) -> Character { isUnicode ? unicode : ascii }
  func text(_ unicode: String, _ ascii: String) -> String { isUnicode ? unicode : ascii }
}
