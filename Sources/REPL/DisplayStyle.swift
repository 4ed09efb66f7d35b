import Charts

/// Which glyphs and colours a front end may use, decided from the environment.
///
/// Unicode needs a UTF-8 locale (`LC_ALL`, else `LC_CTYPE`, else `LANG`) and no `--ascii`,
/// or `--unicode` (the learner knows the terminal decodes UTF-8 whatever the locale says).
/// Colour needs a terminal, a `TERM` other than `dumb`, and no `NO_COLOR` (any non-empty
/// value turns it off, see no-color.org). Scripts never get colour.
public enum DisplayStyle {
  public static func chartStyle(
    environment: [String: String], isTerminal: Bool, forceASCII: Bool, forceUnicode: Bool = false
  ) -> ChartStyle {
    let glyphs = ChartStyle.glyphs(environment: environment, forceASCII: forceASCII, forceUnicode: forceUnicode)
    return ChartStyle(glyphs: glyphs, color: isTerminal && colorAllowed(environment))
  }

  /// True when the locale the environment selects for characters is UTF-8.
  public static func localeIsUTF8(_ environment: [String: String]) -> Bool {
    ChartStyle.localeIsUTF8(environment)
  }

  public static func colorAllowed(_ environment: [String: String]) -> Bool {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return false }
    return true
  }
}
