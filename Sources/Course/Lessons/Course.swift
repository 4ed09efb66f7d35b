import Foundation

/// The lessons of a folder, in file-name order (`01-welcome.md`, `02-what-is-a-model.md`…),
/// with the problems found while reading them.
///
/// `README.md` and files not ending in `.md` are not lessons.
public struct Course: Sendable {
  public let directory: String
  public let lessons: [Lesson]
  /// Problems found while reading: a missing folder, an unreadable file, a malformed lesson.
  public let problems: [LessonProblem]

  public init(directory: String, lessons: [Lesson], problems: [LessonProblem] = []) {
    self.directory = directory
    self.lessons = lessons
    self.problems = problems
  }

  /// Reads every lesson of `directory`; never throws: what goes wrong is in `problems`.
  public static func load(directory: String) -> Course {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      return Course(directory: directory, lessons: [], problems: [LessonProblem(file: directory, line: 0, "no such folder")])
    }
    let names: [String]
    do {
      names = try fm.contentsOfDirectory(atPath: directory)
    } catch {
      return Course(directory: directory, lessons: [], problems: [LessonProblem(file: directory, line: 0, "cannot list the folder")])
    }
    var lessons: [Lesson] = []
    var problems: [LessonProblem] = []
    var seen: [String: String] = [:]
    for fileName in names.sorted() where fileName.hasSuffix(".md") && fileName != "README.md" {
      let path = directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
      guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        problems.append(LessonProblem(file: path, line: 0, "cannot read the file as UTF-8 text"))
        continue
      }
      let name = Lesson.name(forFile: fileName)
      if let other = seen[name] {
        problems.append(LessonProblem(file: path, line: 0, "a second lesson called \(name) (the first is \(other))"))
        continue
      }
      seen[name] = path
      let (lesson, found) = LessonParser.parse(text, file: path, name: name)
      problems += found
      if let lesson { lessons.append(lesson) }
    }
    if lessons.isEmpty && problems.isEmpty {
      problems.append(LessonProblem(file: directory, line: 0, "no lessons here: a lesson is a .md file"))
    }
    return Course(directory: directory, lessons: lessons, problems: problems)
  }

  /// The lesson a learner means by `word`: its number (1-based), its name, or a unique prefix
  /// of its name.
  public func lessonIndex(_ word: String) -> Int? {
    if let n = Int(word) { return n >= 1 && n <= lessons.count ? n - 1 : nil }
    let w = word.lowercased()
    if let exact = lessons.firstIndex(where: { $0.name == w }) { return exact }
    let matches = lessons.indices.filter { lessons[$0].name.hasPrefix(w) }
    return matches.count == 1 ? matches[0] : nil
  }
}
