import Charts
import Course
import Datasets
import Foundation
import Tutor

/// `mltutor` full screen: the lesson, live charts, a status line and a command line.
///
/// The app's thread owns the curses screen and the `TutorState`; a `SessionWorker` owns the
/// session on its own thread. Each turn of the loop reads input (waiting at most one frame),
/// applies it to the state, hands the effects to the worker, takes the worker's replies and
/// draws the latest snapshot: about 30 frames a second, never waiting for a training step.
public enum TutorApp {
  public struct Options: Sendable {
    public var lessonsDirectory: String
    /// A lesson to open (name or number); nil resumes.
    public var lesson: String?
    public var forceASCII = false
    /// Unicode even in a locale that is not UTF-8.
    public var forceUnicode = false
    /// The history file shared with `mltutor repl`; nil for none.
    public var historyPath: String?
    /// Where progress is saved; nil keeps it in memory.
    public var progressDirectory: String?
    public var locations: DataLocations
    public var environment: [String: String]

    public init(
      lessonsDirectory: String, lesson: String? = nil, forceASCII: Bool = false,
      historyPath: String? = nil, progressDirectory: String? = nil, locations: DataLocations,
      environment: [String: String] = ProcessInfo.processInfo.environment, forceUnicode: Bool = false
    ) {
      self.forceUnicode = forceUnicode
      self.lessonsDirectory = lessonsDirectory
      self.lesson = lesson
      self.forceASCII = forceASCII
      self.historyPath = historyPath
      self.progressDirectory = progressDirectory
      self.locations = locations
      self.environment = environment
    }
  }

  public enum Outcome: Equatable, Sendable {
    case finished
    /// Ended by a signal (its number), such as SIGTERM or SIGHUP; the terminal is restored,
    /// and `end(by:)` ends the process by it.
    case interrupted(by: Int32)
    /// No usable terminal, and why (for a one-line explanation).
    case noTerminal(String)
  }

  static let frame = Duration.milliseconds(33)

  /// Runs the tutor until the learner quits; the terminal is restored on every way out.
  public static func run(_ options: Options) -> Outcome {
    TerminalRestore.begin()
    let screen: CursesScreen
    do {
      screen = try CursesScreen(
        forceASCII: options.forceASCII, forceUnicode: options.forceUnicode, environment: options.environment)
    } catch {
      TerminalRestore.restore()
      TerminalRestore.end()
      return .noTerminal(error.reason)
    }
    let session = Session(locations: options.locations)
    session.challengeStore = ChallengeStore(directory: options.progressDirectory)
    let course = CourseSession(
      course: Course.load(directory: options.lessonsDirectory),
      session: session,
      store: options.progressDirectory.map { ProgressStore(directory: $0) })
    course.chartStyle = ChartStyle(glyphs: screen.style.glyphs, color: false)
    let worker = SessionWorker(course: course)
    worker.start()
    worker.open(lesson: options.lesson)
    let history = options.historyPath.map(HistoryFile.load) ?? []
    let completion = Completion.standard(extraCommands: CourseSession.commandNames)
    var state = TutorState(width: screen.width, height: screen.height, history: history, completion: completion)
    state.asciiText = screen.style.glyphs == .ascii
    var signal = loop(&state, screen: screen, worker: worker, historyPath: options.historyPath)
    // NB: the screen goes first, so that a signal cannot find it up while the worker stops.
    screen.close()
    worker.shutdown()
    if signal == 0 { signal = TerminalRestore.takeSignal() }
    return signal == 0 ? .finished : .interrupted(by: signal)
  }

  /// Ends the process by `signal` once the tutor has put the terminal back.
  public static func end(by signal: Int32) -> Never {
    TerminalRestore.restore()
    TerminalRestore.die(by: signal)
  }

  /// Reads keys and draws until the learner quits (0) or a stop signal arrives (its number).
  static func loop(
    _ state: inout TutorState, screen: CursesScreen, worker: SessionWorker, historyPath: String?
  ) -> Int32 {
    let clock = ContinuousClock()
    var lastDraw = clock.now - frame
    // Lines of this editor already in the history file.
    var saved = 0
    var drawn: (TutorState, Int)?
    while true {
      let signal = TerminalRestore.takeSignal()
      if signal != 0 { return signal }
      let wait = max(1, Int32(((lastDraw + frame) - clock.now).seconds * 1000))
      var quit = false
      let read = screen.read(timeout: wait)
      // NB: a terminal that has gone away ends the tutor as its hang-up signal would.
      if read == nil && screen.hungUp { return SIGHUP }
      if let event = read {
        var pending: InputEvent? = event
        // Take every key already typed before drawing again.
        while let e = pending {
          let effects = state.apply(e, snapshot: worker.snapshot())
          for effect in effects {
            switch effect {
            case .quit: quit = true
            case .saveHistory:
              let fresh = min(state.editor.appended - saved, state.editor.history.count)
              if let historyPath, fresh > 0 {
                HistoryFile.append(Array(state.editor.history.suffix(fresh)), to: historyPath)
              }
              saved = state.editor.appended
            default: worker.perform(effect)
            }
          }
          if quit { break }
          pending = screen.read(timeout: 0)
        }
      }
      if quit { return 0 }
      for reply in worker.takeReplies() {
        state.receive(reply.outputs, openedStep: reply.openedStep)
        if let message = reply.message {
          state.message = message
          state.messageWhileTraining = reply.messageWhileTraining
        }
      }
      let now = clock.now
      guard now - lastDraw >= frame else { continue }
      lastDraw = now
      if let resize = screen.pollResize() { _ = state.apply(resize, snapshot: worker.snapshot()) }
      // NB: the snapshot and its generation are read together. Reading the generation after
      // the snapshot could pair an older snapshot with a newer generation, and at rest, where
      // nothing more is published, leave that older screen up ("Drawing…", a stale ▶).
      let (snapshot, generation) = worker.snapshotWithGeneration()
      worker.setWantedCharts(state.visibleCharts(snapshot))
      if let d = drawn, d.0 == state, d.1 == generation { continue }
      screen.draw(TutorScreen.render(state, snapshot, style: screen.style), cursor: TutorScreen.cursor(state))
      drawn = (state, generation)
    }
  }
}

extension Duration {
  var milliseconds: Double { seconds * 1000 }
}
