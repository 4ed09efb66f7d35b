/// Where each pane goes on a screen of a given size.
///
///     ┌ title bar ─────────────────────────────────────────┐  row 0
///     │ lesson pane (prose, task,   │ chart pane (Tab)     │  rows 1 … h-3
///     │ commands and their output)  │ [second chart pane]  │
///     │ status line: data, model, settings, step, loss     │  row h-2
///     └ command line ──────────────────────────────────────┘  row h-1
///
/// From 80×24; a second chart pane appears when the body has 30 rows or more.
public struct Layout: Equatable, Sendable {
  public static let minimumWidth = 80
  public static let minimumHeight = 24

  public let width: Int
  public let height: Int
  public let title: Rect
  public let lesson: Rect
  /// The column of the line between the lesson and the charts.
  public let separator: Int
  public let chartPanes: [Rect]
  public let status: Rect
  public let command: Rect
  /// The drawing canvas (28 columns, 14 rows of half blocks) and the bars beside it.
  public let canvas: Rect
  public let canvasBars: Rect

  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
    let bodyHeight = max(0, height - 3)
    let left = width >= 120 ? max(39, width * 2 / 5) : max(39, width / 2 - 1)
    title = Rect(x: 0, y: 0, width: width, height: 1)
    lesson = Rect(x: 1, y: 1, width: left - 2, height: bodyHeight)
    separator = left
    let chartX = left + 2
    let chartWidth = width - chartX - 1
    if bodyHeight >= 30 {
      let top = bodyHeight / 2
      chartPanes = [
        Rect(x: chartX, y: 1, width: chartWidth, height: top),
        Rect(x: chartX, y: 1 + top, width: chartWidth, height: bodyHeight - top),
      ]
    } else {
      chartPanes = [Rect(x: chartX, y: 1, width: chartWidth, height: bodyHeight)]
    }
    status = Rect(x: 0, y: height - 2, width: width, height: 1)
    command = Rect(x: 0, y: height - 1, width: width, height: 1)
    canvas = Rect(x: 4, y: 4, width: 28, height: 14)
    let barsX = canvas.x + canvas.width + 5
    canvasBars = Rect(x: barsX, y: 4, width: min(48, width - barsX - 3), height: 12)
  }
}
