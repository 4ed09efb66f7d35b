import Charts
import Course
import Engine
import Tutor

/// Snapshots: copies of what the screen shows, made on the worker's thread.
extension SessionWorker {
  /// Charts other than the loss chart are redrawn at most this often while training.
  static let chartInterval = Duration.milliseconds(200)

  func makeSnapshot(busy: String?, refreshCharts: Bool) -> TutorSnapshot {
    let shared = readShared()
    var s = TutorSnapshot()
    s.busy = busy
    s.training = shared.training
    s.dataName = session.settings.dataName ?? session.dataset?.name
    s.runName = session.currentRunName
    if let ball = session.ball {
      s.dataName = ball.name
      s.modelText = "ball"
      s.hyper = session.settings.hyper
      s.steps = ball.steps
      s.lastLoss = ball.value
      s.diverged = ball.diverged
      s.availableCharts = [.landscape]
    } else if let trainer = session.trainer {
      s.modelText = session.settings.modelSpec
      s.hyper = trainer.hyper
      s.steps = trainer.steps
      s.epoch = trainer.epochsCompleted + 1
      s.epochFraction = trainer.epochFraction
      s.lastLoss = trainer.history.lastLoss.map(Double.init)
      if let test = session.currentTestEvaluation {
        s.testAccuracy = test.accuracy
        if test.accuracy == nil { s.testLoss = test.loss }
      }
      s.history = trainer.history
      s.diverged = trainer.divergence != nil
      s.samplesPerSecond = samplesPerSecond
      s.availableCharts = availableCharts()
    } else {
      s.hyper = session.settings.hyper
    }
    if let review = course.reviewStatus {
      s.lessonStatus = review.status
      s.stepTitle = review.title
      s.quizOpen = course.reviewQuiz != nil
      s.reviewOpen = true
    } else if let position = course.position, let lesson = course.currentLesson, let step = course.currentStep {
      s.lessonStatus = course.status
      s.stepTitle = step.title
      s.stepDone = course.progress.state(lesson.name).doneSteps.contains(position.step)
      s.quizOpen = step.quiz != nil || course.predictionOpen
      s.lessonCharts = step.charts.compactMap(ChartKind.init(rawValue:))
    }
    s.classNames = session.dataset?.classNames
    s.mistakeCell = session.mistakeCell
    s.pace = session.pace
    s.runState = s.diverged ? .diverged : s.training ? .running : s.steps == 0 ? .ready : lastStop
    let now = ContinuousClock.now
    if refreshCharts || now - lastChartTime >= Self.chartInterval {
      lastChartTime = now
      updateCharts(shared.charts, dataName: s.dataName, training: shared.training)
      drawProbabilities = shared.draw.flatMap(classify)
    }
    s.charts = charts
    s.pinned = pinned?.chart
    s.pinnedIsCurrent = pinned?.current ?? true
    s.pinnedReplaces = pinned?.replaces(in: s.availableCharts)
    s.drawProbabilities = shared.draw == nil ? nil : drawProbabilities
    return s
  }

  /// The charts the data allows, in Tab order.
  func availableCharts() -> [ChartKind] {
    guard let d = session.dataset else { return [.loss] }
    if d.imageShape != nil { return [.loss, .probs, .weights] }
    if d.task == .classification && d.featureCount == 2 { return [.loss, .boundary] }
    if d.task == .regression && d.train.outputCount == 1 { return [.loss, .fit] }
    return [.loss]
  }

  /// Redraws the wanted charts (the loss chart is drawn by the screen from the history) and
  /// the pinned one, from the session as it is now.
  func updateCharts(_ wanted: [ChartKind], dataName: String?, training: Bool = false) {
    var fresh: [ChartKind: PinnedChart] = [:]
    for kind in wanted where kind != .loss && kind != .pinned {
      if let chart = PinnedPlot.chart(in: session.redraw(.plot(kind: kind.rawValue, index: nil))) {
        fresh[kind] = chart
      }
    }
    charts = fresh
    pinned = PinnedPlot.update(
      pinned, command: session.lastChartCommand, serial: session.chartCommands, dataName: dataName,
      shown: wanted.contains(.pinned), training: training, draw: session.redraw)
  }

  /// The probability array of a prepared drawing, when the model reads 28×28 images.
  func classify(_ pixels: [Float]) -> [Double]? {
    guard let trainer = session.trainer, let d = session.dataset, d.imageShape != nil,
      d.task == .classification, trainer.network.architecture.inputs == pixels.count
    else { return nil }
    let out = trainer.network.predict(Matrix(rows: 1, cols: pixels.count, values: pixels))
    return SoftmaxCrossEntropy.probabilities(out).values.map(Double.init)
  }
}
