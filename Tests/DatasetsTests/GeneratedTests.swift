import Datasets
import Engine
import Foundation
import Testing

@Suite struct GeneratedTests {
  static let names = ["apartments", "poly", "xor", "moons", "circles", "spiral"]

  @Test(arguments: names) func sameSeedSameDataOtherSeedOtherData(name: String) throws {
    let a = try DatasetCatalog.load(name, options: ["seed": "4"], locations: locations())
    let b = try DatasetCatalog.load(name, options: ["seed": "4"], locations: locations())
    let c = try DatasetCatalog.load(name, options: ["seed": "5"], locations: locations())
    #expect(floats(a.train) == floats(b.train))
    #expect(a.train.labels == b.train.labels)
    #expect(floats(a.test) == floats(b.test))
    #expect(floats(a.train) != floats(c.train))
    #expect(a.source == "generated, seed 4")
    #expect(floats(a.train).allSatisfy { $0.isFinite })
  }

  @Test(arguments: names) func unknownSettingListsTheValidOnes(name: String) {
    let error = datasetError { try DatasetCatalog.load(name, options: ["colour": "red"], locations: locations()) }
    #expect(error?.description.hasPrefix("\(name): unknown setting \"colour\"; valid settings: ") == true)
    #expect(error?.description.contains("seed") == true)
  }

  @Test func badValuesAreExplained() {
    let e1 = datasetError { try DatasetCatalog.load("apartments", options: ["noise": "loud"], locations: locations()) }
    #expect(e1?.description == "apartments: noise must be a number, got \"loud\"")
    let e2 = datasetError { try DatasetCatalog.load("poly", options: ["n": "1"], locations: locations()) }
    #expect(e2?.description == "poly: n must be between 2 and 100000, got 1")
  }

  @Test func apartmentsOutliersStandOutInTheResiduals() throws {
    let d = try DatasetCatalog.load("apartments", options: ["seed": "7"], locations: locations())
    #expect(d.train.count == 50 && d.test.count == 20)
    #expect(d.outlierIndices.count == 3)
    #expect(d.featureNames == ["surface (m²)"] && d.targetName == "price (k€)")
    #expect(d.standardizer == nil)
    let x = floats(d.train)
    let y = targetValues(d.train)
    #expect(x.allSatisfy { $0 >= 25 && $0 <= 140 })
    // Residuals from the rule of thumb: the three largest are the planted outliers.
    let residuals = zip(x, y).map { Double($1) - (60 + 4 * Double($0)) }
    let largest = residuals.indices.sorted { residuals[$0] > residuals[$1] }.prefix(3)
    #expect(largest.sorted() == d.outlierIndices)
  }

  @Test func apartmentsCanBeStandardised() throws {
    let d = try DatasetCatalog.load("apartments", options: ["scale": "standard"], locations: locations())
    let x = floats(d.train).map(Double.init)
    let mean = x.reduce(0, +) / Double(x.count)
    #expect(abs(mean) < 1e-5)
    #expect(d.standardizer != nil)
  }

  @Test func polyHasPowersAndADenserTestSet() throws {
    let d = try DatasetCatalog.load("poly", options: ["degree": "3", "noise": "0"], locations: locations())
    #expect(d.train.count == 12 && d.test.count == 100)
    #expect(d.featureNames == ["x", "x²", "x³"])
    let f = floats(d.train)
    let y = targetValues(d.train)
    for r in 0..<12 {
      #expect(abs(f[3 * r + 1] - f[3 * r] * f[3 * r]) < 1e-6)
      #expect(abs(f[3 * r + 2] - f[3 * r] * f[3 * r] * f[3 * r]) < 1e-6)
      #expect(abs(Double(y[r]) - sin(Double.pi * Double(f[3 * r]))) < 1e-5)
    }
    #expect(floats(d.test).first == -1)
  }

  @Test(arguments: ["xor", "moons", "circles", "spiral"]) func toySetsAreBalanced(name: String) throws {
    let d = try DatasetCatalog.load(name, options: ["n": "120"], locations: locations())
    let k = d.outputCount
    let counts = (0..<k).map { c in classLabels(d.train).filter { $0 == c }.count }
    #expect(counts.allSatisfy { $0 == 120 / k })
    #expect(d.featureCount == 2)
  }

  @Test func xorIsACheckerboard() throws {
    let d = try DatasetCatalog.load("xor", options: ["noise": "0.1"], locations: locations())
    let f = floats(d.train)
    let labels = classLabels(d.train)
    for i in labels.indices {
      #expect((f[2 * i] * f[2 * i + 1] < 0) == (labels[i] == 1))
    }
  }
}
