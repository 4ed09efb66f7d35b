/// One terminal cell: a character one cell wide, optional colours and attributes.
///
///     Cell("█", foreground: .red, attributes: .bold)
public struct Cell: Hashable, Sendable {
  /// Text attributes of a cell.
  public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let underline = Attributes(rawValue: 4)
    public static let reverse = Attributes(rawValue: 8)
  }

  public var character: Character
  public var foreground: Color?
  public var background: Color?
  public var attributes: Attributes

  public init(
    _ character: Character = " ", foreground: Color? = nil, background: Color? = nil,
    attributes: Attributes = []
  ) {
    self.character = character
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  public static let blank = Cell()

  /// True for a space without a background: nothing visible.
  var isBlank: Bool { character == " " && background == nil && !attributes.contains(.reverse) }

  /// Cells a character takes in a terminal: 0 for control characters, 2 for wide East Asian
  /// characters and emoji, 1 otherwise (box drawing, blocks and braille are all 1).
  static func width(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    let v = scalar.value
    if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
    if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
    return wide.contains(where: { $0.contains(v) }) ? 2 : 1
  }
}
