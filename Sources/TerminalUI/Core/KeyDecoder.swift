/// Turns what curses' `wget_wch` returns into `InputEvent`s: a pure mapping, so tests can
/// drive it without a terminal.
///
/// `wget_wch` gives either a character (`isFunctionKey == false`) or one of curses' key codes
/// (`KEY_UP` = 0o403 and so on, the same numbers in every ncurses build).
public enum KeyDecoder {
  /// curses' key codes that the tutor uses.
  public enum Code {
    public static let down: UInt32 = 0o402
    public static let up: UInt32 = 0o403
    public static let left: UInt32 = 0o404
    public static let right: UInt32 = 0o405
    public static let home: UInt32 = 0o406
    public static let backspace: UInt32 = 0o407
    public static let delete: UInt32 = 0o512
    public static let pageDown: UInt32 = 0o522
    public static let pageUp: UInt32 = 0o523
    public static let enter: UInt32 = 0o527
    public static let backTab: UInt32 = 0o541
    public static let end: UInt32 = 0o550
    public static let mouse: UInt32 = 0o631
    public static let resize: UInt32 = 0o632
  }

  /// The event for one `wget_wch` result; nil for codes the tutor ignores (and for mouse and
  /// resize codes, which the curses layer turns into events itself).
  public static func decode(_ value: UInt32, isFunctionKey: Bool) -> InputEvent? {
    if isFunctionKey {
      switch value {
      case Code.up: return .key(.up)
      case Code.down: return .key(.down)
      case Code.left: return .key(.left)
      case Code.right: return .key(.right)
      case Code.home: return .key(.home)
      case Code.end: return .key(.end)
      case Code.pageUp: return .key(.pageUp)
      case Code.pageDown: return .key(.pageDown)
      case Code.backspace: return .key(.backspace)
      case Code.delete: return .key(.delete)
      case Code.enter: return .key(.enter)
      case Code.backTab: return .key(.backTab)
      default: return nil
      }
    }
    switch value {
    case 3: return .interrupt
    case 9: return .key(.tab)
    case 10, 13: return .key(.enter)
    case 8, 127: return .key(.backspace)
    case 27: return .key(.escape)
    case 1...26:
      guard let scalar = Unicode.Scalar(value + 96) else { return nil }
      return .key(.ctrl(Character(scalar)))
    case 0, 28...31: return nil
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      return .character(Character(scalar))
    }
  }
}
