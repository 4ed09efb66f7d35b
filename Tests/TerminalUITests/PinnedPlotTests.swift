import Charts
import Datasets
import Foundation
@testable import TerminalUI
import Testing
import Tutor

/// The chart a command drew stays on screen only as the session's current state: it is drawn
/// again whenever the session changes, replaced by the next chart command, and dropped when
/// other data are loaded.
@Suite struct PinnedPlotTests {
  static let fit = Command.plot(kind: "fit", index: nil)
  static let confusion = Command.plot(kind: "confusion", index: nil)

  static func chart(_ title: String) -> Output {
    .chart(.sparkline(Sparkline(values: [1, 2])), title: title, height: 3)
  }

  @Test func aNewChartCommandIsPinnedAndRedrawnFromTheState() {
    var step = 0
    let draw: (Command) -> [Output] = { c in [.text(["x"]), Self.chart("\(c == Self.fit ? "fit" : "other") · step \(step)")] }
    var pin = PinnedPlot.update(nil, command: Self.fit, serial: 1, dataName: "apartments", draw: draw)
    #expect(pin?.chart?.title == "fit · step 0")
    step = 200
    pin = PinnedPlot.update(pin, command: Self.fit, serial: 1, dataName: "apartments", draw: draw)
    #expect(pin?.chart?.title == "fit · step 200", "redrawn at the session's step")
    pin = PinnedPlot.update(pin, command: Self.confusion, serial: 2, dataName: "apartments", draw: draw)
    #expect(pin?.command == Self.confusion && pin?.chart?.title == "other · step 200")
    // Off screen it is not drawn again until the screen shows it.
    step = 300
    pin = PinnedPlot.update(pin, command: Self.confusion, serial: 2, dataName: "apartments", shown: false, draw: draw)
    #expect(pin?.chart?.title == "other · step 200")
    #expect(pin?.current == false, "an old drawing kept off screen is not current")
    pin = PinnedPlot.update(pin, command: Self.confusion, serial: 2, dataName: "apartments", draw: draw)
    #expect(pin?.chart?.title == "other · step 300")
    #expect(pin?.current == true)
  }

  @Test func otherDataDropTheChart() {
    let draw: (Command) -> [Output] = { _ in [Self.chart("fit · step 3")] }
    let pin = PinnedPlot.update(nil, command: Self.fit, serial: 1, dataName: "apartments", draw: draw)
    #expect(pin != nil)
    #expect(PinnedPlot.update(pin, command: Self.fit, serial: 1, dataName: "moons", draw: draw) == nil)
    // The same data loaded again with other settings keep it, redrawn.
    #expect(PinnedPlot.update(pin, command: Self.fit, serial: 1, dataName: "apartments", draw: draw) != nil)
  }

  /// Loading data makes the session forget its last chart command: the pin goes, even for data
  /// of the same name (the next lesson step's data are not what the last chart was about).
  @Test func newDataDropTheChart() {
    let draw: (Command) -> [Output] = { _ in [Self.chart("fit · step 3")] }
    let pin = PinnedPlot.update(nil, command: Self.fit, serial: 1, dataName: "apartments", draw: draw)
    #expect(pin != nil)
    #expect(PinnedPlot.update(pin, command: nil, serial: 1, dataName: "apartments", draw: draw) == nil)
    let session = Session(locations: DataLocations(embedded: "/nonexistent", userData: "/nonexistent"))
    for line in ["data apartments", "model linear", "plot fit"] { _ = session.execute(line: line) }
    #expect(session.lastChartCommand == Self.fit)
    _ = session.execute(line: "data apartments noise=30")
    #expect(session.lastChartCommand == nil)
  }

  /// While training runs, a chart that takes long to draw is drawn again at most once per ten
  /// times its drawing took; at rest it is drawn from the current state every time.
  @Test func aSlowChartIsDrawnLessOftenWhileTraining() {
    var draws = 0
    let draw: (Command) -> [Output] = { _ in
      draws += 1
      Thread.sleep(forTimeInterval: 0.02)
      return [Self.chart("slice · step \(draws)")]
    }
    let start = ContinuousClock.now
    var pin = PinnedPlot.update(nil, command: Self.fit, serial: 1, dataName: "d", now: start, draw: draw)
    #expect(draws == 1)
    pin = PinnedPlot.update(pin, command: Self.fit, serial: 1, dataName: "d", training: true, now: start + .milliseconds(100), draw: draw)
    #expect(draws == 1 && pin?.chart?.title == "slice · step 1" && pin?.current == true)
    pin = PinnedPlot.update(pin, command: Self.fit, serial: 1, dataName: "d", training: true, now: start + .seconds(5), draw: draw)
    #expect(draws == 2)
    pin = PinnedPlot.update(pin, command: Self.fit, serial: 1, dataName: "d", training: false, now: start + .milliseconds(5_100), draw: draw)
    #expect(draws == 3, "at rest it is drawn again at once")
  }

  @Test func aChartThatCannotBeDrawnNowIsHiddenUntilItCanBe() {
    var hasModel = true
    let draw: (Command) -> [Output] = { _ in hasModel ? [Self.chart("fit · step 1")] : [.error("no model yet")] }
    var pin = PinnedPlot.update(nil, command: Self.fit, serial: 1, dataName: "apartments", draw: draw)
    hasModel = false
    pin = PinnedPlot.update(pin, command: Self.fit, serial: 1, dataName: "apartments", draw: draw)
    #expect(pin != nil && pin?.chart == nil)
    hasModel = true
    pin = PinnedPlot.update(pin, command: Self.fit, serial: 1, dataName: "apartments", draw: draw)
    #expect(pin?.chart?.title == "fit · step 1")
  }

  @Test func theLossChartDoesNotTakeThePin() {
    let draw: (Command) -> [Output] = { c in
      c == .plot(kind: "loss", index: nil) ? [Self.chart("loss per step")] : [Self.chart("confusion · step 5")]
    }
    var pin = PinnedPlot.update(nil, command: Self.confusion, serial: 1, dataName: "mnist-5k", draw: draw)
    pin = PinnedPlot.update(pin, command: .plot(kind: "loss", index: nil), serial: 2, dataName: "mnist-5k", draw: draw)
    #expect(pin?.command == Self.confusion && pin?.serial == 2)
    #expect(pin?.chart?.title == "confusion · step 5")
  }

  @Test func aCopyOfALiveChartTakesItsPlaceInTheCycle() {
    let pin = PinnedPlot(command: Self.fit, serial: 1, dataName: "apartments", chart: nil)
    #expect(pin.replaces(in: [.loss, .fit]) == .fit)
    #expect(pin.replaces(in: [.loss, .boundary]) == .boundary)
    #expect(PinnedPlot(command: .plot(kind: "landscape", index: nil), serial: 1, chart: nil).replaces(in: [.landscape]) == .landscape)
    #expect(PinnedPlot(command: .predict(.example(193)), serial: 1, chart: nil).replaces(in: [.loss, .probs]) == nil)
    #expect(PinnedPlot(command: Self.confusion, serial: 1, chart: nil).replaces(in: [.loss, .probs, .weights]) == nil)

    var snapshot = TutorSnapshot()
    snapshot.availableCharts = [.loss, .fit]
    snapshot.lessonCharts = [.fit, .loss]
    snapshot.pinned = PinnedChart(spec: .sparkline(Sparkline(values: [1])), title: "fit · step 3")
    snapshot.pinnedReplaces = .fit
    var state = TutorState(width: 100, height: 30)
    #expect(state.chartCycle(snapshot) == [.pinned, .loss])
    snapshot.pinnedReplaces = nil
    #expect(state.chartCycle(snapshot) == [.fit, .loss, .pinned])
    // A command's chart shows first; Tab goes on from it.
    state.receive([Self.chart("confusion · step 3")])
    #expect(state.selectedChart(snapshot) == .pinned)
    _ = state.apply(.key(.tab), snapshot: snapshot)
    #expect(state.selectedChart(snapshot) == .fit)
    _ = state.apply(.key(.backTab), snapshot: snapshot)
    #expect(state.selectedChart(snapshot) == .pinned)
  }

  /// The tutor's thread keeps the chart of `plot fit` at the session's step as it trains.
  @Test func theWorkerRedrawsThePinnedChartAsTheRunTrains() throws {
    let worker = SessionWorkerTests.worker()
    defer { worker.shutdown() }
    worker.setWantedCharts([.pinned, .loss])
    for line in ["data apartments scale=standard", "model linear", "plot fit"] { worker.perform(.run(line)) }
    #expect(worker.waitUntilIdle(timeout: 60))
    #expect(worker.snapshot().pinned?.title.hasSuffix("· step 0") == true)
    #expect(worker.snapshot().pinnedReplaces == .fit)
    worker.perform(.run("step 25"))
    #expect(worker.waitUntilIdle(timeout: 60))
    let snapshot = worker.snapshot()
    #expect(snapshot.steps == 25)
    #expect(snapshot.pinned?.title.hasSuffix("· step 25") == true, "\(snapshot.pinned?.title ?? "none")")
    worker.perform(.run("data moons"))
    #expect(worker.waitUntilIdle(timeout: 60))
    #expect(worker.snapshot().pinned == nil, "an apartments fit has nothing to say about moons")
  }
}
