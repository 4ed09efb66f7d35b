import Foundation

/// A figure in a lesson's text, written between double braces, that is true by construction:
///
/// - `{{EXPR}}` or `{{EXPR:FORMAT}}` is filled in from the session when the text is shown:
///   `{{test_accuracy:.1%}}` reads `93.1%` (see `FigureFormat`);
/// - `{{FIGURE ~ EXPR}}` shows FIGURE as written, and `mltutor lessons check` fails when the
///   replay of the lesson gives a value that differs from it to the precision it is quoted to:
///   `about {{124,000 ~ train_loss}}` holds for any loss from 123,500 to 124,500.
///
/// EXPR is an expression of the check language (`epochs - epochs_since_best_test`).
public struct LessonFigure: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// Filled in when shown.
    case fill(FigureFormat)
    /// Written in the text; verified against the replay.
    case quoted(QuotedNumber)
  }

  /// What stood between the braces.
  public let source: String
  public let expression: CheckExpression
  public let kind: Kind

  /// Reads what stood between the braces; the message says what is wrong.
  public static func parse(_ source: String) -> Result<LessonFigure, FigureError> {
    if let tilde = source.firstIndex(of: "~") {
      let shown = String(source[..<tilde]).trimmingSpaces
      guard let quoted = QuotedNumber(shown) else {
        return .failure(FigureError("`\(shown)` before `~` is not a number (write it as the text should show it: 93%, 124,000, 0.82)"))
      }
      return expression(String(source[source.index(after: tilde)...]), source).map {
        LessonFigure(source: source, expression: $0, kind: .quoted(quoted))
      }
    }
    var body = source
    var format = FigureFormat()
    if let colon = source.lastIndex(of: ":") {
      let spec = String(source[source.index(after: colon)...]).trimmingSpaces
      guard let f = FigureFormat(spec) else {
        return .failure(FigureError("unknown format `\(spec)`: use .2f, .1%, or ,.0f"))
      }
      format = f
      body = String(source[..<colon])
    }
    return expression(body, source).map { LessonFigure(source: source, expression: $0, kind: .fill(format)) }
  }

  private static func expression(_ text: String, _ source: String) -> Result<CheckExpression, FigureError> {
    do {
      let (e, type) = try CheckParser.parseValue(text.trimmingSpaces)
      guard type == .number || type == .string else {
        return .failure(FigureError("`\(source)` is true or false; a figure shows a number or a name"))
      }
      return .success(e)
    } catch {
      return .failure(FigureError("`\(text.trimmingSpaces)` does not parse at column \(error.column): \(error.message)"))
    }
  }

  /// The text to show, read from the session now; `…` when a quantity has no value yet.
  public func render(_ read: (String) -> QuantityValue) -> String {
    switch kind {
    case .quoted(let q): return q.text
    case .fill(let format):
      guard let value = try? expression.evaluate(read) else { return "…" }
      let text = format.format(value)
      // The lessons write a minus sign, not a hyphen (ASCII mode turns it back).
      return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }
  }

  /// Why the figure is not true of the session now; nil when it is.
  public func problem(_ read: (String) -> QuantityValue) -> String? {
    let value: CheckValue
    do {
      value = try expression.evaluate(read)
    } catch {
      return "the figure `{{\(source)}}` has no value when it is shown (\(error.quantity): \(error.reason))"
    }
    guard case .quoted(let q) = kind else { return nil }
    guard case .number(let x) = value else { return "`{{\(source)}}` compares a number with a name" }
    if q.matches(x) { return nil }
    let replay = FigureFormat(grouping: true, decimals: q.decimals + 2, percent: q.percent).format(.number(x))
    return "the text says \(q.text) but the replay gives \(replay) (`\(source)`)"
  }
}

/// What is wrong with a `{{…}}` figure.
public struct FigureError: Error, Equatable, Sendable {
  public let message: String
  init(_ message: String) { self.message = message }
}

/// A number as a lesson writes it (`124,000`, `93%`, `−0.32`, `0.0498`), with the precision it
/// is quoted to: the last decimal written, or for a whole number its last digit that is not a
/// trailing zero (`124,000` is to the nearest thousand).
public struct QuotedNumber: Equatable, Sendable {
  public let text: String
  public let value: Double
  public let percent: Bool
  /// Decimals written (0 for a whole number).
  public let decimals: Int
  /// The unit of the last significant digit: 0.01 for `0.82`, 1000 for `124,000`.
  public let precision: Double

  public init?(_ text: String) {
    var t = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "\u{2212}", with: "-")
    percent = t.hasSuffix("%")
    if percent { t = String(t.dropLast()) }
    guard !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }), let v = Double(t) else { return nil }
    self.text = text
    value = v
    if let dot = t.firstIndex(of: ".") {
      decimals = t.distance(from: dot, to: t.endIndex) - 1
      precision = Double("1e-\(decimals)") ?? 1
    } else {
      decimals = 0
      let digits = t.filter(\.isNumber)
      let zeros = v == 0 ? 0 : digits.reversed().prefix { $0 == "0" }.count
      precision = Double("1e\(zeros)") ?? 1
    }
  }

  /// Whether `x` (a fraction when the figure is a percentage) rounds to the figure.
  public func matches(_ x: Double) -> Bool {
    let shown = percent ? x * 100 : x
    return abs(shown - value) <= precision / 2 * (1 + 1e-9)
  }
}
