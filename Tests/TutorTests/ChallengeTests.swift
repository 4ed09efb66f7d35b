import Foundation
import Testing
import Tutor

/// Every challenge is solved through commands by a known solution, and refused when a limit
/// is broken or the bound is missed.
@Suite struct ChallengeTests {
  let learner = SessionTests()

  /// The one line `submit` answers, after `lines`.
  func submit(_ s: Session, after lines: [String]) -> String {
    learner.run(s, lines)
    let out = s.execute(line: "submit")
    #expect(out.count == 1, "one line: \(out)")
    if case .text(let l)? = out.first, l.count == 1 { return l[0] }
    return learner.text(out)
  }

  func passes(_ name: String, _ lines: [String]) {
    let s = learner.session()
    let line = submit(s, after: ["challenge \(name)"] + lines)
    #expect(line.hasPrefix("passed: ") && line.hasSuffix("; your first pass"), "\(line)")
    #expect(s.challengeStore.current().bests[name] != nil)
  }

  func refuses(_ name: String, _ lines: [String], saying expected: String) {
    let s = learner.session()
    let line = submit(s, after: ["challenge \(name)"] + lines)
    #expect(line.hasPrefix("not passed: ") && line.contains(expected), "\(line)")
    #expect(s.challengeStore.current().bests[name] == nil)
  }

  @Test func digitsIsSolvedByASmallNetworkWithAdam() {
    passes("digits", ["model 784-16-10", "set optimizer adam", "set lr 0.002", "train 3 epochs"])
  }

  @Test func digitsRefusesTooManyParametersAndTheStartingModel() {
    refuses("digits", ["model 784-64-10"], saying: "784-64-10 has 50,890 parameters; the limit is 50,000")
    refuses("digits", ["train 3 epochs"], saying: "the goal is at least 90.0%")
  }

  @Test func sineIsSolvedByFourTanhUnits() {
    passes("sine", ["model 1-4-1 activation=tanh", "set optimizer adam", "set lr 0.02", "train 300 epochs"])
  }

  @Test func sineRefusesMoreUnitsAndALine() {
    refuses("sine", ["model 1-8-1 activation=tanh"], saying: "1-8-1 has 8 hidden units; the limit is 4")
    refuses("sine", ["model 1-2-2-1", "model linear", "train 300 epochs"], saying: "the goal is at most 0.07")
  }

  @Test func spiralIsSolvedByFourTanhUnits() {
    passes("spiral", ["model 2-4-3 activation=tanh", "set optimizer adam", "set lr 0.05", "train 200 epochs"])
  }

  @Test func spiralRefusesAWideModelAndALinearOne() {
    refuses("spiral", ["model 2-5-3 activation=tanh"], saying: "2-5-3 has 33 parameters; the limit is 30")
    refuses("spiral", ["train 100 epochs"], saying: "the goal is at least 95.0%")
  }

  @Test func valleyIsReachedInFiveStepsWithTheRightLearningRate() {
    passes("valley", ["set lr 0.08", "step 5"])
  }

  @Test func valleyRefusesTheShallowValleyAnotherStartAndAFlyBy() {
    refuses("valley", ["step 20"], saying: "after 20 steps the ball is at x = 1.3")
    refuses("valley", ["set x 0", "set lr 0.08", "step 5"], saying: "the ball started at x = 0, not 2.4")
    refuses("valley", ["set lr 0.1043", "step 1"], saying: "not resting")
  }

  @Test func xorIsSolvedByTwoTanhUnitsWithMomentum() {
    passes("xor", ["model 2-2-2 activation=tanh", "set optimizer momentum", "set lr 0.1", "train 100 epochs"])
  }

  @Test func xorRefusesThreeUnitsAndALine() {
    refuses("xor", ["model 2-3-2"], saying: "2-3-2 has 3 hidden units; the limit is 2")
    refuses("xor", ["train 100 epochs"], saying: "the goal is at least 94.0%")
  }

  @Test func moonsIsSolvedInAHundredStepsWithAdam() {
    passes("moons", ["model 2-16-2", "set optimizer adam", "set lr 0.1", "train 100 steps"])
  }

  @Test func moonsRefusesAStepTooManyAndTheStartingSettings() {
    refuses("moons", ["model 2-16-2", "train 101 steps"], saying: "this run has trained 101 steps; the limit is 100")
    refuses("moons", ["model 2-16-2", "train 100 steps"], saying: "the goal is at least 97.0%")
  }

  @Test func otherDataCannotBeSubmitted() {
    let s = learner.session()
    learner.run(s, ["challenge xor", "data xor", "model 2-2-2"])
    #expect(learner.text(s.execute(line: "submit")).hasPrefix("error: the data is no longer the challenge's"))
    let fresh = learner.session()
    #expect(learner.text(fresh.execute(line: "submit")).hasPrefix("error: no challenge started"))
  }

  @Test func aBadNameGetsOneLine() {
    let s = learner.session()
    #expect(learner.text(s.execute(line: "challenge digit")) == "error: no challenge 'digit': did you mean `challenge digits`? the challenges are digits, sine, spiral, valley, xor, moons")
    #expect(learner.text(s.execute(line: "challenge")) == "error: which challenge? `challenges` lists them; usage: challenge NAME")
    #expect(learner.text(s.execute(line: "submit now")) == "error: submit takes no arguments; usage: submit")
  }

  @Test func theListShowsGoalsLimitsAndBests() {
    let s = learner.session()
    learner.run(s, ["challenge valley", "set lr 0.08", "step 5", "submit"])
    #expect(learner.text(s.execute(line: "challenges")) == """
      challenge  goal                             limits                      your best
      digits     accuracy at least 90.0%          at most 50,000 parameters   not yet
      sine       squared error at most 0.07       at most 4 hidden units      not yet
      spiral     accuracy at least 95.0%          at most 30 parameters       not yet
      valley     deep valley in at most 20 steps  start at x = 2.4            5 steps
      xor        accuracy at least 94.0%          at most 2 hidden units      not yet
      moons      accuracy at least 97.0%          at most 100 training steps  not yet
      `challenge NAME` starts one; `submit` judges your model on examples it never trained on.
      """)
    #expect(learner.text(s.execute(line: "challenge valley")).contains("\n  your best so far: 5 steps (sgd, lr 0.08)\n"))
  }
}
