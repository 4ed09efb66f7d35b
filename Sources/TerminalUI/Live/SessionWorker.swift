import Course
import Foundation
import Tutor

/// Owns the course session (and so the `Session` and its trainers) on one background thread,
/// where training runs, and trades values with the screen's thread.
///
/// NB: `Session` is not thread-safe, so it is only ever touched on this worker's thread:
/// - The screen's thread never calls the session. It queues `WorkerJob`s (`submit`) and sets a
///   few plain flags (`toggleTraining`, `setWantedCharts`, `classify`), all under `condition`.
/// - The worker's thread runs jobs one at a time. While training is on it runs the session's
///   `step` command in chunks; the chunk's `shouldStop` closure, called between two steps,
///   publishes a snapshot now and then and ends the chunk as soon as a job waits. So a job (a
///   new learning rate, a typed command) runs at the next step boundary, and the training
///   resumes after it.
/// - Results come back as values: the latest `TutorSnapshot` (read with `snapshot()`, which only
///   copies it under the lock and never waits for a step) and `WorkerReply`s (`takeReplies()`).
public final class SessionWorker: @unchecked Sendable {
  // Shared with the screen's thread: guarded by `condition`.
  private let condition = NSCondition()
  private var jobs: [WorkerJob] = []
  private var replies: [WorkerReply] = []
  private var latest = TutorSnapshot()
  private var generation = 0
  var wantsTraining = false
  var target = TrainingTarget.untilStopped
  var wantedCharts: [ChartKind] = []
  var drawInput: [Float]?
  /// The screen wants other charts: they are drawn at the next snapshot.
  private var chartsChanged = false
  private var stopRequested = false
  private var shuttingDown = false
  /// A job is taken off the queue and not finished yet (its snapshot may not say so yet).
  private var handlingJob = false

  // The worker thread's own: never touched elsewhere.
  let course: CourseSession
  var session: Session { course.session }
  var lastChartTime = ContinuousClock.now - .seconds(10)
  var lastPublish = ContinuousClock.now
  var samplesPerSecond = 0.0
  var charts: [ChartKind: PinnedChart] = [:]
  /// The last chart command's chart, redrawn with the other charts.
  var pinned: PinnedPlot?
  /// Replies of the job under way, sent once its snapshot is out (so that a reply never
  /// refers to a chart that the screen's snapshot does not have yet); nil between jobs.
  var heldReplies: [WorkerReply]?
  var drawProbabilities: [Double]?
  var forks = 1
  /// Spaces out the steps of live training (space, `train` with no count).
  var pacer = Pacer(.max)
  /// How the last training ended: paused by the learner or at its target.
  var lastStop = RunState.paused
  private var thread: Thread?

  public init(course: CourseSession) {
    self.course = course
  }

  /// Starts the worker's thread.
  public func start() {
    let thread = Thread { [self] in self.run() }
    thread.name = "mltutor session"
    thread.stackSize = 8 << 20
    self.thread = thread
    thread.start()
  }

  /// Asks the thread to finish; training stops at the next step.
  public func shutdown() {
    condition.lock()
    shuttingDown = true
    stopRequested = true
    condition.broadcast()
    condition.unlock()
  }

  // MARK: - Called from the screen's thread

  func submit(_ job: WorkerJob) {
    condition.lock()
    jobs.append(job)
    condition.broadcast()
    condition.unlock()
  }

  /// Opens the course (a lesson by name or number, or where the learner left off).
  public func open(lesson: String?) { submit(.start(lesson: lesson)) }

  /// Carries out an effect of a key or a typed line.
  public func perform(_ effect: Effect) {
    switch effect {
    case .run(let line): submit(.line(line))
    case .toggleTraining:
      condition.lock()
      // Space stops training, or a long command such as a lesson's `train 1 epoch`.
      let running = wantsTraining || latest.busy != nil
      if running {
        wantsTraining = false
        stopRequested = true
      }
      condition.unlock()
      if !running { submit(.train(.untilStopped)) }
    case .stopTraining:
      condition.lock()
      wantsTraining = false
      stopRequested = true
      condition.unlock()
    case .changePace(let faster): submit(.changePace(faster: faster))
    case .scaleLearningRate(let f): submit(.scaleLearningRate(f))
    case .scaleBatch(let f): submit(.scaleBatch(f))
    case .fork: submit(.fork)
    case .classify(let pixels):
      condition.lock()
      drawInput = pixels
      condition.unlock()
      submit(.classify)
    case .stopClassifying:
      condition.lock()
      drawInput = nil
      condition.unlock()
    case .saveHistory, .quit: break
    }
  }

  /// The charts the screen shows, kept up to date while training.
  public func setWantedCharts(_ kinds: [ChartKind]) {
    condition.lock()
    if kinds != wantedCharts {
      wantedCharts = kinds
      // NB: `lastChartTime` is the worker thread's: it reads this flag and moves it.
      chartsChanged = true
      if !wantsTraining { jobs.append(.classify) }
      condition.broadcast()
    }
    condition.unlock()
  }

  /// The latest snapshot; never waits for a training step.
  public func snapshot() -> TutorSnapshot {
    condition.lock()
    defer { condition.unlock() }
    return latest
  }

  /// The latest snapshot and its generation, read together: a screen that draws the one and
  /// remembers the other never takes a newer generation for the snapshot it drew.
  public func snapshotWithGeneration() -> (snapshot: TutorSnapshot, generation: Int) {
    condition.lock()
    defer { condition.unlock() }
    return (latest, generation)
  }

  /// A number that changes whenever a new snapshot is published.
  public var snapshotGeneration: Int {
    condition.lock()
    defer { condition.unlock() }
    return generation
  }

  /// Replies that arrived since the last call.
  public func takeReplies() -> [WorkerReply] {
    condition.lock()
    defer { condition.unlock() }
    let taken = replies
    replies = []
    return taken
  }

  /// Waits up to `timeout` seconds until no job waits and the last one is done (tests, benchmarks).
  @discardableResult
  public func waitUntilIdle(timeout: Double) -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    condition.lock()
    defer { condition.unlock() }
    // NB: a job just taken off the queue has not published its busy snapshot yet: without
    // `handlingJob` this would return while it runs.
    while !jobs.isEmpty || handlingJob || latest.busy != nil {
      if !condition.wait(until: deadline) { return false }
    }
    return true
  }

  // MARK: - Shared state, from the worker's thread

  func reply(_ r: WorkerReply) {
    if heldReplies != nil {
      heldReplies?.append(r)
      return
    }
    condition.lock()
    replies.append(r)
    condition.unlock()
  }

  /// Sends the replies held back during a job.
  func releaseReplies() {
    let held = heldReplies ?? []
    heldReplies = nil
    for r in held { reply(r) }
  }

  func publish(_ snapshot: TutorSnapshot) {
    let held = heldReplies ?? []
    if heldReplies != nil { heldReplies = [] }
    condition.lock()
    // NB: the replies held back go out with the snapshot, under the same lock.
    replies += held
    latest = snapshot
    generation += 1
    condition.broadcast()
    condition.unlock()
    lastPublish = .now
  }

  /// Whether the current chunk of training or long command should end at this step boundary.
  func shouldInterrupt(ignoringJobs: Bool = false) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    return stopRequested || (!ignoringJobs && !jobs.isEmpty) || !wantsTraining
  }

  /// Waits `delay` for the pace, or less when a job arrives or training stops; returns whether
  /// the chunk should end.
  func waitForPace(_ delay: Duration) -> Bool {
    let deadline = Date(timeIntervalSinceNow: delay.seconds)
    condition.lock()
    defer { condition.unlock() }
    while jobs.isEmpty && !stopRequested && wantsTraining {
      if !condition.wait(until: deadline) { break }
    }
    return stopRequested || !jobs.isEmpty || !wantsTraining
  }

  func stopWasRequested() -> Bool {
    condition.lock()
    defer { condition.unlock() }
    return stopRequested
  }

  func setTraining(_ on: Bool, target: TrainingTarget = .untilStopped) {
    condition.lock()
    wantsTraining = on
    self.target = target
    if on { stopRequested = false }
    condition.unlock()
  }

  func readShared() -> (training: Bool, target: TrainingTarget, charts: [ChartKind], draw: [Float]?) {
    condition.lock()
    defer { condition.unlock() }
    if chartsChanged {
      chartsChanged = false
      lastChartTime = .now - .seconds(10)
    }
    return (wantsTraining, target, wantedCharts, drawInput)
  }

  private func run() {
    while true {
      condition.lock()
      if jobs.isEmpty && !wantsTraining && !shuttingDown && (latest.training || latest.busy != nil) {
        // Training has just stopped: the screen gets the state at rest, charts redrawn.
        condition.unlock()
        publish(makeSnapshot(busy: nil, refreshCharts: true))
        continue
      }
      while jobs.isEmpty && !wantsTraining && !shuttingDown { condition.wait() }
      if shuttingDown {
        condition.unlock()
        return
      }
      let job = jobs.isEmpty ? nil : jobs.removeFirst()
      if job != nil, !wantsTraining { stopRequested = false }
      handlingJob = job != nil
      condition.unlock()
      if let job {
        handle(job)
        condition.lock()
        handlingJob = false
        condition.broadcast()
        condition.unlock()
      } else {
        trainChunk()
      }
    }
  }
}
