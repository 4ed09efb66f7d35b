import Engine
import Foundation
import Testing

/// The scripts under `Tests/Scripts` run through `mltutor repl < NAME.mlt`, their standard
/// output, standard error and exit status compared with `NAME.out`, `NAME.err` (absent when
/// nothing is expected there) and exit status 1 exactly when `NAME.err` exists.
///
/// `MLTUTOR_RECORD=1 swift test --filter ScriptTests` rewrites the expected files from what
/// the binary prints; read the diff before committing it. Scripts named `*-ascii.mlt` run
/// without a UTF-8 locale, the others with `C.UTF-8`.
@Suite struct ScriptTests {
  static let directory = Binary.packageRoot.appendingPathComponent("Tests/Scripts")

  static var scripts: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".mlt") }.map { String($0.dropLast(4)) }.sorted()
  }

  static var recording: Bool { ProcessInfo.processInfo.environment["MLTUTOR_RECORD"] == "1" }

  @Test func thereAreScripts() {
    #expect(Self.scripts.count >= 12, "\(Self.scripts)")
  }

  @Test(arguments: scripts)
  func script(_ name: String) throws {
    let run = try Self.run(name)
    let outURL = Self.directory.appendingPathComponent(name + ".out")
    let errURL = Self.directory.appendingPathComponent(name + ".err")
    if Self.recording {
      try Data(run.stdout.utf8).write(to: outURL)
      if run.stderr.isEmpty {
        try? FileManager.default.removeItem(at: errURL)
      } else {
        try Data(run.stderr.utf8).write(to: errURL)
      }
    }
    let expectedOut = try String(contentsOf: outURL, encoding: .utf8)
    let expectedErr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    #expect(run.stdout == expectedOut, "\(name).out differs:\n\(firstDifference(run.stdout, expectedOut))")
    #expect(run.stderr == expectedErr, "\(name).err differs:\n\(firstDifference(run.stderr, expectedErr))")
    #expect(run.status == (expectedErr.isEmpty ? 0 : 1), "\(name): exit status \(run.status)")
    if name.hasSuffix("-ascii") {
      let strange = (run.stdout + run.stderr).unicodeScalars.filter { !$0.isASCII }
      #expect(strange.isEmpty, "\(name) prints non-ASCII without a UTF-8 locale: \(String(String.UnicodeScalarView(strange)))")
    }
  }

  /// Runs the script `name` as a learner's shell would, with `environment` added.
  static func run(_ name: String, environment extra: [String: String] = [:]) throws -> Binary.Run {
    let work = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: work) }
    let locale = name.hasSuffix("-ascii") ? "C" : "C.UTF-8"
    // NB: where the checkout lies is no part of what a script prints (`show data` names the
    // files it read): it reads as <root>.
    var run = try Binary.run(
      ["repl"],
      environment: [
        "LC_ALL": locale, "LANG": locale, "NO_COLOR": "", "TERM": "xterm-256color",
        "XDG_STATE_HOME": work.path, "COLUMNS": "132",
      ].merging(extra) { $1 },
      directory: work, input: Self.directory.appendingPathComponent(name + ".mlt"))
    run.stdout = run.stdout.replacingOccurrences(of: Binary.packageRoot.path, with: "<root>")
    return run
  }

  /// Every kernel path this machine has, at 1, 2, 3 and 5 threads.
  static var pathsAndThreads: [String] {
    KernelPath.available.flatMap { path in [1, 2, 3, 5].map { "\(path.rawValue) \($0)" } }
  }

  /// The recorded outputs hold on every kernel path and at every thread count, byte for byte:
  /// they are what any machine prints.
  @Test(arguments: pathsAndThreads)
  func scriptsPrintTheSameOnEveryPathAndThreadCount(_ setting: String) throws {
    let parts = setting.split(separator: " ").map(String.init)
    let environment = ["MLTUTOR_KERNELS": parts[0], "MLTUTOR_THREADS": parts[1]]
    for name in Self.scripts {
      let run = try Self.run(name, environment: environment)
      let expectedOut = try String(
        contentsOf: Self.directory.appendingPathComponent(name + ".out"), encoding: .utf8)
      let expectedErr =
        (try? String(contentsOf: Self.directory.appendingPathComponent(name + ".err"), encoding: .utf8)) ?? ""
      #expect(run.stdout == expectedOut, "\(name) (\(setting)):\n\(firstDifference(run.stdout, expectedOut))")
      #expect(run.stderr == expectedErr, "\(name) (\(setting)):\n\(firstDifference(run.stderr, expectedErr))")
    }
  }

  @Test func anUnknownOrMissingKernelPathIsRefusedInOneLine() throws {
    let unknown = try Binary.run(["train", "--data", "xor", "--epochs", "1"], environment: ["MLTUTOR_KERNELS": "sse9"])
    #expect(unknown.status == 1)
    #expect(unknown.stderr == "mltutor: MLTUTOR_KERNELS=sse9 is not a kernel path (use one of portable, avx2, avx512)\n")
    #expect(unknown.stdout.isEmpty)
    for path in KernelPath.allCases where !path.isAvailable {
      let missing = try Binary.run(["repl"], environment: ["MLTUTOR_KERNELS": path.rawValue])
      #expect(missing.status == 1)
      #expect(missing.stderr.hasPrefix("mltutor: MLTUTOR_KERNELS=\(path.rawValue): this CPU cannot run"))
    }
    let threads = try Binary.run(["doctor"], environment: ["MLTUTOR_THREADS": "0"])
    #expect(threads.status == 1)
    #expect(threads.stderr == "mltutor: MLTUTOR_THREADS=0 is not a thread count (use a whole number from 1 to 256)\n")
  }

  @Test func aScriptFileRunsLikeStandardInput() throws {
    let script = Self.directory.appendingPathComponent("help.mlt")
    let fromFile = try Binary.run(["repl", script.path], environment: ["LC_ALL": "C.UTF-8"])
    let fromInput = try Binary.run(["repl"], environment: ["LC_ALL": "C.UTF-8"], input: script)
    #expect(fromFile.stdout == fromInput.stdout)
    #expect(fromFile.stderr == fromInput.stderr)
    #expect(fromFile.status == fromInput.status)
  }

  @Test func aMissingScriptIsOneLine() throws {
    let run = try Binary.run(["repl", "/nonexistent/experiment.mlt"])
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr == "mltutor: cannot read /nonexistent/experiment.mlt: no such file\n")
  }

  @Test func scriptsPrintNoEscapeCodes() throws {
    let script = Self.directory.appendingPathComponent("plots-ascii.mlt")
    let run = try Binary.run(["repl"], environment: ["LC_ALL": "C.UTF-8", "TERM": "xterm-256color"], input: script)
    #expect(!run.stdout.contains("\u{1B}"))
    #expect(run.stdout.contains("⣀") || run.stdout.contains("•"), "Unicode charts in a UTF-8 locale")
  }
}

/// The first line where two texts differ, both versions shown.
func firstDifference(_ actual: String, _ expected: String) -> String {
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  for i in 0..<max(a.count, e.count) {
    let x = i < a.count ? String(a[i]) : "<end>"
    let y = i < e.count ? String(e[i]) : "<end>"
    if x != y { return "line \(i + 1):\n  got      \(x)\n  expected \(y)" }
  }
  return "(same lines)"
}
