import Foundation
import Testing

@testable import Course

/// Review fields in the progress file: read, written, checked field by field and merged.
@Suite struct ReviewProgressTests {
  static let hash = "0507eaff5671ea94"

  func withReviews() -> CourseProgress {
    var p = CourseProgress()
    p.lessons["welcome"] = .init(step: 4, doneSteps: [0, 1, 2, 3, 4], completed: true, completedAt: 1_796_119_200)
    p.recordReview(lesson: "welcome", step: "Questions", quiz: Self.hash, ReviewAnswer(time: 1_796_205_600, correct: true))
    return p
  }

  @Test func reviewsAreSavedAndReadBack() throws {
    let store = ProgressStore(directory: TestSupport.temporaryDirectory())
    try store.save(withReviews())
    let text = try String(contentsOfFile: store.path, encoding: .utf8)
    #expect(text.contains("\"completedAt\" : 1796119200"))
    #expect(text.contains("\"quiz\" : \"0507eaff5671ea94\""))
    let (loaded, warning) = ProgressStore(directory: store.directory).load()
    #expect(warning == nil)
    #expect(loaded == withReviews())
  }

  @Test func aFileWithoutReviewsReadsAndWritesAsBefore() throws {
    let old = #"{"version":1,"currentLesson":"welcome","lessons":{"welcome":{"step":1,"doneSteps":[0],"completed":false}}}"#
    let progress = try JSONDecoder().decode(CourseProgress.self, from: Data(old.utf8))
    #expect(progress.reviews.isEmpty && progress.state("welcome").completedAt == nil)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let written = String(decoding: try encoder.encode(progress), as: UTF8.self)
    #expect(written == #"{"currentLesson":"welcome","lessons":{"welcome":{"completed":false,"doneSteps":[0],"step":1}},"version":1}"#)
  }

  @Test func badReviewFieldsAreLeftOutWithAReasonAndTheRestKept() {
    func problems(_ review: QuizReview) -> [String] {
      var p = withReviews()
      p.reviews.append(review)
      let (kept, found) = p.validated(against: ["welcome": 5])
      #expect(kept.reviews == withReviews().reviews)
      return found
    }
    let good = [ReviewAnswer(time: 1, correct: true)]
    #expect(problems(QuizReview(lesson: "welcome", step: "Questions", quiz: "XYZ", answers: good))
      == [#"review of welcome, step "Questions": quiz hash "XYZ" is not 16 hexadecimal digits"#])
    #expect(problems(QuizReview(lesson: "welcome", step: "Other", quiz: "0507EAFF5671EA94", answers: good))
      == [#"review of welcome, step "Other": quiz hash "0507EAFF5671EA94" is not 16 hexadecimal digits"#])
    #expect(problems(QuizReview(lesson: "welcome", step: "Other", quiz: Self.hash, answers: [ReviewAnswer(time: -5, correct: true)]))
      == [#"review of welcome, step "Other": answer time -5 is outside 0...253402300799 (seconds since 1970)"#])
    #expect(problems(QuizReview(lesson: "", step: "Other", quiz: Self.hash, answers: good))
      == [#"review of a lesson without a name, step "Other": the lesson name is empty or longer than 1000 characters"#])
    #expect(problems(QuizReview(lesson: "welcome", step: "", quiz: Self.hash, answers: good))
      == [#"review of welcome, step "": the step title is empty or longer than 1000 characters"#])
    let many = (0..<21).map { ReviewAnswer(time: $0, correct: true) }
    #expect(problems(QuizReview(lesson: "welcome", step: "Other", quiz: Self.hash, answers: many))
      == [#"review of welcome, step "Other": 21 answers, more than the 20 kept"#])
    #expect(problems(QuizReview(lesson: "welcome", step: "Questions", quiz: Self.hash, answers: good))
      == [#"review of welcome, step "Questions": the quiz appears twice"#])
  }

  @Test func aBadCompletionTimeLeavesTheLessonOut() {
    var p = withReviews()
    p.lessons["welcome"]?.completedAt = Int.max
    let (kept, problems) = p.validated(against: ["welcome": 5])
    #expect(kept.lessons["welcome"] == nil)
    #expect(problems == ["lesson welcome: completion time \(Int.max) is outside 0...253402300799 (seconds since 1970)"])
  }

  @Test func aFileWithBadReviewsIsKeptAsideAndTheSoundPartLoads() throws {
    let directory = TestSupport.temporaryDirectory()
    let store = ProgressStore(directory: directory)
    try """
      {"version":1,"lessons":{"welcome":{"step":0,"doneSteps":[],"completed":true,"completedAt":1796119200}},
       "reviews":[{"lesson":"welcome","step":"Questions","quiz":"0507eaff5671ea94","answers":[{"time":"soon","correct":true}]}]}
      """.write(toFile: store.path, atomically: true, encoding: .utf8)
    // A time that is not a number makes the file unreadable as a whole.
    #expect(store.load().warning?.hasPrefix("your progress file was unreadable") == true)
    try """
      {"version":1,"lessons":{"welcome":{"step":0,"doneSteps":[],"completed":true,"completedAt":1796119200}},
       "reviews":[{"lesson":"welcome","step":"Questions","quiz":"nothex","answers":[]}]}
      """.write(toFile: store.path, atomically: true, encoding: .utf8)
    let (progress, warning) = store.load()
    #expect(warning == "your progress file has values out of range (review of welcome, step \"Questions\": quiz hash \"nothex\" is not 16 hexadecimal digits); kept it as \(store.path).corrupt-2 and kept the rest")
    #expect(progress.state("welcome").completedAt == 1_796_119_200 && progress.reviews.isEmpty)
  }

  @Test func mergingKeepsBothProcessesAnswersAndTheEarlierCompletion() {
    let base = withReviews()
    var mine = base
    mine.recordReview(lesson: "welcome", step: "Questions", quiz: Self.hash, ReviewAnswer(time: 1_796_500_000, correct: false))
    var disk = base
    disk.lessons["welcome"]?.completedAt = 1_796_000_000
    disk.recordReview(lesson: "welcome", step: "Questions", quiz: Self.hash, ReviewAnswer(time: 1_796_400_000, correct: true))
    disk.recordReview(lesson: "apartments", step: "Residuals", quiz: Self.hash, ReviewAnswer(time: 1_796_400_000, correct: true))
    let merged = mine.merged(base: base, disk: disk)
    #expect(merged.state("welcome").completedAt == 1_796_000_000)
    #expect(merged.reviewAnswers(lesson: "welcome", step: "Questions", quiz: Self.hash).map(\.time) == [1_796_205_600, 1_796_400_000, 1_796_500_000])
    #expect(merged.reviewAnswers(lesson: "apartments", step: "Residuals", quiz: Self.hash).count == 1)
  }
}
