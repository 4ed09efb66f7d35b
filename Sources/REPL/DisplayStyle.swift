import Charts

/// Which glyphs and colours a front end may use, decided from the environment.
///
/// Unicode needs a UTF-8 locale (`LC_ALL`, else `LC_CTYPE`, else `LANG`) and no `--ascii`.
/// Colour needs a terminal, a `TERM` other than `dumb`, and no `NO_COLOR` (any non-empty
/// value turns it off, see no-color.org). Scripts never get colour.
public enum DisplayStyle {
  public static func chartStyle(
    environment: [String: String], isTerminal: Bool, forceASCII: Bool
  ) -> ChartStyle {
    let glyphs: ChartStyle.Glyphs =
      !forceASCII && localeIsUTF8(environment) ? .unicode : .ascii
    return ChartStyle(glyphs: glyphs, color: isTerminal && colorAllowed(environment))
  }

  /// True when the locale the environment selects for characters is UTF-8.
  public static func localeIsUTF8(_ environment: [String: String]) -> Bool {
    let locale =
      [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]]
      .compactMap { $0 }.first { !$0.isEmpty } ?? ""
    let lower = locale.lowercased()
    return lower.contains("utf-8") || lower.contains("utf8")
  }

  public static func colorAllowed(_ environment: [String: String]) -> Bool {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return false }
    return true
  }
}
