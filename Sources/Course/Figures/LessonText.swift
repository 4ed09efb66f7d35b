import Foundation

/// Lesson text with `{{…}}` figures in it (see `LessonFigure`): split, checked and shown.
public enum LessonText {
  /// A piece of text: as written, or a figure.
  public enum Piece: Equatable, Sendable {
    case literal(String)
    case figure(LessonFigure)
  }

  /// The pieces of `text`, or what is wrong with its figures.
  public static func pieces(_ text: String) -> Result<[Piece], FigureError> {
    var pieces: [Piece] = []
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      if open.lowerBound > rest.startIndex { pieces.append(.literal(String(rest[..<open.lowerBound]))) }
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        return .failure(FigureError("`{{` is never closed by `}}`"))
      }
      switch LessonFigure.parse(String(rest[open.upperBound..<close.lowerBound])) {
      case .success(let figure): pieces.append(.figure(figure))
      case .failure(let error): return .failure(error)
      }
      rest = rest[close.upperBound...]
    }
    if rest.range(of: "}}") != nil { return .failure(FigureError("`}}` without a `{{` before it")) }
    if !rest.isEmpty { pieces.append(.literal(String(rest))) }
    return .success(pieces)
  }

  /// The figures of `text` (none when they do not parse: the lesson parser reports that).
  public static func figures(_ text: String) -> [LessonFigure] {
    guard case .success(let pieces) = pieces(text) else { return [] }
    return pieces.compactMap { if case .figure(let f) = $0 { return f } else { return nil } }
  }

  /// Whether `text` quotes any figure.
  public static func hasFigures(_ text: String) -> Bool { text.contains("{{") }

  /// `text` with its figures filled in from `read`; as written when it does not parse.
  public static func render(_ text: String, _ read: (String) -> QuantityValue) -> String {
    guard hasFigures(text), case .success(let pieces) = pieces(text) else { return text }
    return pieces.map { piece -> String in
      switch piece {
      case .literal(let s): return s
      case .figure(let f): return f.render(read)
      }
    }.joined()
  }
}
