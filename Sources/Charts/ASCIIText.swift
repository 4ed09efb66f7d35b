/// The one place where mltutor's non-ASCII characters get their ASCII stand-ins, for a
/// terminal that may not decode UTF-8 (a locale that is not UTF-8, or `--ascii`).
///
/// Text is spelt out (`m²` → `m^2`, `→` → `->`, `η` → `eta`, `€` → `EUR`); a grid cell, which
/// holds one character, gets a single character instead (`→` → `>`). Anything without a stand-in
/// becomes `?`, so what comes out is always plain ASCII.
///
///     ASCIIText.text("lr → 0.02 · 60 m² ✓")   // "lr -> 0.02 | 60 m^2 v"
public enum ASCIIText {
  /// `s` with every non-ASCII character spelt out in ASCII.
  public static func text(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { !$0.isASCII }) else { return s }
    var out = ""
    // Inside a run of superscripts: `10⁻⁴` reads `10^-4`, not `10^-^4`.
    var superscript = false
    let characters = Array(s)
    for (i, ch) in characters.enumerated() {
      if ch.isASCII {
        out.append(ch)
        superscript = false
        continue
      }
      if let digits = superscripts[ch] {
        out += superscript ? digits : "^" + digits
        superscript = true
        continue
      }
      superscript = false
      if ch == "·" {
        // " · " separates (`loss 0.2 · 12 samples/s`); `lr·g` multiplies.
        let spaced = i > 0 && characters[i - 1] == " " && i + 1 < characters.count && characters[i + 1] == " "
        out += spaced ? "|" : "*"
        continue
      }
      out += spelling(ch)
    }
    return out
  }

  /// One ASCII character for a cell that holds `ch`.
  public static func cell(_ ch: Character) -> Character {
    if ch.isASCII { return ch }
    if let single = cells[ch] { return single }
    if let digits = superscripts[ch] { return digits.first ?? "?" }
    let spelt = spelling(ch)
    return spelt.count == 1 ? spelt.first ?? "?" : "?"
  }

  /// The stand-in of one non-ASCII character.
  static func spelling(_ ch: Character) -> String {
    if let s = table[ch] { return s }
    if let scalar = ch.unicodeScalars.first {
      // A letter with combining marks (`ŷ` as y + ◌̂): the letter.
      if scalar.isASCII { return String(Character(scalar)) }
      if (0x2800...0x28FF).contains(scalar.value) { return scalar.value == 0x2800 ? " " : "." }
      if (0x2500...0x257F).contains(scalar.value) { return "+" }
    }
    return "?"
  }

  /// Single characters for cells where the text form is longer.
  static let cells: [Character: Character] = [
    "→": ">", "⇒": ">", "←": "<", "—": "-", "…": ".", "‖": "|", "≤": "<", "≥": ">", "≠": "#",
    "±": "~", "€": "E", "λ": "l", "η": "n", "θ": "t", "μ": "u", "σ": "s", "Σ": "E", "π": "p",
    "β": "b", "ε": "e", "Δ": "d", "∇": "V", "√": "V", "∞": "8", "⏸": "=", "ß": "s",
  ]

  static let superscripts: [Character: String] = [
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8",
    "⁹": "9", "⁻": "-", "⁺": "+", "ᵀ": "T", "ᵗ": "t", "ᵈ": "d", "ⁿ": "n",
  ]

  static let table: [Character: String] = [
    // Punctuation and arrows
    "·": ".", "•": "*", "…": "...", "–": "-", "—": "--", "−": "-", "‐": "-", "‘": "'", "’": "'",
    "“": "\"", "”": "\"", "′": "'", "″": "\"", "«": "<<", "»": ">>", "→": "->", "←": "<-",
    "↑": "^", "↓": "v", "⇒": "=>", "›": ">", "‹": "<", "▶": ">", "▸": ">", "◂": "<",
    "▲": "^", "▼": "v", "△": "^", "▽": "v", "⏸": "||", "✓": "v", "✔": "v", "✗": "x", "✘": "x",
    "◆": "*", "◇": "o", "●": "o", "○": "o", "⊙": "o", "∘": "o", "■": "#", "□": "[]",
    // Mathematics
    "×": "x", "÷": "/", "±": "+/-", "≈": "~", "≠": "!=", "≤": "<=", "≥": ">=", "∞": "inf",
    "√": "sqrt", "∂": "d", "∇": "grad", "Σ": "sum", "∑": "sum", "‖": "||", "°": " deg",
    "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "ᵢ": "i", "ⱼ": "j",
    // Greek
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "delta", "ε": "eps", "η": "eta",
    "θ": "theta", "λ": "lambda", "μ": "mu", "π": "pi", "σ": "sigma", "τ": "tau", "φ": "phi",
    // Money and letters
    "€": "EUR", "£": "GBP", "é": "e", "è": "e", "ê": "e", "ë": "e", "á": "a", "à": "a",
    "â": "a", "ä": "a", "í": "i", "ï": "i", "ó": "o", "ô": "o", "ö": "o", "ú": "u", "ü": "u",
    "ç": "c", "ñ": "n", "ß": "ss", "ŝ": "s", "ȳ": "y", "ŷ": "y",
    // Boxes, lines and blocks
    "─": "-", "━": "-", "│": "|", "┃": "|", "┊": ":", "┆": ":", "╌": "-", "┈": "-",
    "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
    "█": "#", "▓": "#", "▒": ":", "░": ".", "▀": "\"", "▄": "_", "▌": "|", "▐": "|",
    "▁": "_", "▂": "_", "▃": "-", "▅": "=", "▆": "=", "▇": "#",
    "▏": "|", "▎": "|", "▍": "|", "▋": "|", "▊": "|", "▉": "#",
  ]
}
