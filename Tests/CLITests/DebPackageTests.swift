import Foundation
import Testing

/// `make deb` builds a Debian package: the install layout under /usr, and a control file that
/// names the packages of the libraries mltutor needs.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["MLTUTOR_SANITIZER"] == nil, "relinks the release build"))
struct DebPackageTests {
  @Test func packageLayoutAndControlFields() throws {
    let bin = try StaticBinary.made.get()
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let build = try Binary.runProgram(
      "/usr/bin/env", ["make", "-s", "-C", Binary.packageRoot.path, "deb", "BIN=\(bin)", "DEB_DIR=\(dir.path)"],
      environment: ["DEB_COMPRESSION": "none"])
    #expect(build.status == 0, "\(build.stderr)")
    let deb = build.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let version = try Binary.runProgram(bin, ["--version"]).stdout.trimmingCharacters(in: .newlines)
    #expect(deb.hasSuffix("/mltutor_\(version)_amd64.deb") || deb.hasSuffix("_arm64.deb"), "\(deb)")

    let control = try Binary.runProgram("/usr/bin/dpkg-deb", ["--field", deb])
    #expect(control.status == 0, "\(control.stderr)")
    let fields = Dictionary(
      control.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
        guard !line.hasPrefix(" "), let colon = line.firstIndex(of: ":") else { return nil }
        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
      }, uniquingKeysWith: { a, _ in a })
    #expect(fields["Package"] == "mltutor")
    #expect(fields["Version"] == version)
    #expect(fields["Section"] == "education")
    #expect(Int(fields["Installed-Size"] ?? "") ?? 0 > 1000)
    let depends = (fields["Depends"] ?? "").split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
    }
    for package in ["libc6", "libedit2", "libncursesw6", "zlib1g"] {
      #expect(depends.contains(package), "\(package) in \(depends)")
    }
    #expect(!depends.contains { $0.contains("swift") }, "\(depends)")
    #expect(fields["Depends"]?.contains("libc6 (>= ") == true, "\(fields["Depends"] ?? "")")

    let contents = try Binary.runProgram("/usr/bin/dpkg-deb", ["--contents", deb])
    #expect(contents.status == 0, "\(contents.stderr)")
    let paths = contents.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }
    for expected in [
      "./usr/bin/mltutor", "./usr/share/man/man1/mltutor.1.gz", "./usr/share/bash-completion/completions/mltutor",
      "./usr/share/zsh/vendor-completions/_mltutor", "./usr/share/fish/vendor_completions.d/mltutor.fish",
      "./usr/share/mltutor/Lessons/06-mnist.md", "./usr/share/mltutor/Lessons/data/mnist-5k-test-labels-idx1-ubyte.gz",
    ] {
      #expect(paths.contains(expected), "\(expected) in the package")
    }
    #expect(!paths.contains { $0.hasPrefix("./usr/local") || $0.hasSuffix("/installed") })
    #expect(contents.stdout.contains("drwxr-xr-x root/root         0 "))
    #expect(!contents.stdout.contains("drwx------"))

    // Unpacked anywhere, the package's mltutor finds its course beside it.
    let unpacked = dir.appendingPathComponent("unpacked")
    let extract = try Binary.runProgram("/usr/bin/dpkg-deb", ["-x", deb, unpacked.path])
    #expect(extract.status == 0, "\(extract.stderr)")
    let lessons = try runClean(
      unpacked.appendingPathComponent("usr/bin/mltutor").path, ["lessons", "list"],
      environment: ["HOME": dir.path, "PATH": "/usr/bin:/bin"], directory: dir)
    #expect(lessons.status == 0, "\(lessons.stderr)")
    #expect(lessons.stdout.contains("what-is-a-model"), "\(lessons.stdout)")
  }

  @Test func aBinaryThatNeedsTheToolchainsRuntimeIsRefused() throws {
    guard let bin = Binary.path else { throw Binary.MissingBinary() }
    let needs = try Binary.runProgram("/usr/bin/readelf", ["-d", bin])
    try #require(needs.stdout.contains("libswiftCore.so"), "the test build links the Swift runtime dynamically")
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let build = try Binary.runProgram(
      "/usr/bin/env", ["make", "-s", "-C", Binary.packageRoot.path, "deb", "BIN=\(bin)", "DEB_DIR=\(dir.path)"])
    #expect(build.status != 0)
    #expect(build.stderr.contains("needs libswiftCore.so ("), "\(build.stderr)")
    #expect(build.stderr.contains("which no Debian package provides"), "\(build.stderr)")
    #expect(filesUnder(dir).isEmpty)
  }

  @Test func theStaticBinaryNeedsOnlyDebianLibraries() throws {
    let bin = try StaticBinary.made.get()
    let needs = try Binary.runProgram("/usr/bin/readelf", ["-d", bin])
    let libraries = needs.stdout.split(separator: "\n").filter { $0.contains("(NEEDED)") }
    #expect(!libraries.isEmpty)
    #expect(!libraries.contains { $0.contains("swift") || $0.contains("Foundation") || $0.contains("dispatch") }, "\(libraries)")
  }
}
