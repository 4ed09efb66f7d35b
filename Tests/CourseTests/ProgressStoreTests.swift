import Foundation
import Testing

@testable import Course

@Suite struct ProgressStoreTests {
  func sample() -> CourseProgress {
    var p = CourseProgress()
    p.setStep("apartments", 3)
    p.markDone("apartments", step: 0)
    p.markDone("apartments", step: 2)
    return p
  }

  @Test func savesAndLoadsTheSameProgress() throws {
    let directory = TestSupport.temporaryDirectory() + "/nested/state"
    let store = ProgressStore(directory: directory)
    #expect(store.load().progress == CourseProgress())
    try store.save(sample())
    let (loaded, warning) = ProgressStore(directory: directory).load()
    #expect(warning == nil)
    #expect(loaded == sample())
    #expect(loaded.currentLesson == "apartments")
  }

  @Test func aCorruptFileIsKeptAsideAndTheLearnerStartsAfresh() throws {
    let directory = TestSupport.temporaryDirectory()
    let store = ProgressStore(directory: directory)
    try "{ not json".write(toFile: store.path, atomically: false, encoding: .utf8)
    let (progress, warning) = store.load()
    #expect(progress == CourseProgress())
    #expect(warning == "your progress file was unreadable; kept it as \(store.path).corrupt-1 and started afresh")
    #expect(try String(contentsOfFile: store.path + ".corrupt-1", encoding: .utf8) == "{ not json")
    #expect(!FileManager.default.fileExists(atPath: store.path))
    // A second corrupt file does not overwrite the first one kept aside.
    try "{\"version\": 7}".write(toFile: store.path, atomically: false, encoding: .utf8)
    #expect(store.load().warning?.contains(".corrupt-2") == true)
    try store.save(sample())
    #expect(store.load().progress == sample())
  }

  @Test func aCorruptFileGivesOneWarningThroughTheTutor() throws {
    let directory = TestSupport.temporaryDirectory()
    try Data([0xff, 0xfe, 0x00]).write(to: URL(fileURLWithPath: directory + "/progress.json"))
    let runner = CourseSession(
      course: Course.load(directory: TestSupport.lessons), session: TestSupport.session(),
      store: ProgressStore(directory: directory))
    let opened = runner.start()
    #expect(opened.outputs.first == .error("your progress file was unreadable; kept it as \(directory)/progress.json.corrupt-1 and started afresh"))
    #expect(opened.events == [.stepOpened(lesson: "welcome", step: 0)])
  }

  @Test func writesAreAtomicAndLeaveNoTemporaryFiles() throws {
    let directory = TestSupport.temporaryDirectory()
    let store = ProgressStore(directory: directory)
    // A writer killed before its rename leaves only a temporary file; the progress is intact.
    try store.save(sample())
    try "{ half writ".write(toFile: store.path + ".tmp-99999", atomically: false, encoding: .utf8)
    #expect(store.load().progress == sample())
    var other = sample()
    other.markDone("welcome", step: 1)
    try store.save(other)
    #expect(store.load().progress == other)
    let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    #expect(left == ["progress.json", "progress.json.lock", "progress.json.tmp-99999"])
  }

  @Test func aFailedSaveIsReportedOnceAndNeverCrashes() throws {
    let directory = TestSupport.temporaryDirectory()
    // A file where the state folder should be: the folder cannot be created.
    try "x".write(toFile: directory + "/blocked", atomically: false, encoding: .utf8)
    let runner = CourseSession(
      course: Course.load(directory: TestSupport.lessons), session: TestSupport.session(),
      store: ProgressStore(directory: directory + "/blocked/state"))
    let first = runner.start()
    #expect(first.outputs.contains { $0.isError })
    let second = runner.execute(line: "help")
    #expect(!second.outputs.contains { $0.isError })
  }

  // MARK: - Values out of range

  static let course = Course.load(directory: TestSupport.lessons)

  /// Writes `json` as the progress file of a fresh folder and loads it against the course.
  func load(_ json: String) throws -> (store: ProgressStore, progress: CourseProgress, warning: String?) {
    let store = ProgressStore(directory: TestSupport.temporaryDirectory())
    try json.write(toFile: store.path, atomically: false, encoding: .utf8)
    let (progress, warning) = store.load(course: Self.course)
    return (store, progress, warning)
  }

  func lesson(_ name: String, step: Int, done: [Int], completed: Bool = false) -> String {
    "\"\(name)\":{\"step\":\(step),\"doneSteps\":\(done),\"completed\":\(completed)}"
  }

  @Test func aHugeStepIsSetAsideAndTheRestKept() throws {
    let welcomeSteps = try #require(Self.course.lessons.first { $0.name == "welcome" }).steps.count
    let json = """
      {"version":1,"currentLesson":"welcome","lessons":{\(lesson("welcome", step: Int.max, done: [0], completed: true)),\
      \(lesson("apartments", step: 2, done: [0, 1]))}}
      """
    let (store, progress, warning) = try load(json)
    #expect(
      warning == "your progress file has values out of range (lesson welcome: step 9223372036854775807 is outside 0...\(welcomeSteps - 1), as it has \(welcomeSteps) steps); kept it as \(store.path).corrupt-1 and kept the rest")
    #expect(try String(contentsOfFile: store.path + ".corrupt-1", encoding: .utf8) == json)
    #expect(progress.lessons["welcome"] == nil)
    #expect(progress.lessons["apartments"] == CourseProgress.LessonState(step: 2, doneSteps: [0, 1]))
    // What was sound is in the file again, and loads without a warning.
    let again = ProgressStore(directory: store.directory).load(course: Self.course)
    #expect(again.warning == nil && again.progress == progress)
    // The listing and the tutor start without trapping.
    let listing = CourseListing.table(Self.course, progress, current: 0).lines().joined(separator: "\n")
    #expect(listing.contains("step 3 of"), "\(listing)")
    let runner = CourseSession(course: Self.course, session: TestSupport.session(), store: ProgressStore(directory: store.directory))
    #expect(runner.start().events.contains(.stepOpened(lesson: "welcome", step: 0)))
  }

  @Test(arguments: [
    ("negative step", "step: -5", "step -5 is outside 0...4, as it has 5 steps"),
    ("a done step twice", "done: [1, 1]", "done step 1 appears twice"),
    ("a done step past the end", "done: [5]", "done step 5 is outside 0...4, as it has 5 steps"),
    ("a negative done step", "done: [-1]", "done step -1 is outside 0...4, as it has 5 steps"),
  ])
  func outOfRangeValuesAreFound(what: String, field: String, message: String) {
    var state = CourseProgress.LessonState(step: 1, doneSteps: [0])
    if field == "step: -5" { state.step = -5 }
    if field == "done: [1, 1]" { state.doneSteps = [1, 1] }
    if field == "done: [5]" { state.doneSteps = [5] }
    if field == "done: [-1]" { state.doneSteps = [-1] }
    var p = CourseProgress()
    p.lessons["welcome"] = state
    p.lessons["apartments"] = CourseProgress.LessonState(step: 1, doneSteps: [2, 0])
    let (kept, problems) = p.validated(against: ["welcome": 5, "apartments": 8])
    #expect(problems == ["lesson welcome: \(message)"], "\(what)")
    #expect(kept.lessons["welcome"] == nil)
    #expect(kept.lessons["apartments"]?.doneSteps == [0, 2], "sound entries are kept, sorted")
  }

  @Test func lessonsOfAnotherCourseAreKeptWhenSane() throws {
    let json = """
      {"version":1,"currentLesson":"gone","lessons":{\(lesson("gone", step: 3, done: [0, 1, 2])),\(lesson("welcome", step: 1, done: [0]))}}
      """
    let (store, progress, warning) = try load(json)
    #expect(warning == nil)
    #expect(progress.lessons["gone"] == CourseProgress.LessonState(step: 3, doneSteps: [0, 1, 2]))
    try store.save(progress)
    #expect(ProgressStore(directory: store.directory).load(course: Self.course).progress.lessons["gone"] != nil)
    // …but not with numbers no lesson has.
    let (_, _, bad) = try load("{\"version\":1,\"lessons\":{\(lesson("gone", step: 10_000_000, done: []))}}")
    #expect(bad?.contains("lesson gone: step 10000000 is outside 0...9999") == true, "\(bad ?? "")")
  }

  @Test func theListingNeverShowsNumbersOutsideTheLesson() throws {
    let welcome = try #require(Self.course.lessons.first { $0.name == "welcome" })
    let n = welcome.steps.count
    let describe = { (s: CourseProgress.LessonState) in CourseListing.describe(s, welcome, isCurrent: true) }
    #expect(describe(.init(step: -5, doneSteps: [])) == "step 1 of \(n), 0 done")
    #expect(describe(.init(step: 2, doneSteps: [1, 1, 1, 1, 1, 1, 1, 1])) == "step 3 of \(n), 1 done")
    #expect(describe(.init(step: Int.max, doneSteps: [0], completed: true)) == "done, redoing: step \(n) of \(n)")
  }

  @Test func aHugeFileIsNotRead() throws {
    let store = ProgressStore(directory: TestSupport.temporaryDirectory())
    try Data(count: ProgressStore.maximumBytes + 1).write(to: URL(fileURLWithPath: store.path))
    let (progress, warning) = store.load(course: Self.course)
    #expect(progress == CourseProgress())
    #expect(warning?.contains("larger than any progress file") == true, "\(warning ?? "")")
  }

  // MARK: - Two writers

  @Test func twoSessionsKeepEachOthersSteps() throws {
    let directory = TestSupport.temporaryDirectory()
    let a = ProgressStore(directory: directory)
    let b = ProgressStore(directory: directory)
    var pa = a.load(course: Self.course).progress
    var pb = b.load(course: Self.course).progress
    // A finishes step 1 of the first lesson while B opens the second.
    pa.setStep("welcome", 1)
    pa.markDone("welcome", step: 0)
    pa = try a.save(pa)
    pb.setStep("what-is-a-model", 0)
    pb = try b.save(pb)
    #expect(pb.lessons["welcome"] == CourseProgress.LessonState(step: 1, doneSteps: [0]))
    #expect(pb.currentLesson == "what-is-a-model", "the later saver's lesson is the current one")
    // A goes on; B's lesson stays.
    pa.markDone("welcome", step: 1)
    pa = try a.save(pa)
    let final = ProgressStore(directory: directory).load(course: Self.course).progress
    #expect(final.lessons["welcome"] == CourseProgress.LessonState(step: 1, doneSteps: [0, 1]))
    #expect(final.lessons["what-is-a-model"] != nil)
    #expect(final.currentLesson == "welcome")
  }

  @Test func redoingALessonKeepsItsStepsCleared() throws {
    let directory = TestSupport.temporaryDirectory()
    let a = ProgressStore(directory: directory)
    var p = a.load(course: Self.course).progress
    p.lessons["welcome"] = .init(step: 4, doneSteps: [0, 1, 2, 3, 4], completed: true)
    p = try a.save(p)
    p.lessons["welcome"] = .init(step: 0, doneSteps: [], completed: true)
    p = try a.save(p)
    #expect(p.lessons["welcome"] == .init(step: 0, doneSteps: [], completed: true))
  }

  @Test func threadsSavingAtOnceLoseNothing() throws {
    let directory = TestSupport.temporaryDirectory()
    let lessons = Self.course.lessons.prefix(6).map { ($0.name, $0.steps.count) }
    DispatchQueue.concurrentPerform(iterations: lessons.count) { i in
      let (name, steps) = lessons[i]
      let store = ProgressStore(directory: directory)
      var p = store.load(course: Self.course).progress
      for step in 0..<steps {
        p.setStep(name, step)
        p.markDone(name, step: step)
        p = (try? store.save(p)) ?? p
      }
    }
    let final = ProgressStore(directory: directory).load(course: Self.course)
    #expect(final.warning == nil)
    for (name, steps) in lessons {
      #expect(final.progress.lessons[name]?.doneSteps == Array(0..<steps), "\(name)")
    }
  }
}
