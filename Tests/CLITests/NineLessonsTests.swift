import Course
import Foundation
import Testing

/// The whole course in the full-screen tutor at a real terminal, at 80×24 and at 100×30 at the
/// same time (a tmux server and a state folder each): every lesson played by its hints and
/// answers. After each step: the step passed, the status line names the data, the model, the
/// step, the loss and the test accuracy (or test loss) where they exist, no chart shows another
/// step than the status line or other data, and no word of the lesson pane is cut at its edge.
///
/// `MLTUTOR_E2E_LESSONS=3,4` plays only those lessons; `MLTUTOR_E2E_SIZES=80x24` only that
/// size; `MLTUTOR_E2E_CHARTS=0` skips the walk through every chart with Tab.
struct NineLessonsTests {
  struct Size: CustomTestStringConvertible, Sendable {
    let width: Int
    let height: Int
    var testDescription: String { "\(width)×\(height)" }
  }

  static let environment = ProcessInfo.processInfo.environment

  static let sizes: [Size] = {
    let all = [Size(width: 80, height: 24), Size(width: 100, height: 30)]
    guard let wanted = environment["MLTUTOR_E2E_SIZES"], !wanted.isEmpty else { return all }
    return wanted.split(separator: ",").compactMap { item in
      let parts = item.lowercased().split(separator: "x").compactMap { Int($0) }
      return parts.count == 2 ? Size(width: parts[0], height: parts[1]) : nil
    }
  }()

  /// How long the whole course may take at one size: about three minutes on an idle machine,
  /// several times that on a loaded one.
  static let courseSeconds = 900.0

  static let course = Course.load(directory: Binary.packageRoot.appendingPathComponent("Lessons").path)

  /// The lessons to play, 1-based: `MLTUTOR_E2E_LESSONS`, else all of them.
  static var lessonNumbers: [Int] {
    let all = Array(1...course.lessons.count)
    guard let wanted = environment["MLTUTOR_E2E_LESSONS"], !wanted.isEmpty else { return all }
    return wanted.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
      .filter(all.contains)
  }

  /// The product's words: those of the course, the README and the sources, for telling a word
  /// that ends at the pane's edge from one cut there.
  static let vocabulary: Set<String> = {
    var words = Set<String>()
    let root = Binary.packageRoot
    let folders = ["Lessons", "Sources"].map { root.appendingPathComponent($0) }
    var files = [root.appendingPathComponent("README.md")]
    for folder in folders {
      let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        if ["md", "swift"].contains(url.pathExtension) { files.append(url) }
      }
    }
    for file in files {
      if let text = try? String(contentsOf: file, encoding: .utf8) { words.formUnion(TutorScreenText.words(text)) }
    }
    return words
  }()

  // NB: not under a sanitizer, where the course takes several times as long; the other
  // tests of the full-screen tutor run there.
  @Test(
    .enabled(if: TmuxTerminal.tmux != nil, "tmux is not installed (make test-deps installs it)"),
    .enabled(if: environment["MLTUTOR_SANITIZER"] == nil, "the course is too long under a sanitizer"),
    arguments: sizes)
  func everyLessonByItsHints(_ size: Size) throws {
    guard let tmux = TmuxTerminal.tmux, let binary = Binary.path else { throw Binary.MissingBinary() }
    let lessons = Self.course.lessons
    try #require(lessons.count == 9, "the course has \(lessons.count) lessons")
    let state = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let pane = TmuxTerminal(tmux: tmux, session: "tutor")
    defer { pane.stop() }
    let command =
      "env XDG_STATE_HOME='\(state.path)' LANG=C.UTF-8 LC_ALL=C.UTF-8 NCURSES_NO_UTF8_ACS=1 TERM=xterm-256color '\(binary)'; echo \"[exit $?]\"; sleep 60"
    _ = try pane.run(["new-session", "-d", "-s", "tutor", "-x", "\(size.width)", "-y", "\(size.height)", command])
    try pane.wait("the first step") { $0.contains("welcome 1/") }

    let player = LessonPlayer(
      pane: pane, width: size.width, height: size.height, vocabulary: Self.vocabulary,
      visitsEveryChart: Self.environment["MLTUTOR_E2E_CHARTS"] != "0",
      deadline: Date().addingTimeInterval(Self.courseSeconds))
    let began = Date()
    for number in Self.lessonNumbers {
      let lessonBegan = Date()
      try player.play(lessons[number - 1], number: number)
      print("[\(size.testDescription)] lesson \(number) played in \(Int(Date().timeIntervalSince(lessonBegan))) s")
    }
    print("[\(size.testDescription)] lessons \(Self.lessonNumbers) played in \(Int(Date().timeIntervalSince(began))) s")

    for finding in player.findings {
      let problems = finding.problems.map { "  - " + $0 }.joined(separator: "\n")
      print("[\(size.testDescription)] \(finding.place): " + finding.problems.joined(separator: " | "))
      Issue.record("\(finding.place) at \(size.testDescription):\n\(problems)\nthe screen:\n\(finding.screen)")
    }
    try pane.keys("q")
    if try pane.poll(seconds: 5, until: { $0.contains("Quit anyway?") }).met { try pane.keys("y") }
    try pane.wait("the exit") { $0.contains("[exit 0]") }
  }
}
