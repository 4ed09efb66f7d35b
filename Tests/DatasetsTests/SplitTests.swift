import Datasets
import Engine
import Testing

@Suite struct SplitTests {
  @Test func stratifiedKeepsEachClassShare() {
    let labels = (0..<300).map { Int32($0 < 60 ? 0 : ($0 < 150 ? 1 : 2)) }  // 60, 90, 150
    var g = SeededGenerator(seed: 3)
    let split = Split.stratified(labels: labels, testFraction: 1.0 / 6, generator: &g)
    let testCounts = [0, 1, 2].map { k in split.test.filter { labels[$0] == k }.count }
    #expect(testCounts == [10, 15, 25])
    #expect(Set(split.train + split.test).count == 300)
    #expect(split.train == split.train.sorted())
  }

  @Test func sameSeedSameSplitOtherSeedOtherSplit() {
    let labels = (0..<100).map { Int32($0 % 4) }
    var a = SeededGenerator(seed: 1)
    var b = SeededGenerator(seed: 1)
    var c = SeededGenerator(seed: 2)
    let sa = Split.stratified(labels: labels, testFraction: 0.2, generator: &a)
    let sb = Split.stratified(labels: labels, testFraction: 0.2, generator: &b)
    let sc = Split.stratified(labels: labels, testFraction: 0.2, generator: &c)
    #expect(sa.test == sb.test)
    #expect(sa.test != sc.test)
  }

  @Test func batchesCoverEveryIndexOnce() {
    var g = SeededGenerator(seed: 5)
    let batches = Split.batches(count: 10, size: 4, generator: &g)
    #expect(batches.map(\.count) == [4, 4, 2])
    #expect(batches.flatMap { $0 }.sorted() == Array(0..<10))
  }

  @Test func standardizerFitsTrainAndInverts() {
    let s = Standardizer(fitting: [1, 10, 3, 10, 5, 10], width: 2)
    #expect(s.means == [3, 10])
    #expect(abs(s.deviations[0] - (8.0 / 3).squareRoot()) < 1e-6)
    #expect(s.deviations[1] == 1)  // constant column: only centred
    let z = s.apply([3, 11])
    #expect(z == [0, 1])
    #expect(s.invert(z) == [3, 11])
  }
}
