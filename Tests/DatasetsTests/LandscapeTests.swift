import Datasets
import Foundation
import Testing

@Suite struct LandscapeTests {
  @Test(arguments: Landscape1D.all.map(\.name)) func derivativeMatchesCentralDifferences(name: String) throws {
    let l = try Landscape1D.named(name)
    let h = 1e-5
    for i in 0...40 {
      let x = l.domain.lowerBound + (l.domain.upperBound - l.domain.lowerBound) * Double(i) / 40
      let numeric = (l.value(at: x + h) - l.value(at: x - h)) / (2 * h)
      #expect(close(l.derivative(at: x), numeric, tolerance: 1e-6), "x = \(x)")
    }
  }

  @Test(arguments: Landscape2D.all.map(\.name)) func gradientMatchesCentralDifferences(name: String) throws {
    let l = try Landscape2D.named(name)
    let h = 1e-5
    for i in 0...10 {
      for j in 0...10 {
        let x = l.xDomain.lowerBound + (l.xDomain.upperBound - l.xDomain.lowerBound) * Double(i) / 10
        let y = l.yDomain.lowerBound + (l.yDomain.upperBound - l.yDomain.lowerBound) * Double(j) / 10
        let g = l.gradient(x: x, y: y)
        let nx = (l.value(x: x + h, y: y) - l.value(x: x - h, y: y)) / (2 * h)
        let ny = (l.value(x: x, y: y + h) - l.value(x: x, y: y - h)) / (2 * h)
        #expect(close(g.dx, nx, tolerance: 1e-6) && close(g.dy, ny, tolerance: 1e-6), "(\(x), \(y))")
      }
    }
  }

  @Test func twoValleysHasALocalAndAGlobalMinimum() throws {
    let l = try Landscape1D.named("two-valleys")
    #expect(l.minima.count == 2)
    let global = try #require(l.globalMinimum)
    let local = try #require(l.minima.first { !$0.isGlobal })
    #expect(abs(global.x - -1.4729) < 1e-3)
    #expect(abs(local.x - 1.3470) < 1e-3)
    #expect(global.value < local.value)
    for m in l.minima {
      #expect(abs(l.derivative(at: m.x)) < 1e-10)
      #expect(l.value(at: m.x - 1e-3) > m.value && l.value(at: m.x + 1e-3) > m.value)
    }
  }

  @Test func criticalPointsAreWhatTheySay() {
    for l in Landscape2D.all {
      for p in l.criticalPoints {
        let g = l.gradient(x: p.x, y: p.y)
        #expect(abs(g.dx) + abs(g.dy) < 1e-8, "\(l.name) \(p)")
        // Second-order check along a circle of small steps.
        let h = 1e-3
        let around = (0..<16).map { k -> Double in
          let a = Double(k) * Double.pi / 8
          return l.value(x: p.x + h * cos(a), y: p.y + h * sin(a)) - p.value
        }
        switch p.kind {
        case .globalMinimum, .localMinimum: #expect(around.allSatisfy { $0 > 0 }, "\(l.name) \(p)")
        case .maximum: #expect(around.allSatisfy { $0 < 0 }, "\(l.name) \(p)")
        case .saddle: #expect(around.contains { $0 > 0 } && around.contains { $0 < 0 }, "\(l.name) \(p)")
        }
      }
    }
  }

  @Test func doubleWellHasTwoMinimaAndASaddle() throws {
    let l = try Landscape2D.named("double-well")
    #expect(l.minima.map(\.kind) == [.globalMinimum, .localMinimum])
    #expect(l.saddles.count == 1)
    #expect(l.minima[0].x < 0 && l.minima[1].x > 0)
    #expect(try Landscape2D.named("himmelblau").minima.count == 4)
    #expect(try Landscape2D.named("himmelblau").saddles.count == 4)
  }

  @Test func unknownNameListsTheNames() {
    #expect(
      datasetError { try Landscape1D.named("valley") }?.description
        == "valley: no such 1-D landscape; there are bowl, two-valleys, ripples")
  }
}
