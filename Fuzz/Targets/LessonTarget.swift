import Course

/// A lesson's Markdown text, read by the lesson parser (its checks by the check parser).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLesson(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = FuzzSupport.text(data, size)
  let (lesson, problems) = LessonParser.parse(text, file: "fuzz.md", name: "fuzz")
  for problem in problems { _ = problem.description }
  if let lesson {
    for step in lesson.steps {
      _ = step.quiz.map { q in q.choices.indices.map { q.index(ofKey: Quiz.key($0)) } }
      _ = step.task?.hints.map(\.commands)
    }
  }
  return 0
}
