import Engine
import Foundation
import Testing

/// Saving: temporary files that any name fits, that a later save cleans up after a writer was
/// killed, and refusals before anything is written where nothing should be.
@Suite struct AtomicFileTests {
  static func folder() throws -> String {
    let path = Fixtures.temporaryPath("folder")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func names(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  /// The pid of a process that has exited.
  static func deadProcess() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  @Test func theLongestNameTheFolderTakesCanBeSaved() throws {
    let folder = try Self.folder()
    let name = String(repeating: "m", count: 251) + ".mlt"
    try AtomicFile.write([1, 2, 3], to: folder + "/" + name)
    #expect(try Self.names(folder) == [name])
    #expect(try AtomicFile.read(folder + "/" + name).get() == [1, 2, 3])
  }

  @Test func leftoversOfKilledWritersAreRemoved() throws {
    let folder = try Self.folder()
    // What a writer killed before its rename leaves: its temporary file, named for its pid.
    let dead = ".mlt-\(try Self.deadProcess())-k1lled"
    let alive = ".mlt-\(getpid())-active"
    let other = ".mlt-notes"
    for name in [dead, alive, other] {
      #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(count: 1000)))
    }
    try AtomicFile.write([1], to: folder + "/model.mlt")
    #expect(try Self.names(folder) == [alive, other, "model.mlt"].sorted(), "only the dead writer's file goes")
  }

  @Test func aFolderIsNeverATarget() throws {
    let folder = try Self.folder()
    #expect(throws: AtomicFile.FileError(
      path: folder, reason: "is a folder: give a file name, such as \(folder)/model.mlt")
    ) { try AtomicFile.write([1], to: folder) }
    #expect(throws: AtomicFile.FileError(
      path: folder + "/missing/x.mlt", reason: "the folder \(folder)/missing does not exist")
    ) { try AtomicFile.write([1], to: folder + "/missing/x.mlt") }
    #expect(throws: AtomicFile.FileError(
      path: "/dev/null", reason: "is not a regular file (a device or a pipe): give another name")
    ) { try AtomicFile.write([1], to: "/dev/null") }
    #expect(try Self.names(folder).isEmpty, "nothing was left behind")
  }

  @Test func readingIsBoundedForDevices() throws {
    let zero = AtomicFile.read("/dev/zero", limit: 1000, what: "a script")
    #expect(zero == .failure(AtomicFile.FileError(path: "/dev/zero", reason: "gives more than 1000 bytes, too large for a script")))
    let folder = try Self.folder()
    #expect(AtomicFile.read(folder) == .failure(AtomicFile.FileError(path: folder, reason: "is a folder, not a file")))
    try AtomicFile.write(Array(repeating: 1, count: 2000), to: folder + "/big")
    #expect(AtomicFile.read(folder + "/big", limit: 1000, what: "a script") == .failure(
      AtomicFile.FileError(path: folder + "/big", reason: "is 2.0 KB, too large for a script")))
  }
}
