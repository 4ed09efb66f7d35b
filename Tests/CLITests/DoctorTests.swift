import Foundation
import Testing

/// `mltutor doctor` and `mltutor --version`: what runs here, where files are kept, and what the
/// terminal can show.
@Suite struct DoctorTests {
  func doctor(_ environment: [String: String]) throws -> [String] {
    let base = ["LC_ALL": "", "LC_CTYPE": "", "NO_COLOR": "", "MLTUTOR_LESSONS": ""]
    let run = try Binary.run(["doctor"], environment: base.merging(environment) { $1 })
    #expect(run.status == 0, "\(run.stderr)")
    return run.stdout.split(separator: "\n").map(String.init)
  }

  @Test func versionIsOneLineAndTheDoctorSaysIt() throws {
    let version = try Binary.run(["--version"])
    #expect(version.status == 0)
    let number = version.stdout.trimmingCharacters(in: .newlines)
    #expect(number.split(separator: ".").count == 3 && number.allSatisfy { $0.isNumber || $0 == "." }, "\(number)")
    #expect(try doctor([:]).first == "version: mltutor \(number)")
  }

  @Test func foldersFollowTheXDGVariables() throws {
    let lines = try doctor(["XDG_STATE_HOME": "/srv/state", "XDG_DATA_HOME": "/srv/data", "HOME": "/home/ada"])
    for expected in [
      "progress: /srv/state/mltutor/progress.json", "history: /srv/state/mltutor/history",
      "downloads: /srv/data/mltutor",
      "data mnist-5k: present in \(Binary.packageRoot.path)/Lessons/data",
      "data mnist: absent: run `mltutor data fetch mnist`",
    ] {
      #expect(lines.contains(expected), "\(expected) in \(lines)")
    }
    let relative = try doctor(["XDG_STATE_HOME": "state", "XDG_DATA_HOME": "", "HOME": "/home/ada"])
    #expect(relative.contains("progress: /home/ada/.local/state/mltutor/progress.json"), "\(relative)")
    #expect(relative.contains("downloads: /home/ada/.local/share/mltutor"), "\(relative)")
  }

  @Test func terminalColoursAndUTF8() throws {
    let known = try doctor(["TERM": "xterm-256color", "LANG": "C"])
    #expect(known.suffix(2) == [
      "terminal: TERM=xterm-256color, 256 colours; colour off (standard output is not a terminal)",
      "UTF-8: no (LANG=C): charts drawn with ASCII (--unicode overrides)",
    ])
    let unknown = try doctor(["TERM": "no-such-terminal", "LANG": "", "LC_CTYPE": "en_GB.UTF-8"])
    #expect(unknown.suffix(2) == [
      "terminal: TERM=no-such-terminal, which terminfo does not know; colour off (standard output is not a terminal)",
      "UTF-8: yes (LC_CTYPE=en_GB.UTF-8): charts drawn with Unicode",
    ])
    let dumb = try doctor(["TERM": "dumb", "LANG": "C.UTF-8"])
    #expect(dumb.suffix(2).first == "terminal: TERM=dumb, no colours; colour off (standard output is not a terminal)")
  }
}
