import Foundation
import Testing

/// `mltutor data`: listing, describing and fetching data sets from the command line.
@Suite struct DataCommandTests {
  @Test func listShowsEveryNamedSetAndWhetherItIsThere() throws {
    let home = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let run = try Binary.run(["data", "list"], environment: ["XDG_DATA_HOME": home.path])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = run.stdout.split(separator: "\n").map(String.init)
    #expect(rows.first?.hasPrefix("NAME") == true)
    func row(_ name: String) -> String? { rows.first { $0.hasPrefix(name + " ") } }
    #expect(row("mnist-5k")?.hasSuffix("yes") == true, "\(rows)")
    #expect(row("mnist-5k")?.contains("4,000 + 1,000") == true, "\(rows)")
    #expect(row("mnist")?.contains("no: run `mltutor data fetch mnist`") == true, "\(rows)")
    for name in ["apartments", "poly", "xor", "moons", "circles", "spiral"] {
      #expect(row(name)?.hasSuffix("yes") == true, "\(name) in \(rows)")
    }
  }

  @Test func infoDescribesTheEmbeddedDigits() throws {
    let run = try Binary.run(["data", "info", "mnist-5k"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("4,000 train + 1,000 test"), "\(run.stdout)")
    #expect(run.stdout.contains("train per class  400 400 400 400 400 400 400 400 400 400"))
  }

  @Test func infoNamesTheApartmentOutliers() throws {
    let run = try Binary.run(["data", "info", "apartments"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("outliers"), "\(run.stdout)")
  }

  @Test func unknownSetIsOneLine() throws {
    let run = try Binary.run(["data", "info", "nosuch"])
    #expect(run.status == 1)
    #expect(run.stderr == "mltutor: nosuch: no such data set; there are mnist-5k, mnist, fashion, apartments, poly, xor, moons, circles, spiral, cat, idx:IMAGES,LABELS, csv:FILE:COLUMN\n")
  }

  @Test func fetchWithoutANetworkSaysSoInOneLine() throws {
    let home = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    // Port 9 (discard) has no server here: the connection is refused at once.
    let run = try Binary.run(
      ["data", "fetch", "mnist", "--url", "http://127.0.0.1:9/"],
      environment: ["XDG_DATA_HOME": home.path])
    #expect(run.status == 1)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(run.stderr)")
    #expect(run.stderr.contains("no network"), "\(run.stderr)")
    // Nothing half-written is left behind.
    let mnist = home.appendingPathComponent("mltutor/mnist").path
    let left = (try? FileManager.default.contentsOfDirectory(atPath: mnist)) ?? []
    #expect(left.isEmpty, "\(left)")
  }
}
