import Tutor

/// The chart of the last command that drew one (`plot confusion`, `predict #193`,
/// `compare a b`), kept in the chart pane and drawn again from the session whenever the
/// session changes, so that it shows the current state, never an old one.
///
/// One chart is kept: a new chart command replaces it. It is dropped when data are loaded (the
/// session then forgets its last chart command: an apartments fit has nothing to say about
/// moons, nor a chart of the last step about the data the next one loads), and hidden while its
/// command draws nothing (no model yet after `data`), to come back once it draws again.
///
/// While training runs, a chart that is slow to draw (a loss landscape evaluates the network
/// hundreds of times) is drawn again at most once per ten times its drawing took, so that
/// drawing never takes more than a tenth of the time; its title names the step it shows.
///
///     var pin = PinnedPlot.update(nil, command: .plot(kind: "fit", index: nil), serial: 1,
///                                 dataName: "apartments", draw: session.redraw)
///     pin = PinnedPlot.update(pin, command: …, serial: 1, dataName: "moons", draw: …)   // nil
struct PinnedPlot: Equatable, Sendable {
  /// The command that drew it, run again to redraw it.
  var command: Command
  /// The session's count of chart commands when this was last brought up to date.
  var serial: Int
  /// The data it is about.
  var dataName: String?
  /// The chart as last drawn; nil while the command draws nothing.
  var chart: PinnedChart?
  /// `chart` was drawn from the session as it is now; a hidden chart is not drawn again until
  /// it shows, and meanwhile it is not to be shown as it was.
  var current = true
  /// When `chart` was drawn, and how long drawing it took.
  var drawnAt: ContinuousClock.Instant?
  var drawCost: Duration = .zero

  /// The pinned plot after the session changed.
  /// - Parameters:
  ///   - current: the plot pinned so far.
  ///   - command: the session's last chart command, `serial` its count of them.
  ///   - dataName: the data loaded now.
  ///   - shown: the chart is on screen; one that is not keeps its last drawing, marked as no
  ///     longer current (it is drawn again as soon as the screen shows it).
  ///   - training: training runs, so a slow chart is drawn again only now and then.
  ///   - now: the time.
  ///   - draw: what a command draws for the session as it is now.
  static func update(
    _ current: PinnedPlot?, command: Command?, serial: Int, dataName: String?, shown: Bool = true,
    training: Bool = false, now: ContinuousClock.Instant = .now, draw: (Command) -> [Output]
  ) -> PinnedPlot? {
    // NB: the session forgets its last chart command when data are loaded.
    guard let command else { return nil }
    var kept = current
    if serial != current?.serial {
      var fresh = PinnedPlot(command: command, serial: serial, dataName: dataName)
      fresh.redraw(now: now, draw: draw)
      // NB: a command that drew only the loss chart (which has a pane of its own) keeps the pin.
      if fresh.chart != nil { return fresh }
      kept?.serial = serial
    }
    guard var plot = kept, plot.dataName == dataName else { return nil }
    if shown || plot.chart == nil {
      if !(training && plot.chart != nil && plot.drawnLately(now)) { plot.redraw(now: now, draw: draw) }
      plot.current = true
    } else {
      plot.current = false
    }
    return plot
  }

  /// Draws the chart again from the session, timing it.
  mutating func redraw(now: ContinuousClock.Instant, draw: (Command) -> [Output]) {
    let clock = ContinuousClock()
    let began = clock.now
    chart = Self.chart(in: draw(command))
    drawCost = clock.now - began
    drawnAt = now
  }

  /// Drawn so lately that drawing it again now would spend more than a tenth of the time since.
  func drawnLately(_ now: ContinuousClock.Instant) -> Bool {
    guard let drawnAt else { return false }
    return now - drawnAt < drawCost * 10
  }

  /// The chart worth pinning among a command's outputs: the first one that is not the loss
  /// chart.
  static func chart(in outputs: [Output]) -> PinnedChart? {
    for case .chart(let spec, let title, _) in outputs where !title.hasPrefix("loss per step") {
      return PinnedChart(spec: spec, title: title)
    }
    return nil
  }

  /// The live chart this one is a copy of (`plot fit` draws what the fit chart shows), when the
  /// data offer it: the pinned chart takes its place in the Tab cycle.
  func replaces(in available: [ChartKind]) -> ChartKind? {
    let kind: ChartKind?
    switch command {
    case .plot("fit", _): kind = available.contains(.fit) ? .fit : .boundary
    case .plot("boundary", _): kind = .boundary
    case .plot("landscape", _), .plot("loss", _): kind = .landscape
    case .plot("weights", _): kind = .weights
    case .plot("probs", nil), .plot("probs", 0), .predict(.example(0)): kind = .probs
    default: kind = nil
    }
    return kind.flatMap { available.contains($0) ? $0 : nil }
  }
}
