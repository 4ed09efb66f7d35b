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

// 1–2. Throughput: the session's own `train` (what `mltutor repl`, scripts and `mltutor train`
// run) against the same inside the tutor: the worker's background training while the screen's
// thread reads snapshots and renders 120×40 frames at 30 Hz. This machine's speed drifts by
// ±30 % within a minute, so the two alternate in short bouts (5 epochs each, 21 rounds, each
// side carrying on training its own model) and the median of the rounds' ratios is reported.
let epochsPerBout = 5
let rounds = 21
let examples = Double(epochsPerBout * 4000)
var state = TutorState(width: 120, height: 40)
state.receive([.text((1...40).map { "Lesson text line \($0), long enough to be wrapped once or twice in the pane." })])

let direct = Session(locations: locations)
for line in setup { _ = direct.execute(line: line) }
let worker = makeWorker()

@MainActor func directBout() -> Double {
  let start = clock.now
  _ = direct.execute(line: "train \(epochsPerBout) epochs")
  return examples / (ms(clock.now - start) / 1000)
}

@MainActor func tutorBout() -> Double {
  let start = clock.now
  let stepsBefore = worker.snapshot().steps
  worker.perform(.run("train \(epochsPerBout) epochs"))
  var lastFrame = clock.now - .seconds(1)
  while true {
    let snap = worker.snapshot()
    if clock.now - lastFrame >= .milliseconds(33) {
      lastFrame = clock.now
      worker.setWantedCharts(state.visibleCharts(snap))
      _ = TutorScreen.render(state, snap, style: .unicode)
    }
    if !snap.training && snap.busy == nil && snap.steps > stepsBefore { break }
    Thread.sleep(forTimeInterval: 0.001)
  }
  return examples / (ms(clock.now - start) / 1000)
}

var directRates: [Double] = []
var tutorRates: [Double] = []
for _ in 0..<rounds {
  directRates.append(directBout())
  tutorRates.append(tutorBout())
}
let directRate = median(directRates)
let tutorRate = median(tutorRates)
let pairedRatio = median(zip(tutorRates, directRates).map { $0 / $1 })

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

// 5. Rewinds (`rewind N`, the tutor's `u`) after a minute of training with Adam, whose
// checkpoints are the largest (weights and two moments): the time each takes and the steps it
// replays from the nearest checkpoint. Each goes further back than the one before.
let rewound = Session(locations: locations)
for line in setup + ["set optimizer adam", "set lr 0.001"] { _ = rewound.execute(line: line) }
let trainStart = clock.now
while ms(clock.now - trainStart) < 60_000 { _ = rewound.execute(line: "train 200 steps") }
let trained = (rewound.run?.trainer.steps ?? 0, rewound.run?.rewinder.checkpointSteps.count ?? 0,
  (rewound.run?.rewinder.checkpointBytes ?? 0) / 1_000_000, rewound.run?.rewinder.stepSeconds ?? 0)
var rewinds: [String] = []
for count in [1, 1, 10, 100, 1_000, 3_000, 10_000] {
  guard let run = rewound.run, run.trainer.steps > count else { break }
  let target = run.trainer.steps - count
  let from = run.rewinder.checkpointSteps.last { $0 <= target } ?? 0
  let t = clock.now
  _ = rewound.execute(line: "rewind \(count)")
  rewinds.append("\(count): \(fmt(ms(clock.now - t), 0)) ms (\(target - from) steps)")
}

func fmt(_ x: Double, _ d: Int = 2) -> String { String(format: "%.\(d)f", x) }
print("tutor benchmarks (MNIST-5k, 784-128-64-10, sgd lr 0.05, batch 32)")
print("  full 120×40 frame render, median of 200:      \(fmt(median(renders), 3)) ms (max \(fmt(renders.max() ?? 0, 3)) ms), loss chart of \(snap.steps) steps")
print("  training, session `train \(epochsPerBout) epochs`, median of \(rounds): \(fmt(directRate, 0)) examples/s (range \(fmt(directRates.min()!, 0))–\(fmt(directRates.max()!, 0)))")
print("  the same inside the tutor, 30 fps rendering:   \(fmt(tutorRate, 0)) examples/s (range \(fmt(tutorRates.min()!, 0))–\(fmt(tutorRates.max()!, 0)))")
print("  tutor / session: \(fmt(100 * pairedRatio, 1)) % (median of the rounds' ratios; median / median \(fmt(100 * tutorRate / directRate, 1)) %)")
print("  key while training → screen drawn:            \(fmt(median(keyToScreen), 3)) ms median")
print("  key while training → new lr in the snapshot:  \(fmt(median(answers))) ms median, \(fmt(answers.max() ?? 0)) ms max")
print("  rewinds after \(trained.0) steps of Adam (\(fmt(trained.3 * 1000, 2)) ms a step, \(trained.1) checkpoints, \(trained.2) MB):")
print("    " + rewinds.joined(separator: "; "))

// NB: OpenBLAS, called from two threads here, can hang in its exit handler: leave directly.
fflush(nil)
_exit(0)
