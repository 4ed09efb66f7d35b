import Charts
import Course
import Foundation

/// The whole screen as a pure function: state + session snapshot + size + style → a grid of
/// cells. The curses layer only copies the grid to the terminal.
///
///     let grid = TutorScreen.render(state, snapshot, style: .monochrome)
///     grid.lines()   // what the terminal shows, row by row
public enum TutorScreen {
  public static func render(_ state: TutorState, _ snapshot: TutorSnapshot, style: ChartStyle) -> Grid {
    var grid = Grid(width: state.width, height: state.height)
    let theme = Theme(style: style)
    guard state.fits else {
      tooSmall(&grid, state.width, state.height)
      return grid
    }
    let layout = Layout(width: state.width, height: state.height)
    titleBar(state, snapshot, &grid, layout.title, theme)
    lessonPane(state, &grid, layout, theme)
    let kinds = state.visibleCharts(snapshot)
    for (i, pane) in layout.chartPanes.enumerated() where i < kinds.count {
      ChartPane.render(
        kinds[i], state: state, snapshot: snapshot, into: &grid, pane, theme: theme,
        showsTabHint: i == 0)
    }
    StatusLine.render(snapshot, into: &grid, layout.status, theme: theme)
    commandLine(state, snapshot, &grid, layout.command, theme)
    switch state.overlay {
    case .none: break
    case .help: HelpOverlay.render(into: &grid, width: state.width, height: state.height, theme: theme)
    case .confirmQuit: HelpOverlay.confirmQuit(into: &grid, width: state.width, height: state.height, theme: theme)
    case .draw: DrawOverlay.render(state, snapshot, into: &grid, theme: theme)
    }
    // NB: in ASCII nothing else may reach the terminal, whatever a part above let through.
    return theme.unicode ? grid : grid.asciiOnly()
  }

  /// Where the terminal's cursor goes: in the command line while typing, else nowhere.
  public static func cursor(_ state: TutorState) -> (x: Int, y: Int)? {
    guard state.fits, state.editing, state.overlay == .none else { return nil }
    let layout = Layout(width: state.width, height: state.height)
    return (min(layout.command.width - 1, 2 + state.editor.cursor), layout.command.y)
  }

  static func tooSmall(_ grid: inout Grid, _ w: Int, _ h: Int) {
    let lines = [
      "mltutor needs a terminal of at least \(Layout.minimumWidth)×\(Layout.minimumHeight);",
      "this one is \(w)×\(h).",
      "Make the window bigger and the tutor carries on (q quits).",
    ]
    for (i, line) in lines.enumerated() {
      let y = h / 2 - 1 + i
      grid.write(line, x: max(0, (w - line.count) / 2), y: y)
    }
  }

  static func titleBar(_ state: TutorState, _ s: TutorSnapshot, _ grid: inout Grid, _ r: Rect, _ theme: Theme) {
    let bg = theme.color(.cube(red: 0, green: 1, blue: 2))
    let fg = theme.color(.brightWhite)
    let attributes: Cell.Attributes = theme.style.color ? [.bold] : [.reverse, .bold]
    for x in r.x..<(r.x + r.width) { grid[x, r.y] = Cell(" ", foreground: fg, background: bg, attributes: attributes) }
    var title = " mltutor"
    if let lesson = s.lessonStatus { title += (theme.unicode ? " · " : " - ") + lesson }
    if let step = s.stepTitle { title += ": " + step }
    if s.stepDone { title += theme.unicode ? "  ✓ done" : "  (done)" }
    let right = "? keys  q quit "
    let room = r.width - right.count - 1
    let text = theme.text(title)
    let shown = shortened(text, to: room, ellipsis: theme.ellipsis)
    grid.write(shown, x: r.x, y: r.y, foreground: fg, background: bg, attributes: attributes)
    grid.write(right, x: r.x + r.width - right.count, y: r.y, foreground: fg, background: bg, attributes: attributes)
  }

  /// The text if it fits, else as many whole words as fit before an ellipsis.
  static func shortened(_ text: String, to room: Int, ellipsis: String) -> String {
    guard text.count > room else { return text }
    var kept = text.prefix(max(0, room - ellipsis.count))
    if text.dropFirst(kept.count).first != " ", let space = kept.lastIndex(of: " ") { kept = kept[..<space] }
    while kept.last == " " || kept.last == ":" || kept.last == "·" { kept = kept.dropLast() }
    return String(kept) + ellipsis
  }

  static func lessonPane(_ state: TutorState, _ grid: inout Grid, _ layout: Layout, _ theme: Theme) {
    let r = layout.lesson
    let lines = state.wrappedTranscript()
    let maxTop = max(0, lines.count - r.height)
    let top = min(state.scrollTop ?? maxTop, maxTop)
    for i in 0..<r.height where top + i < lines.count {
      let line = lines[top + i]
      var x = r.x
      for (text, style) in runs(line) {
        let (fg, attributes) = theme.look(line.kind, style)
        x = grid.write(theme.text(text), x: x, y: r.y + i, foreground: fg, attributes: attributes)
      }
    }
    let dim = theme.color(.brightBlack)
    for y in r.y..<(r.y + r.height) { grid[layout.separator, y] = Cell(theme.vertical, foreground: dim) }
    if top > 0 { grid[layout.separator, r.y] = Cell(theme.unicode ? "▲" : "^", foreground: dim) }
    if top < maxTop {
      grid[layout.separator, r.y + r.height - 1] = Cell(theme.unicode ? "▼" : "v", foreground: dim)
    }
  }

  /// A wrapped line cut into runs of one inline style each.
  static func runs(_ line: TranscriptLine) -> [(String, InlineMarkup.Style)] {
    guard line.styles.count == line.text.count else { return [(line.text, [])] }
    var runs: [(String, InlineMarkup.Style)] = []
    for (ch, style) in zip(line.text, line.styles) {
      if let last = runs.last, last.1 == style {
        runs[runs.count - 1].0.append(ch)
      } else {
        runs.append((String(ch), style))
      }
    }
    return runs
  }

  static func commandLine(_ state: TutorState, _ s: TutorSnapshot, _ grid: inout Grid, _ r: Rect, _ theme: Theme) {
    let dim = theme.color(.brightBlack)
    if state.editing {
      grid.write(": ", x: r.x, y: r.y, foreground: theme.color(.brightYellow), attributes: [.bold])
      let text = state.editor.line
      let room = r.width - 3
      let start = max(0, state.editor.cursor - room)
      grid.write(theme.text(String(Array(text).dropFirst(start).prefix(room))), x: r.x + 2, y: r.y)
      let cursorX = r.x + 2 + state.editor.cursor - start
      var cell = grid[cursorX, r.y]
      cell.attributes.insert(.reverse)
      grid[cursorX, r.y] = cell
      if !state.candidates.isEmpty {
        let list = "  " + state.candidates.joined(separator: " ")
        grid.write(list, x: cursorX + 1, y: r.y, foreground: dim)
      }
      return
    }
    if let message = state.message, s.training || !state.messageWhileTraining {
      grid.write(theme.text(message), x: r.x + 1, y: r.y, foreground: theme.color(.brightYellow))
    } else if let busy = s.busy {
      grid.write(theme.text("running `\(busy)`… space stops it"), x: r.x + 1, y: r.y, foreground: theme.color(.brightYellow))
    } else if s.reviewOpen {
      let hint = s.quizOpen ? "a b c … answer · S skip the review · ? keys · q quit" : "→ go on · S skip the review · ? keys · q quit"
      grid.write(theme.unicode ? hint : theme.text(hint.replacingArrows), x: r.x + 1, y: r.y, foreground: dim)
    } else {
      let hint = s.training
        ? "space pause · - + pace · [ ] lr · { } batch · Tab chart · ? keys"
        : "space train · n step · → next step · : or Enter command · ? keys · q quit"
      grid.write(theme.unicode ? hint : theme.text(hint.replacingArrows),
        x: r.x + 1, y: r.y, foreground: dim)
    }
  }
}
