/// One lesson of the course, read from a Markdown file: a title, a goal and its steps.
public struct Lesson: Sendable {
  /// The file name without its number and extension: `03-apartments.md` → `apartments`.
  public let name: String
  /// The path the lesson was read from, as given.
  public let file: String
  public let title: String
  /// What the learner will be able to do afterwards, in one sentence.
  public let goal: String
  public let steps: [LessonStep]
  /// Commands that set the state the lesson starts from, run quietly after the settings are
  /// made fresh whenever the lesson is entered (`setup: set optimizer adam`).
  public let setup: [SetupCommand]

  public init(name: String, file: String, title: String, goal: String, steps: [LessonStep], setup: [SetupCommand] = []) {
    self.name = name
    self.file = file
    self.title = title
    self.goal = goal
    self.steps = steps
    self.setup = setup
  }

  /// The lesson name a file stands for: leading digits and a `-` or `_` after them go, and so
  /// does the `.md`.
  public static func name(forFile fileName: String) -> String {
    var stem = Substring(fileName)
    if stem.hasSuffix(".md") { stem = stem.dropLast(3) }
    let digits = stem.prefix { $0.isNumber }
    if !digits.isEmpty {
      stem = stem.dropFirst(digits.count)
      if stem.first == "-" || stem.first == "_" { stem = stem.dropFirst() }
    }
    return String(stem)
  }
}
