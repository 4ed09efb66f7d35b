import Course
import Foundation
import Tutor

/// A progress file, read by the progress store against the course (set aside when it is
/// unusable), then listed and merged with another session's progress.
///
/// NB: saving is left out: it syncs the file to disk, a hundred times slower than the rest.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProgress(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let path = FuzzSupport.file(data, size, name: "progress.json")
  let store = ProgressStore(directory: (path as NSString).deletingLastPathComponent)
  let (progress, _) = store.load(course: ProgressCourse.course)
  _ = CourseListing.table(ProgressCourse.course, progress, current: 0).lines()
  var mine = progress
  mine.setStep("welcome", 1)
  mine.markDone("welcome", step: 0)
  let merged = mine.merged(base: CourseProgress(), disk: progress)
  precondition(merged.validated(against: CourseProgress.stepCounts(ProgressCourse.course)).problems.isEmpty,
    "merging two sound progress states gave an unsound one")
  return 0
}

enum ProgressCourse {
  static let course = Course.load(directory: FuzzSupport.root + "/Lessons")
}
