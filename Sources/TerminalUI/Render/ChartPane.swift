import Charts
import Tutor

/// One chart pane: a title row, then the chart drawn to the pane's size.
enum ChartPane {
  static func render(
    _ kind: ChartKind, state: TutorState, snapshot: TutorSnapshot, into grid: inout Grid,
    _ r: Rect, theme: Theme, showsTabHint: Bool
  ) {
    guard r.height >= 3, r.width >= 10 else { return }
    let (spec, title) = chart(kind, state: state, snapshot: snapshot)
    // A chart made by a command has a title that says what it is; the loss chart's is the step.
    let fullHeading = kind == .loss ? kind.label + (title.isEmpty ? "" : ": " + title) : (title.isEmpty ? kind.label : title)
    let hint = showsTabHint ? " [Tab]" : ""
    let room = r.width - hint.count
    let heading = ChartHeading.lines(theme.text(fullHeading), first: room, width: r.width, ellipsis: theme.ellipsis)
    for (i, line) in heading.enumerated() {
      grid.write(line, x: r.x, y: r.y + i, foreground: theme.color(.brightWhite), attributes: [.bold])
    }
    if showsTabHint {
      grid.write(hint, x: r.x + r.width - hint.count, y: r.y, foreground: theme.color(.brightBlack))
    }
    let body = Rect(x: r.x, y: r.y + heading.count, width: r.width, height: r.height - heading.count)
    guard let spec else {
      let note = emptyNote(kind, snapshot)
      for (i, line) in TextWrapper.wrap(note.map { TranscriptLine($0, .prose) }, width: body.width).enumerated() {
        var x = body.x
        for (text, style) in TutorScreen.runs(line) {
          let (fg, attributes) = theme.look(.prose, style)
          x = grid.write(theme.text(text), x: x, y: body.y + 1 + i, foreground: fg ?? theme.color(.brightBlack), attributes: attributes)
        }
      }
      return
    }
    grid.paste(spec.render(width: body.width, height: body.height, style: theme.style), x: body.x, y: body.y)
  }

  /// The chart for a kind and its title; nil when there is nothing to draw yet.
  static func chart(_ kind: ChartKind, state: TutorState, snapshot: TutorSnapshot) -> (ChartSpec?, String) {
    switch kind {
    case .loss:
      guard let history = snapshot.history, history.stepCount >= 2 else { return (nil, "") }
      let chart = Plots.lossChart([(snapshot.runName, history)])
      return (.line(chart), "step \(snapshot.steps)")
    case .pinned:
      // NB: a chart drawn before the session last changed waits for its new drawing.
      guard snapshot.pinnedIsCurrent else { return (nil, "") }
      return (snapshot.pinned?.spec, snapshot.pinned?.title ?? "")
    default:
      guard let c = snapshot.charts[kind] else { return (nil, "") }
      return (c.spec, c.title)
    }
  }

  static func emptyNote(_ kind: ChartKind, _ s: TutorSnapshot) -> [String] {
    if s.dataName == nil { return ["No data yet.", "Type a command such as `data apartments`, or follow the lesson."] }
    if s.modelText == nil { return ["No model yet: `model linear` or `model 784-64-10`."] }
    switch kind {
    case .loss: return ["No training yet.", "Press space to train, n for one step."]
    default: return ["Drawing…"]
    }
  }
}
