import Foundation
import Testing
import Tutor

/// Personal bests are kept in the state folder as carefully as the progress: merged with
/// another mltutor's, checked field by field, a bad file set aside.
@Suite struct ChallengeStoreTests {
  let learner = SessionTests()

  func folder() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mltutor-bests-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  func session(_ dir: String) -> Session {
    let s = learner.session()
    s.challengeStore = ChallengeStore(directory: dir)
    return s
  }

  func lastLine(_ outputs: [Output]) -> String { learner.text(outputs).split(separator: "\n").last.map(String.init) ?? "" }

  @Test func bestsPersistAndTwoSessionsMerge() {
    let dir = folder()
    let a = session(dir)
    let b = session(dir)
    #expect(b.challengeStore.current().bests.isEmpty)
    learner.run(a, ["challenge valley", "set lr 0.08", "step 5"])
    #expect(lastLine(a.execute(line: "submit")).hasSuffix("5 steps (goal at most 20 steps); your first pass"))
    // B read the file before A saved: its worse result does not replace A's best.
    learner.run(b, ["challenge valley", "set lr 0.07", "step 7"])
    #expect(lastLine(b.execute(line: "submit")).hasSuffix("; your best stays 5 steps"))
    learner.run(b, ["challenge xor", "model 2-2-2 activation=tanh", "set optimizer momentum", "set lr 0.1", "train 100 epochs"])
    #expect(lastLine(b.execute(line: "submit")).hasSuffix("; your first pass"))
    // A later session sees both.
    let c = session(dir).challengeStore.current()
    #expect(c.bests["valley"] == ChallengeRecords.Best(score: 5, how: "sgd, lr 0.08"))
    #expect(c.bests["xor"]?.how.hasPrefix("2-2-2, momentum, lr 0.1") == true)
    // An equal result leaves the best as it was.
    learner.run(a, ["challenge valley", "set lr 0.09", "step 5"])
    #expect(lastLine(a.execute(line: "submit")).hasSuffix("; your best stays 5 steps"))
  }

  @Test func aValueOutOfRangeIsSetAsideAndTheRestKept() throws {
    let dir = folder()
    let path = dir + "/challenges.json"
    try Data("""
      {"version": 1, "bests": {"digits": {"score": 1.5, "how": "784-16-10"}, "valley": {"score": 5, "how": "sgd, lr 0.08"}}}
      """.utf8).write(to: URL(fileURLWithPath: path))
    let s = session(dir)
    let out = s.execute(line: "challenges")
    #expect(out.first == .error("your challenge bests file has values out of range (challenge digits: accuracy 1.5 is above 1); kept it as \(path).corrupt-1 and kept the rest"))
    #expect(s.challengeStore.current().bests.keys.sorted() == ["valley"])
    #expect(FileManager.default.fileExists(atPath: path + ".corrupt-1"))
    #expect(session(dir).challengeStore.current().bests.keys.sorted() == ["valley"], "the sound part was saved")
  }

  @Test func anUnreadableFileIsSetAsideAndStartsAfresh() throws {
    let dir = folder()
    let path = dir + "/challenges.json"
    try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
    let s = session(dir)
    #expect(s.execute(line: "challenges").first == .error("your challenge bests file was unreadable; kept it as \(path).corrupt-1 and started afresh"))
    learner.run(s, ["challenge valley", "set lr 0.08", "step 5", "submit"])
    #expect(session(dir).challengeStore.current().bests["valley"]?.score == 5)
  }

  @Test func validationChecksEachField() {
    var r = ChallengeRecords()
    r.bests["valley"] = .init(score: 2.5, how: "sgd")
    r.bests["spiral"] = .init(score: .nan, how: "x")
    r.bests["sine"] = .init(score: 0.05, how: "line\u{1B}[2J")
    r.bests["someday"] = .init(score: 3, how: "a challenge of a later version")
    let (kept, problems) = r.validated()
    #expect(kept.bests.keys.sorted() == ["someday"])
    #expect(problems == [
      "challenge sine: its description is longer than 200 characters or holds control characters",
      "challenge spiral: score nan is not a finite number of 0 or more",
      "challenge valley: 2.5 is not a whole number of steps",
    ])
  }
}
