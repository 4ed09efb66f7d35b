extension ChartStyle {
  /// The style a terminal supports, decided from the environment alone:
  /// Unicode glyphs when the locale is UTF-8 (LC_ALL, then LC_CTYPE, then LANG) and ASCII is
  /// not forced; colour only on a terminal, never with `NO_COLOR` set or `TERM=dumb`.
  ///
  ///     ChartStyle.forTerminal(environment: ["LANG": "C.UTF-8"], isTerminal: false)
  ///     // unicode glyphs, no colour
  public static func forTerminal(
    environment: [String: String], isTerminal: Bool, forceASCII: Bool = false
  ) -> ChartStyle {
    let term = environment["TERM"] ?? ""
    let color = isTerminal && environment["NO_COLOR"] == nil && term != "dumb" && !term.isEmpty
    return ChartStyle(glyphs: glyphs(environment: environment, forceASCII: forceASCII), color: color)
  }

  /// The glyphs for a terminal: ASCII when asked for, Unicode when asked for, else Unicode
  /// only in a UTF-8 locale (a terminal in another may not decode UTF-8).
  public static func glyphs(
    environment: [String: String], forceASCII: Bool = false, forceUnicode: Bool = false
  ) -> Glyphs {
    if forceASCII { return .ascii }
    return forceUnicode || localeIsUTF8(environment) ? .unicode : .ascii
  }

  /// True when the locale the environment selects for characters (`LC_ALL`, else
  /// `LC_CTYPE`, else `LANG`) is UTF-8.
  public static func localeIsUTF8(_ environment: [String: String]) -> Bool {
    let locale =
      [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]]
      .compactMap { $0 }.first { !$0.isEmpty } ?? ""
    let lowered = locale.lowercased()
    return lowered.contains("utf-8") || lowered.contains("utf8")
  }
}
