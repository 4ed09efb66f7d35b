import Charts

/// Everything the full-screen tutor shows that is not the session's: the lesson pane's text
/// and scroll, the chart chosen, the command line, the overlay, a message, the drawing.
///
/// Events change it in `apply(_:snapshot:)` (which returns what the live part must do) and
/// `render` reads it: both are pure, so every screen can be tested without a terminal.
public struct TutorState: Equatable, Sendable {
  public var width: Int
  public var height: Int
  /// The open step's text, then the commands typed and what they printed.
  public var transcript: [TranscriptLine] = []
  /// First wrapped line shown in the lesson pane; nil follows the end of the transcript.
  public var scrollTop: Int? = 0
  public var editor: LineEditor
  /// The command line is open and takes the keys.
  public var editing = false
  /// Tab completion's choices when it could not decide.
  public var candidates: [String] = []
  public var overlay = Overlay.none
  /// Position in the snapshot's charts (`availableCharts`, then the pinned one).
  public var chartIndex = 0
  /// A command just drew a chart: the first pane shows the pinned chart until Tab moves on.
  public var followsPinned = false
  /// A one-line note on the command line row (what a key did).
  public var message: String?
  public var canvas = DrawCanvas()
  public var completion: Completion
  /// The screen draws ASCII only: what commands print is spelt in ASCII as it arrives, so that
  /// it wraps at its real length.
  public var asciiText = false
  /// Ctrl-C was pressed at rest: a second one quits.
  public var quitArmed = false
  /// `message` speaks of training under way: it is not shown once training has stopped.
  public var messageWhileTraining = false

  public init(
    width: Int, height: Int, history: [String] = [], completion: Completion = .standard()
  ) {
    self.width = width
    self.height = height
    self.editor = LineEditor(history: history)
    self.completion = completion
  }

  public static func == (a: TutorState, b: TutorState) -> Bool {
    a.width == b.width && a.height == b.height && a.transcript == b.transcript
      && a.scrollTop == b.scrollTop && a.editor == b.editor && a.editing == b.editing
      && a.candidates == b.candidates && a.overlay == b.overlay && a.chartIndex == b.chartIndex
      && a.followsPinned == b.followsPinned && a.message == b.message && a.canvas == b.canvas
      && a.asciiText == b.asciiText && a.quitArmed == b.quitArmed
      && a.messageWhileTraining == b.messageWhileTraining
  }

  /// The screen is big enough for the panes.
  public var fits: Bool { width >= Layout.minimumWidth && height >= Layout.minimumHeight }

  /// The charts Tab walks through: what the data allows, those the lesson step asks for
  /// first, then the last plot (in the place of the live chart it is a copy of).
  public func chartCycle(_ snapshot: TutorSnapshot) -> [ChartKind] {
    let wanted = snapshot.lessonCharts.filter(snapshot.availableCharts.contains)
    let rest = snapshot.availableCharts.filter { !wanted.contains($0) }
    var cycle = wanted + rest
    guard snapshot.pinned != nil else { return cycle }
    if let i = cycle.firstIndex(where: { $0 == snapshot.pinnedReplaces }) {
      cycle[i] = .pinned
    } else {
      cycle.append(.pinned)
    }
    return cycle
  }

  /// The chart in the (first) chart pane.
  public func selectedChart(_ snapshot: TutorSnapshot) -> ChartKind {
    let cycle = chartCycle(snapshot)
    guard !cycle.isEmpty else { return .loss }
    if followsPinned && cycle.contains(.pinned) { return .pinned }
    return cycle[((chartIndex % cycle.count) + cycle.count) % cycle.count]
  }

  /// Tab and Shift-Tab: the next or the previous chart of the cycle.
  public mutating func moveChart(by offset: Int, _ snapshot: TutorSnapshot) {
    let cycle = chartCycle(snapshot)
    if followsPinned, let i = cycle.firstIndex(of: .pinned) { chartIndex = i }
    followsPinned = false
    chartIndex += offset
  }

  /// The charts the screen shows now, for the session's thread to keep up to date.
  public func visibleCharts(_ snapshot: TutorSnapshot) -> [ChartKind] {
    let layout = Layout(width: width, height: height)
    let first = selectedChart(snapshot)
    if layout.chartPanes.count > 1 {
      return [first, secondChart(snapshot)]
    }
    return [first]
  }

  /// The chart of the second pane on a big screen: the lesson step's second chart, else the
  /// loss chart, or when the first pane shows that, the first of the data's other charts.
  public func secondChart(_ snapshot: TutorSnapshot) -> ChartKind {
    let first = selectedChart(snapshot)
    // The lesson step's second chart, when it asks for two and the first is showing.
    let wanted = snapshot.lessonCharts.filter(snapshot.availableCharts.contains)
    if wanted.count >= 2, first == wanted[0] { return wanted[1] }
    let preferred = first == .loss ? chartCycle(snapshot).filter { $0 != .loss } : [.loss]
    return preferred.first ?? .loss
  }

  /// Wrapped lesson-pane lines for its current width.
  public func wrappedTranscript() -> [TranscriptLine] {
    TextWrapper.wrap(transcript, width: Layout(width: width, height: height).lesson.width)
  }

  /// Scrolls the lesson pane by `lines` (negative is up).
  public mutating func scroll(by lines: Int) {
    let layout = Layout(width: width, height: height)
    let total = wrappedTranscript().count
    let maxTop = max(0, total - layout.lesson.height)
    let top = scrollTop ?? maxTop
    let next = min(max(0, top + lines), maxTop)
    scrollTop = next >= maxTop ? nil : next
  }
}
