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
    #expect(left == ["progress.json", "progress.json.tmp-99999"])
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
}
