import Charts
import Course
import Datasets
import Foundation
import TerminalUI
import Tutor

// Figures for the full-screen tutor (run from the repository root, release build):
// a full 120×40 frame, training throughput inside the tutor against the session's own `train`
// with the same settings, and how fast a key is answered while training runs.

let clock = ContinuousClock()
let locations = DataLocations(embedded: "Lessons/data", userData: NSTemporaryDirectory())
let setup = ["data mnist-5k", "model 784-128-64-10", "set lr 0.05", "set batch 32"]

func ms(_ d: Duration) -> Double {
  let c = d.components
  return (Double(c.seconds) + Double(c.attoseconds) * 1e-18) * 1000
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

func makeWorker() -> SessionWorker {
  let course = CourseSession(course: Course(directory: "none", lessons: []), session: Session(locations: locations), store: nil)
  let worker = SessionWorker(course: course)
  worker.start()
  for line in setup { worker.perform(.run(line)) }
  worker.waitUntilIdle(timeout: 60)
  return worker
}

// 1. Session's own `train 2 epochs` (what `mltutor repl` and scripts use).
let direct = Session(locations: locations)
for line in setup { _ = direct.execute(line: line) }
var start = clock.now
_ = direct.execute(line: "train 20 epochs")
let directSeconds = ms(clock.now - start) / 1000
let examples = Double(20 * 4000)
let directRate = examples / directSeconds

// 2. The same inside the tutor: the worker's background training, the screen's thread
// reading snapshots and rendering 120×40 frames at 30 Hz meanwhile.
let worker = makeWorker()
var state = TutorState(width: 120, height: 40)
state.receive([.text((1...40).map { "Lesson text line \($0), long enough to be wrapped once or twice in the pane." })])
start = clock.now
worker.perform(.run("train 20 epochs"))
var frames = 0
var lastFrame = clock.now - .seconds(1)
while true {
  let snap = worker.snapshot()
  if clock.now - lastFrame >= .milliseconds(33) {
    lastFrame = clock.now
    worker.setWantedCharts(state.visibleCharts(snap))
    _ = TutorScreen.render(state, snap, style: .unicode)
    frames += 1
  }
  if !snap.training && snap.steps > 0 && frames > 3 { break }
  Thread.sleep(forTimeInterval: 0.002)
}
let tutorSeconds = ms(clock.now - start) / 1000
let tutorRate = examples / tutorSeconds

// 3. A full 120×40 frame from a live snapshot (loss chart with ~250 steps + probabilities).
let snap = worker.snapshot()
var renders: [Double] = []
for _ in 0..<200 {
  let t = clock.now
  _ = TutorScreen.render(state, snap, style: .unicode)
  renders.append(ms(clock.now - t))
}

// 4. Key answer while training: `]` until the snapshot shows the new learning rate.
worker.perform(.toggleTraining)
Thread.sleep(forTimeInterval: 0.5)
var answers: [Double] = []
var keyToScreen: [Double] = []
for i in 0..<20 {
  let before = worker.snapshot().hyper?.learningRate ?? 0
  let t = clock.now
  // The screen's part: apply the key and draw the next frame.
  var s = state
  let effects = s.apply(.character(i % 2 == 0 ? "]" : "["), snapshot: worker.snapshot())
  _ = TutorScreen.render(s, worker.snapshot(), style: .unicode)
  keyToScreen.append(ms(clock.now - t))
  for e in effects { worker.perform(e) }
  while worker.snapshot().hyper?.learningRate == before { Thread.sleep(forTimeInterval: 0.0005) }
  answers.append(ms(clock.now - t))
  Thread.sleep(forTimeInterval: 0.1)
}
worker.perform(.toggleTraining)
worker.shutdown()

func fmt(_ x: Double, _ d: Int = 2) -> String { String(format: "%.\(d)f", x) }
print("tutor benchmarks (MNIST-5k, 784-128-64-10, sgd lr 0.05, batch 32)")
print("  full 120×40 frame render, median of 200:      \(fmt(median(renders), 3)) ms (max \(fmt(renders.max() ?? 0, 3)) ms)")
print("  training, session `train 20 epochs`:          \(fmt(directRate, 0)) examples/s (\(fmt(directSeconds)) s)")
print("  training inside the tutor, 30 fps rendering:  \(fmt(tutorRate, 0)) examples/s (\(fmt(tutorSeconds)) s, \(frames) frames) = \(fmt(100 * tutorRate / directRate, 1)) %")
print("  key while training → screen drawn:            \(fmt(median(keyToScreen), 3)) ms median")
print("  key while training → new lr in the snapshot:  \(fmt(median(answers))) ms median, \(fmt(answers.max() ?? 0)) ms max")

// NB: OpenBLAS, called from two threads here, can hang in its exit handler: leave directly.
fflush(nil)
_exit(0)
