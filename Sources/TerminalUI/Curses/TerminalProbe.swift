import CNCursesW

/// What the terminal description says about a terminal, read without opening a screen.
public enum TerminalProbe {
  /// The number of colours terminfo lists for `term` (0 for none), or nil when terminfo does
  /// not know the terminal.
  public static func colors(term: String) -> Int? {
    guard !term.isEmpty else { return nil }
    let count = mlt_terminfo_colors(term)
    return count < 0 ? nil : Int(count)
  }
}
