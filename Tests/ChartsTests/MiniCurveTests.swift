import Charts
import Testing

/// The loss-curve shapes a lesson's prediction offers, drawn small: one row of 10 cells as the
/// lesson shows them, and 12 × 3 cells, in Unicode and in ASCII, against inline literals
/// (trailing spaces trimmed; every line is checked to be exactly as wide as asked).
@Suite struct MiniCurveTests {
  static func lines(_ shape: CurveShape, _ width: Int, _ height: Int, _ style: ChartStyle) -> String {
    let lines = MiniCurve(shape).render(width: width, height: height, style: style).lines()
    #expect(lines.allSatisfy { $0.count == width })
    return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
  }

  @Test func everyShapeInOneRow() {
    let expected: [(CurveShape, String, String)] = [
      (.falls, "⠉⠑⠒⠒⠒⠢⠤⠤⠤⣀", "''---...._"),
      (.fallsThenFlat, "⠑⠤⠤⢄⣀⣀⣀⣀⣀⣀", "'.._______"),
      (.fallsThenRises, "⠑⠤⠤⠤⠤⠤⠤⠒⠒⠊", "'......--'"),
      (.flat, "⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤", ".........."),
      (.oscillates, "⠔⠉⠢⣀⠔⠉⠢⣀⠔⠊", ".'._.'-_.'"),
      (.blowsUp, "⣀⣀⣀⣀⣀⣀⠤⠤⠔⠊", "______..-'"),
    ]
    #expect(expected.count == CurveShape.allCases.count)
    for (shape, unicode, ascii) in expected {
      #expect(Self.lines(shape, 10, 1, .monochrome) == unicode, "\(shape)")
      #expect(Self.lines(shape, 10, 1, .ascii) == ascii, "\(shape)")
    }
  }

  @Test func fallsInThreeRows() {
    #expect(
      Self.lines(.falls, 12, 3, .monochrome) == """
        ⠒⠢⢄⣀
            ⠉⠒⠢⢄⣀
                 ⠉⠒⠢
        """)
    #expect(
      Self.lines(.falls, 12, 3, .ascii) == #"""
        --._
            '-.__
                 '-.
        """#)
  }

  @Test func fallsThenFlatInThreeRows() {
    #expect(
      Self.lines(.fallsThenFlat, 12, 3, .monochrome) == """
        ⢢
         ⠣⡀
          ⠈⠒⠢⠤⠤⠤⠤⠤⠤⠤
        """)
    #expect(
      Self.lines(.fallsThenFlat, 12, 3, .ascii) == #"""
        -
         -_
           --.......
        """#)
  }

  @Test func fallsThenRisesInThreeRows() {
    #expect(
      Self.lines(.fallsThenRises, 12, 3, .monochrome) == """
        ⢢         ⢀⠤
        ⠈⢆    ⢀⡠⠔⠊⠁
          ⠉⠒⠊⠉⠁
        """)
    #expect(
      Self.lines(.fallsThenRises, 12, 3, .ascii) == #"""
        -         _.
         .    __.'
          '--'
        """#)
  }

  @Test func flatInThreeRows() {
    #expect(
      Self.lines(.flat, 12, 3, .monochrome) == """

        ⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤

        """)
    #expect(
      Self.lines(.flat, 12, 3, .ascii) == #"""

        ............

        """#)
  }

  @Test func oscillatesInThreeRows() {
    #expect(
      Self.lines(.oscillates, 12, 3, .monochrome) == """
        ⢀⠖⢄  ⢀⠖⢄   ⡖
        ⠜ ⠘⡄ ⡜ ⠈⡆ ⡸
           ⠱⠔⠁  ⠸⠔⠁
        """)
    #expect(
      Self.lines(.oscillates, 12, 3, .ascii) == #"""
         -_   -_   -
        .    -    '
           -.   -.
        """#)
  }

  @Test func blowsUpInThreeRows() {
    #expect(
      Self.lines(.blowsUp, 12, 3, .monochrome) == """
                   ⡔
                 ⡠⠊
        ⠤⠤⠤⠤⠤⠤⠔⠒⠉
        """)
    #expect(
      Self.lines(.blowsUp, 12, 3, .ascii) == #"""
                   -
                 _'
        ......--'
        """#)
  }

  @Test func namesAndWordsRoundTrip() {
    #expect(CurveShape.allCases.map(\.rawValue) == ["falls", "falls-then-flat", "falls-then-rises", "flat", "oscillates", "blows-up"])
    #expect(CurveShape(rawValue: "blows-up")?.title == "blows up")
    #expect(MiniCurve(.flat).render(width: 0, height: 1).lines() == [""])
  }
}
