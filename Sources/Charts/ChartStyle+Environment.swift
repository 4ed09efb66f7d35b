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
    let locale =
      [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]]
      .compactMap { $0 }.first { !$0.isEmpty } ?? ""
    let lowered = locale.lowercased()
    let utf8 = lowered.contains("utf-8") || lowered.contains("utf8")
    let term = environment["TERM"] ?? ""
    let color = isTerminal && environment["NO_COLOR"] == nil && term != "dumb" && !term.isEmpty
    return ChartStyle(glyphs: utf8 && !forceASCII ? .unicode : .ascii, color: color)
  }
}
