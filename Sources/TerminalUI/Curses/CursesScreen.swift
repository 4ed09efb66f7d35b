@preconcurrency import CNCursesW
import Charts
@preconcurrency import Glibc

/// The only place that calls curses: opens the terminal, copies grids to it (only the cells
/// that changed), reads keys, mouse and resizes, and puts the terminal back.
///
/// All calls happen on the thread that created it.
final class CursesScreen {
  /// Why a terminal cannot be used.
  struct Unusable: Error {
    let reason: String
  }

  let style: ChartStyle
  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private let mapper: ColorMapper
  private var pairs: [UInt32: Int32] = [:]
  private var nextPair: Int32 = 1
  private let maxPairs: Int32
  private var previous: Grid?

  /// Opens the terminal on standard input and output.
  /// - Parameters:
  ///   - forceASCII: ASCII glyphs even in a UTF-8 locale.
  ///   - forceUnicode: Unicode glyphs even when the environment's locale is not UTF-8.
  ///   - environment: for the locale and `NO_COLOR`.
  init(forceASCII: Bool, forceUnicode: Bool, environment: [String: String]) throws(Unusable) {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw Unusable(reason: "standard input and output are not a terminal")
    }
    let term = environment["TERM"] ?? ""
    guard !term.isEmpty, term != "dumb" else {
      throw Unusable(reason: term.isEmpty ? "TERM is not set" : "TERM=dumb cannot draw a screen")
    }
    // NB: curses itself runs in a UTF-8 locale (C.UTF-8 when the environment's is not), so
    // that `--unicode` can draw; what it is given to draw follows the environment's locale.
    let utf8 = mlt_setup_utf8_locale() == 1
    guard let screen = newterm(nil, stdout, stdin) else {
      throw Unusable(reason: "the terminal '\(term)' is unknown here (no terminfo entry)")
    }
    guard mlt_has_cursor_addressing() == 1, let window = stdscr else {
      endwin()
      delscreen(screen)
      throw Unusable(reason: "the terminal '\(term)' cannot move its cursor")
    }
    self.screen = screen
    self.window = window
    TerminalRestore.screenOpened()
    raw()
    noecho()
    nonl()
    keypad(window, true)
    set_escdelay(25)
    _ = mousemask(mlt_ALL_MOUSE_EVENTS, nil)
    mouseinterval(0)
    var colors = 0
    if has_colors() && environment["NO_COLOR"] == nil {
      start_color()
      use_default_colors()
      colors = Int(COLORS)
    }
    mapper = ColorMapper(colors: colors)
    maxPairs = Int32(COLOR_PAIRS)
    let glyphs = ChartStyle.glyphs(environment: environment, forceASCII: forceASCII, forceUnicode: forceUnicode)
    style = ChartStyle(glyphs: utf8 ? glyphs : .ascii, color: colors >= 8)
    curs_set(0)
  }

  var width: Int { Int(mlt_width(window)) }
  var height: Int { Int(mlt_height(window)) }

  /// Shows `grid`, writing only the cells that differ from the last grid shown.
  func draw(_ grid: Grid, cursor: (x: Int, y: Int)?) {
    let full = previous == nil || previous?.width != grid.width || previous?.height != grid.height
    if full { werase(window) }
    for y in 0..<grid.height {
      for x in 0..<grid.width {
        let cell = grid[x, y]
        if full ? cell == .blank : previous?[x, y] == cell { continue }
        put(cell, x: x, y: y)
      }
    }
    previous = grid
    if let cursor {
      curs_set(1)
      wmove(window, Int32(cursor.y), Int32(cursor.x))
    } else {
      curs_set(0)
    }
    wnoutrefresh(window)
    doupdate()
  }

  /// Forgets what is on the screen, so the next `draw` writes every cell.
  func invalidate() {
    previous = nil
    clearok(window, true)
  }

  private func put(_ cell: Cell, x: Int, y: Int) {
    var attributes = mlt_A_NORMAL
    if cell.attributes.contains(.bold) { attributes |= mlt_A_BOLD }
    if cell.attributes.contains(.dim) { attributes |= mlt_A_DIM }
    if cell.attributes.contains(.underline) { attributes |= mlt_A_UNDERLINE }
    if cell.attributes.contains(.reverse) { attributes |= mlt_A_REVERSE }
    let scalar = cell.character.unicodeScalars.first?.value ?? 32
    let ch = wchar_t(bitPattern: scalar < 32 ? 32 : scalar)
    _ = mlt_put_cell(window, Int32(y), Int32(x), ch, attributes, pair(cell.foreground, cell.background))
  }

  /// The colour pair for a foreground and background, made on first use.
  private func pair(_ fg: Color?, _ bg: Color?) -> Int32 {
    guard mapper.colors > 0, fg != nil || bg != nil else { return 0 }
    let f = mapper.map(fg)
    let b = mapper.map(bg)
    let key = UInt32(bitPattern: (f + 1) << 16 | (b + 1))
    if let p = pairs[key] { return p }
    guard nextPair < maxPairs else { return 0 }
    let p = nextPair
    nextPair += 1
    init_extended_pair(p, f, b)
    pairs[key] = p
    return p
  }

  /// A size change curses has not reported (its SIGWINCH handler can miss one while another
  /// thread runs): asks the terminal itself, once a frame.
  func pollResize() -> InputEvent? {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else {
      return nil
    }
    let w = Int(size.ws_col)
    let h = Int(size.ws_row)
    guard w != width || h != height else { return nil }
    resizeterm(Int32(h), Int32(w))
    invalidate()
    return .resize(width: width, height: height)
  }

  /// Waits up to `milliseconds` for input; nil when none came.
  /// The terminal went away (its window closed, the connection dropped): input reports a
  /// hang-up, and every read fails at once instead of waiting.
  private(set) var hungUp = false

  /// Whether standard input has hung up; asked after a read that returned nothing, which a
  /// timeout also gives.
  static func inputHungUp() -> Bool {
    var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    guard poll(&p, 1, 0) > 0 else { return false }
    return p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
  }

  func read(timeout milliseconds: Int32) -> InputEvent? {
    wtimeout(window, milliseconds)
    var value: wint_t = 0
    let result = wget_wch(window, &value)
    if result == ERR {
      if Self.inputHungUp() { hungUp = true }
      return nil
    }
    let isKey = result == KEY_CODE_YES
    if isKey && value == wint_t(KEY_RESIZE) {
      invalidate()
      return .resize(width: width, height: height)
    }
    if isKey && value == wint_t(KEY_MOUSE) { return mouse() }
    return KeyDecoder.decode(UInt32(value), isFunctionKey: isKey)
  }

  private func mouse() -> InputEvent? {
    var event = MEVENT()
    guard getmouse(&event) == OK else { return nil }
    let s = event.bstate
    let action: MouseEvent.Action
    if s & mlt_BUTTON1_PRESSED != 0 || s & mlt_BUTTON1_CLICKED != 0 {
      action = .press
    } else if s & mlt_BUTTON1_RELEASED != 0 {
      action = .release
    } else if s & mlt_BUTTON3_PRESSED != 0 {
      action = .rightPress
    } else if s & mlt_REPORT_MOUSE_POSITION != 0 {
      action = .drag
    } else {
      return nil
    }
    return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), action: action))
  }

  /// Puts the terminal back as it was.
  func close() {
    TerminalRestore.restore()
    delscreen(screen)
  }
}
