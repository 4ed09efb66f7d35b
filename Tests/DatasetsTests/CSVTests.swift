import Datasets
import Engine
import Testing

@Suite struct CSVTests {
  let table = """
    surface,rooms,price
    30,1,180
    45,2,240
    60,2,300
    75,3,360
    90,3,420
    105,4,480
    120,4,540
    135,5,600
    150,5,660
    165,6,720

    """

  @Test func regressionWithStandardisedFeatures() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("flats.csv", text: table)
    let d = try DatasetCatalog.load("csv:\(path):price", options: ["test": "0.2"], locations: locations())
    #expect(d.task == .regression)
    #expect(d.featureNames == ["surface", "rooms"])
    #expect(d.targetName == "price")
    #expect(d.train.count == 8 && d.test.count == 2)
    // Train features are z-scores: mean 0, population deviation 1.
    let f = floats(d.train)
    for c in 0..<2 {
      let column = stride(from: c, to: f.count, by: 2).map { Double(f[$0]) }
      let mean = column.reduce(0, +) / Double(column.count)
      let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(column.count)
      #expect(abs(mean) < 1e-5)
      #expect(abs(variance - 1) < 1e-4)
    }
    // The test split is scaled with the training statistics: undo it and find the raw rows.
    let raw = try #require(d.standardizer).invert(floats(d.test))
    for r in 0..<2 {
      let surface = raw[2 * r]
      #expect(abs(surface - surface.rounded()) < 1e-3)
      #expect(abs(targetValues(d.test)[r] - (60 + 4 * surface)) < 1e-2)
    }
  }

  @Test func scaleNoneKeepsRawValues() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("flats.csv", text: table)
    let d = try DatasetCatalog.load(
      "csv:\(path):price", options: ["scale": "none", "test": "0"], locations: locations())
    #expect(floats(d.train).prefix(4) == [30, 1, 45, 2])
    #expect(d.standardizer == nil)
  }

  @Test func smallWholeNumbersAreClassesAndTaskOverrides() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("flats.csv", text: table)
    let d = try DatasetCatalog.load("csv:\(path):rooms", options: ["test": "0.3"], locations: locations())
    #expect(d.task == .classification)
    #expect(d.classNames == ["0", "1", "2", "3", "4", "5", "6"])
    let r = try DatasetCatalog.load(
      "csv:\(path):rooms", options: ["task": "regression"], locations: locations())
    #expect(r.task == .regression)
  }

  @Test func textTargetsAreClassNames() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    var text = "a,b,kind\n"
    for i in 0..<20 { text += "\(i),\(i * i),\(i % 2 == 0 ? "even" : "\"odd, really\"")\n" }
    let path = try tmp.write("kinds.csv", text: text)
    let d = try DatasetCatalog.load("csv:\(path):kind", options: ["test": "0.5"], locations: locations())
    #expect(d.classNames == ["even", "odd, really"])
    #expect(classLabels(d.train).filter { $0 == 0 }.count == 5)
    #expect(classLabels(d.test).filter { $0 == 1 }.count == 5)
  }

  @Test func missingColumnListsTheColumns() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("flats.csv", text: table)
    let error = datasetError { try DatasetCatalog.load("csv:\(path):prize", locations: locations()) }
    #expect(
      error?.description
        == "\(path): no column named \"prize\"; the columns are \"surface\", \"rooms\", \"price\"")
  }

  @Test func nonNumericCellGivesLineAndColumn() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("bad.csv", text: "surface,rooms,price\n30,1,180\n45,two,240\n")
    let error = datasetError { try DatasetCatalog.load("csv:\(path):price", locations: locations()) }
    #expect(error?.description == "\(path):3:4: \"two\" is not a number (column \"rooms\")")
    let empty = try tmp.write("empty-cell.csv", text: "x,y\n1,2\n3,\n")
    let error2 = datasetError { try DatasetCatalog.load("csv:\(empty):x", locations: locations()) }
    #expect(error2?.description == "\(empty):3:3: empty cell is not a number (column \"y\")")
  }

  @Test func mixedTargetIsAnErrorAtTheTextCell() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("mixed.csv", text: "x,y\n1,2.5\n2,n/a\n3,4\n")
    let error = datasetError { try DatasetCatalog.load("csv:\(path):y", locations: locations()) }
    #expect(error?.description == "\(path):3:3: \"n/a\" is not a number (column \"y\")")
  }

  @Test func wrongCellCountAndMissingFile() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.remove() }
    let path = try tmp.write("ragged.csv", text: "x,y\r\n1,2\r\n3\r\n")
    let error = datasetError { try DatasetCatalog.load("csv:\(path):y", locations: locations()) }
    #expect(error?.description == "\(path):3:1: expected 2 cells as in the header, found 1")
    let missing = datasetError { try DatasetCatalog.load("csv:/nonexistent.csv:y", locations: locations()) }
    #expect(missing?.description == "/nonexistent.csv: no such file")
  }

  @Test func unknownSettingListsValidOnes() throws {
    let error = datasetError {
      try DatasetCatalog.load("csv:/x.csv:y", options: ["nosie": "1"], locations: locations())
    }
    #expect(
      error?.description == "csv:/x.csv:y: unknown setting \"nosie\"; valid settings: task, test, seed, scale")
  }
}
