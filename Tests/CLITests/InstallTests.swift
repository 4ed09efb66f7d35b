import Foundation
import Testing

/// `make install` under a temporary prefix, the installed mltutor run from elsewhere with a
/// clean environment, and `make uninstall`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["MLTUTOR_SANITIZER"] == nil, "relinks the release build"))
struct InstallTests {
  static let installed = [
    "bin/mltutor", "share/bash-completion/completions/mltutor", "share/fish/vendor_completions.d/mltutor.fish",
    "share/man/man1/mltutor.1", "share/mltutor/Lessons/01-welcome.md",
    "share/mltutor/Lessons/data/mnist-5k-train-images-idx3-ubyte.gz", "share/mltutor/installed",
    "share/zsh/site-functions/_mltutor",
  ]

  @Test func installRunFromElsewhereAndUninstall() throws {
    let bin = try StaticBinary.made.get()
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let prefix = dir.appendingPathComponent("prefix")
    let home = dir.appendingPathComponent("home")
    let elsewhere = dir.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    // A folder that is there before the install is left by the uninstall.
    try FileManager.default.createDirectory(
      at: prefix.appendingPathComponent("share/man"), withIntermediateDirectories: true)

    let install = try Binary.runProgram(
      "/usr/bin/env", ["make", "-s", "-C", Binary.packageRoot.path, "install", "BIN=\(bin)", "PREFIX=\(prefix.path)"])
    #expect(install.status == 0, "\(install.stderr)")
    let files = filesUnder(prefix)
    for expected in Self.installed {
      #expect(files.contains(expected), "\(expected) in \(files)")
    }
    #expect(files.count == Self.installed.count - 2 + lessonFiles().count, "\(files)")

    let environment = [
      "HOME": home.path, "XDG_STATE_HOME": home.path + "/state", "XDG_DATA_HOME": home.path + "/data",
      "XDG_CONFIG_HOME": home.path + "/config", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
    ]
    let mltutor = prefix.appendingPathComponent("bin/mltutor").path
    let lessons = try runClean(mltutor, ["lessons", "list"], environment: environment, directory: elsewhere)
    #expect(lessons.status == 0, "\(lessons.stderr)")
    #expect(lessons.stdout.contains("Welcome"), "\(lessons.stdout)")
    #expect(lessons.stdout.split(separator: "\n").count >= 9, "\(lessons.stdout)")
    let train = try runClean(
      mltutor, ["train", "--data", "mnist-5k", "--model", "784-10", "--lr", "0.1", "--epochs", "1", "--json"],
      environment: environment, directory: elsewhere)
    #expect(train.status == 0, "\(train.stderr)")
    let epochs = try jsonLines(train.stdout)
    #expect(epochs.count == 1 && (epochs.first?["test_accuracy"] as? Double ?? 0) > 0.75, "\(train.stdout)")
    let doctor = try runClean(mltutor, ["doctor"], environment: environment, directory: elsewhere)
    #expect(doctor.status == 0, "\(doctor.stderr)")
    for expected in [
      "lessons: \(prefix.path)/share/mltutor/Lessons",
      "data mnist-5k: present in \(prefix.path)/share/mltutor/Lessons/data",
      "downloads: \(home.path)/data/mltutor", "progress: \(home.path)/state/mltutor/progress.json",
    ] {
      #expect(doctor.stdout.contains(expected), "\(expected) in:\n\(doctor.stdout)")
    }
    let manual = try String(contentsOf: prefix.appendingPathComponent("share/man/man1/mltutor.1"), encoding: .utf8)
    let version = try runClean(mltutor, ["--version"], environment: environment, directory: elsewhere)
    #expect(manual.hasPrefix(".TH MLTUTOR 1 \"\" \"mltutor \(version.stdout.trimmingCharacters(in: .newlines))\""))
    #expect(manual.contains(".SS \"mltutor train\""))
    let bash = try String(
      contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/mltutor"), encoding: .utf8)
    #expect(bash.contains("complete") && bash.contains("doctor"))
    let fish = try String(
      contentsOf: prefix.appendingPathComponent("share/fish/vendor_completions.d/mltutor.fish"), encoding: .utf8)
    #expect(fish.contains("complete -c 'mltutor'"))

    let uninstall = try Binary.runProgram(
      "/usr/bin/env", ["make", "-s", "-C", Binary.packageRoot.path, "uninstall", "PREFIX=\(prefix.path)"])
    #expect(uninstall.status == 0, "\(uninstall.stderr)")
    #expect(filesUnder(prefix).isEmpty, "\(filesUnder(prefix))")
    let left = (FileManager.default.subpaths(atPath: prefix.path) ?? []).sorted()
    #expect(left == ["share", "share/man"], "\(left)")
  }

  @Test func uninstallWithNothingInstalledSaysSo() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try Binary.runProgram(
      "/usr/bin/env", ["make", "-s", "-C", Binary.packageRoot.path, "uninstall", "PREFIX=\(dir.path)"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("uninstall: no mltutor installed under \(dir.path)"), "\(run.stderr)")
  }

  func lessonFiles() -> [String] {
    filesUnder(Binary.packageRoot.appendingPathComponent("Lessons"))
  }
}
