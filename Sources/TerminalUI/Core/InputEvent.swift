/// A key the tutor reacts to, whatever terminal sent it.
public enum Key: Equatable, Sendable {
  case up, down, left, right
  case home, end, pageUp, pageDown
  case enter, tab, backTab, backspace, delete, escape
  /// Ctrl with a letter, as the lowercase letter (`ctrl("c")` is Ctrl-C).
  case ctrl(Character)
}

/// A mouse button event on a cell of the screen.
public struct MouseEvent: Equatable, Sendable {
  public enum Action: Equatable, Sendable {
    case press, drag, release, rightPress
  }

  public var x: Int
  public var y: Int
  public var action: Action

  public init(x: Int, y: Int, action: Action) {
    self.x = x
    self.y = y
    self.action = action
  }
}

/// Everything that can happen to the tutor from outside: keys, mouse, a new terminal size.
public enum InputEvent: Equatable, Sendable {
  /// A printable character typed.
  case character(Character)
  case key(Key)
  case mouse(MouseEvent)
  /// The terminal is now `width` × `height` cells.
  case resize(width: Int, height: Int)
  /// Ctrl-C: stops training, keeping what was learned; at rest a second one quits.
  case interrupt
}
