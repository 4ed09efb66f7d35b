import Charts
import Course
import Engine
import Tutor

/// Jobs, run on the worker's thread between two training steps.
extension SessionWorker {
  func handle(_ job: WorkerJob) {
    heldReplies = []
    defer { releaseReplies() }
    switch job {
    case .start(let lesson):
      let response: CourseResponse
      if let lesson, let opened = course.open(lesson: lesson) {
        response = opened
      } else {
        response = course.start()
      }
      reply(WorkerReply(outputs: response.outputs, openedStep: opened(response)))
    case .line(let line): runLine(line)
    case .scaleLearningRate(let f): scale("lr", f)
    case .scaleBatch(let f): scale("batch", f)
    case .fork:
      var name = "run\(forks + 1)"
      while session.runNames.contains(name) {
        forks += 1
        name = "run\(forks + 1)"
      }
      forks += 1
      runLine("fork \(name)")
    case .train(let target): startTraining(target)
    case .changePace(let faster): changePace(faster: faster)
    case .classify:
      lastChartTime = .now - .seconds(10)
    }
    publish(makeSnapshot(busy: nil, refreshCharts: true))
  }

  func opened(_ r: CourseResponse) -> Bool {
    r.events.contains {
      switch $0 {
      case .stepOpened, .reviewShown: return true
      default: return false
      }
    }
  }

  /// A typed line: `train` and `stop` steer the background training; everything else goes
  /// to the course (lesson commands) or the session, with `space` able to stop it.
  func runLine(_ line: String) {
    let words = line.split(separator: " ").map { $0.lowercased() }
    if words.first == "stop" {
      setTraining(false)
      lastStop = .paused
      reply(WorkerReply(outputs: [.line("stopped at step \(session.trainer?.steps ?? 0)")]))
      return
    }
    // NB: while a prediction waits, `train` goes to the course, which asks for it first.
    if words.first == "train", !course.isLessonCommand(line), !course.predictionPending {
      do {
        if case .train(let amount)? = try CommandParser.parse(line) {
          startTraining(target(for: amount))
          return
        }
      } catch {
        reply(WorkerReply(outputs: [.error(error.message)]))
        return
      }
    }
    if words.first == "step" { lastStop = .ended }
    publish(makeSnapshot(busy: line, refreshCharts: false))
    let response = course.execute(
      line: line, shouldStop: { [self] in stopWasRequested() },
      progress: { [self] _ in publish(makeSnapshot(busy: line, refreshCharts: false)) })
    reply(WorkerReply(outputs: response.outputs, openedStep: opened(response)))
  }

  func target(for amount: Command.TrainAmount) -> TrainingTarget {
    let steps = session.trainer?.steps ?? 0
    let epochs = session.trainer?.epochsCompleted ?? 0
    switch amount {
    case .steps(let n): return .step(steps + n)
    case .epochs(let n): return .epoch(epochs + n)
    case .untilStopped: return .untilStopped
    }
  }

  func startTraining(_ target: TrainingTarget) {
    if course.predictionPending {
      reply(WorkerReply(outputs: [.error(course.predictionFirst)]))
      return
    }
    guard session.ball != nil || session.trainer != nil else {
      let why = session.dataset == nil
        ? "no data yet: load some with `data NAME` (for example `data apartments`)"
        : "no model yet: build one with `model linear` or `model SIZES`"
      reply(WorkerReply(outputs: [.error(why)]))
      return
    }
    if let d = session.trainer?.divergence {
      reply(WorkerReply(outputs: [.error(d.explanation + " Use `rewind` or `reset` to go on.")]))
      return
    }
    pacer = Pacer(pace(for: target))
    setTraining(true, target: target)
    let paced = target == .untilStopped || session.ball != nil
    let pace = paced ? " at \(session.pace.description) (- + change it)" : ""
    reply(WorkerReply(message: "training\(pace)… space pauses, Ctrl-C stops", messageWhileTraining: true))
  }

  /// Live training goes at the session's pace; a bounded `train` as fast as it can, except a
  /// ball on a landscape, whose path is there to be watched.
  func pace(for target: TrainingTarget) -> Pace {
    target == .untilStopped || session.ball != nil ? session.pace : .max
  }

  /// `-` and `+`: the pace one rung down or up the ladder, through `set pace`.
  func changePace(faster: Bool) {
    let next = faster ? session.pace.faster : session.pace.slower
    let value: String
    switch next {
    case .max: value = "max"
    case .stepsPerSecond(let v): value = NumberFormat.short(v)
    }
    let response = course.execute(line: "set pace \(value)")
    let errors = response.outputs.filter(\.isError)
    pacer = Pacer(pace(for: readShared().target))
    reply(WorkerReply(outputs: errors, message: errors.isEmpty ? "pace → \(next.description)" : nil))
  }

  /// `[` `]` `{` `}`: a setting halved or doubled through `set`, so the lesson's checks see it.
  func scale(_ name: String, _ factor: Double) {
    guard let hyper = session.trainer?.hyper ?? Optional(session.settings.hyper) else { return }
    let value: String
    if name == "lr" {
      value = NumberFormat.short(Double(hyper.learningRate) * factor)
    } else {
      value = String(min(Hyperparameters.maximumBatchSize, max(1, Int((Double(hyper.batchSize) * factor).rounded()))))
    }
    let response = course.execute(line: "set \(name) \(value)")
    let errors = response.outputs.filter(\.isError)
    let step = session.trainer?.steps ?? 0
    let note = errors.isEmpty ? "\(name) → \(value) from step \(step + 1)" : nil
    var rest = response.outputs
    if errors.isEmpty, case .text? = rest.first { rest.removeFirst() }
    reply(WorkerReply(outputs: rest, message: note))
  }
}
