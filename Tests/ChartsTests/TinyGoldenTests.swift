import Charts
import Testing

/// Every kind of chart at 20 × 5 cells, in Unicode and in ASCII, against inline literals
/// (trailing spaces trimmed; every line is checked to be exactly 20 cells wide).
@Suite struct TinyGoldenTests {
  static func check(
    _ name: String, unicode: String, ascii: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let spec = Gallery.all.first(where: { $0.name == name })?.spec else {
      Issue.record("no chart named \(name)", sourceLocation: sourceLocation)
      return
    }
    for (style, expected) in [(ChartStyle.monochrome, unicode), (.ascii, ascii)] {
      let lines = spec.render(width: 20, height: 5, style: style).lines()
      #expect(lines.allSatisfy { $0.count == 20 }, sourceLocation: sourceLocation)
      let trimmed = lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
      #expect(trimmed.joined(separator: "\n") == expected, sourceLocation: sourceLocation)
    }
  }

  @Test func line() {
    Self.check(
      "line",
      unicode:
        #"""
        5┤        ┊lr 0.1
         │⢤⡀      ┊
        0┤ ⠉⠙⠓⠦⠤⠤⠤⣤⣤⣄⣀⣤⣄⣀⣀⣀⣀
         └────────┬────────┬
                 200     400
        """#,
      ascii:
        #"""
        5+        :lr 0.1
         |**o     :
        0+  oooooooooooooooo
         +--------+--------+
                 200     400
        """#
    )
  }

  @Test func lineLog() {
    Self.check(
      "line-log",
      unicode:
        #"""
           │⠤⣄⡀    ┊lr 0.1
          1┤  ⠉⠛⠳⠤⣤⣄⡀⣀⡀ ⣀⡀
        0.1┤       ⠉⠙⠛⠟⠿⠶⣶⣶⣿
           └───────┬───────┬
                  200    400
        """#,
      ascii:
        #"""
           |**     :lr 0.1
          1+ *oooooooooooooo
        0.1+       :********
           +-------+-------+
                  200    400
        """#
    )
  }

  @Test func lineDiverged() {
    Self.check(
      "line-diverged",
      unicode:
        #"""
        50┤   ┊lr 5 ⡄ × ×× ×
          │   ┊   ⢀⡼⠁
         0┤⣄⣀⣀⣀⣀⡤⠴⠚
          └───────┬────────┬
                  5       10
        """#,
      ascii:
        #"""
        50+    :lr 5* xx x x
          |    :  ***
         0+********
          +-------+--------+
                  5       10
        """#
    )
  }

  @Test func bars() {
    Self.check(
      "bars",
      unicode:
        #"""
          2 ▍           0.03
          3 ▌           0.05
          4 ▎           0.02
        ▶ 7 ████████▊   0.79
         ◆9 ▉           0.08
        """#,
      ascii:
        #"""
          2             0.03
          3 #           0.05
          4             0.02
        > 7 #########   0.79
         *9 #           0.08
        """#
    )
  }

  @Test func barsVertical() {
    Self.check(
      "bars-vertical",
      unicode:
        #"""
                      0.79
                      ▅
              ▁       █   ▁
        0 1 2 3 4 5 6 7 8 9
                      ▲   ◆
        """#,
      ascii:
        #"""
                      0.79
                      #
                      #
        0 1 2 3 4 5 6 7 8 9
                      ^   *
        """#
    )
  }

  @Test func scatter() {
    Self.check(
      "scatter",
      unicode:
        #"""
        500┤       ◆  ⣀⣠⠤⠖⠋⠉
           │    ◆•••••⠁
          0┤⡤⠴•••
           └┬──────────────┬
            0            200
        """#,
      ascii:
        #"""
        500+           .....
           |   o@oo@oo..
          0+..oo
           ++--------------+
            0            200
        """#
    )
  }

  @Test func function() {
    Self.check(
      "function",
      unicode:
        #"""
         100┤
           0┤⠲⠤⠤⠤⠤⠤⠤⠴⠲⠤⠤●∘∘∘
        -100┤
            └┬──────┬──────┬
             -2     0      2
        """#,
      ascii:
        #"""
         100+
           0+...........Oooo
        -100+
            ++------+------+
             -2     0      2
        """#
    )
  }

  @Test func heatmap() {
    Self.check(
      "heatmap",
      unicode:
        #"""
        2┤▓▒∘▓▓▓██████▓▓▓░▒▓
         │█▓▓▒∘▒∘▓▓▓▓▒∘●▒▓▓█
        0┤███▓▓▓▒▒▒∘▒∘▓▓▓███
         └┬────────┬───────┬
          -2       0       2
        """#,
      ascii:
        #"""
         |#+o*##%%%%%%##*-+#
        2+%#*+o=o****ooO+*#%
        0+@@%##*+==o++*##%@@
         ++--------+-------+
          -2       0       2
        """#
    )
  }

  @Test func decision() {
    Self.check(
      "decision",
      unicode:
        #"""
         1┤   ○         ○
         0┤   ░░░●░●○●░░░
        -1┤   ○         ○
          └───┬────┬─────┬──
              -1   0     1
        """#,
      ascii:
        #"""
         1+   o         o
         0+   ...x.xox...
        -1+   o         o
          +---+----+----+---
              -1   0    1
        """#
    )
  }

  @Test func image() {
    Self.check(
      "image",
      unicode:
        #"""

          ▒▒▒▒▓█░
             ░█░
            ▒█░
            ▒░
        """#,
      ascii:
        #"""

          =+++*@:
             -%:
            =%-
            +.
        """#
    )
  }

  @Test func weights() {
    Self.check(
      "weights",
      unicode:
        #"""
        ▓█▒  ▓▒▒▒ ▒▒▒▒
        ▓█▒  ░▒▒▒ ▒▒▒▒

        ▒▒▒▒ ▒▒▒▒ ▒▒▒▒
        ▒▒▒▒ ▒▒▒▒ ▒▒▒▒
        """#,
      ascii:
        #"""
        *@=  *=++ +=++
        *@=  -*== +==+

        ===+ ===+ =+==
        ===+ ++== +=++
        """#
    )
  }

  @Test func sparkline() {
    Self.check(
      "sparkline",
      unicode:
        #"""
        █▆▅▄▄▃▃▂▂▂▂▂▁▁▁▁▁▁▁▁
        """#,
      ascii:
        #"""
        #*=--.....__________
        """#
    )
  }

  @Test func progress() {
    Self.check(
      "progress",
      unicode:
        #"""
        ██▋░░  53% epoch 3/5
        """#,
      ascii:
        #"""
        [######-------]  53%
        """#
    )
  }

  @Test func confusion() {
    Self.check(
      "confusion",
      unicode:
        #"""
        t\p    0    1    2
        ───┼───────────────
          0│ [48]   ·    2
          1│   1  [45]   4
          2│   3    6  [41]
        """#,
      ascii:
        #"""
        t\p    0    1    2
        ---+---------------
          0| [48]   .    2
          1|   1  [45]   4
          2|   3    6  [41]
        """#
    )
  }
}
