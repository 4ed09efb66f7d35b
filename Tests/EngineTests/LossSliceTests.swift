@testable import Engine
import Testing

/// The loss landscape: directions normalised per unit, and values equal to evaluating the
/// network at the same weights, bit for bit, on every kernel path and thread count.
@Suite(.serialized) struct LossSliceTests {
  static let data = Fixtures.blobs(count: 120, features: 6, classes: 3, seed: 4)

  /// A 6-12-8-3 ReLU network trained for 60 steps.
  static func trained(seed: UInt64 = 3) throws -> Trainer {
    let trainer = try Trainer(
      architecture: Architecture(sizes: [6, 12, 8, 3], activation: .relu, task: .classification),
      initializer: .he, hyper: Fixtures.hyper(lr: 0.1, batch: 16), seed: seed, train: data)
    for _ in 0..<60 { try trainer.step() }
    return trainer
  }

  static func directions(_ network: Network, seed: UInt64) -> ([Matrix], [Matrix]) {
    var g = SeededGenerator(seed: seed)
    let d1 = LossSlice.unitNormalizedDirection(for: network, generator: &g)
    return (d1, LossSlice.unitNormalizedDirection(for: network, generator: &g))
  }

  /// The loss of a fresh copy of `network` set to `weights`, evaluated the usual way.
  static func direct(_ network: Network, _ weights: [Matrix], on examples: Examples) -> Double {
    let copy = network.copy()
    for (p, w) in zip(copy.parameters, weights) { p.value = w }
    return copy.evaluate(examples).loss
  }

  @Test func eachUnitsDirectionHasTheNormOfItsWeights() throws {
    let network = try Self.trained().network
    let (d1, d2) = Self.directions(network, seed: 11)
    for d in [d1, d2] {
      #expect(d.count == network.parameters.count)
      for (p, m) in zip(network.parameters, d) {
        #expect(m.rows == p.value.rows && m.cols == p.value.cols)
        if p.decays {
          for j in 0..<m.cols {
            let want = LossSlice.columnNorm(p.value, j)
            let got = LossSlice.columnNorm(m, j)
            #expect(abs(got - want) <= 1e-6 * want, "\(p.name) unit \(j): \(got) vs \(want)")
          }
        } else {
          #expect(m.values.allSatisfy { $0 == 0 }, "\(p.name): a bias does not move")
        }
      }
    }
    #expect(d1 != d2, "two directions, not one twice")
    #expect(Self.directions(network, seed: 11).0 == d1, "the same seed, the same direction")
    #expect(Self.directions(network, seed: 12).0 != d1)
  }

  @Test func thePlaneIsTheLossAtThoseWeights() throws {
    let network = try Self.trained().network
    let (d1, d2) = Self.directions(network, seed: 11)
    let alphas = [-1.0, -0.5, 0, 0.75]
    let betas = [1.0, 0, -0.25]
    let plane = LossSlice.plane(network, d1, d2, alphas: alphas, betas: betas, on: Self.data)
    #expect(plane.count == 12)
    let base = network.parameters.map(\.value)
    for (i, beta) in betas.enumerated() {
      for (j, alpha) in alphas.enumerated() {
        // The weights written out here, independently of `LossSlice.combine`.
        var w = base
        for p in w.indices {
          for e in w[p].values.indices {
            w[p].values[e] = Float(Double(base[p].values[e]) + alpha * Double(d1[p].values[e]) + beta * Double(d2[p].values[e]))
          }
        }
        let want = Self.direct(network, w, on: Self.data)
        #expect(plane[i * alphas.count + j].bitPattern == want.bitPattern, "α \(alpha), β \(beta)")
      }
    }
    #expect(plane[1 * alphas.count + 2] == network.evaluate(Self.data).loss, "the middle is the network itself")
    #expect(Set(plane).count > 6, "the loss changes over the plane")
  }

  @Test func theLineRunsFromOneSolutionToTheOther() throws {
    let a = try Self.trained(seed: 3).network
    let b = try Self.trained(seed: 5).network
    let wa = a.parameters.map(\.value)
    let wb = b.parameters.map(\.value)
    #expect(LossSlice.fits(wb, a))
    let ts = [-0.25, 0, 0.3, 0.5, 1, 1.25]
    let line = LossSlice.line(a, from: wa, to: wb, at: ts, on: Self.data)
    #expect(line[1] == a.evaluate(Self.data).loss)
    #expect(line[4] == b.evaluate(Self.data).loss)
    for (t, value) in zip(ts, line) {
      let w = zip(wa, wb).map { x, y in
        Matrix(rows: x.rows, cols: x.cols, values: zip(x.values, y.values).map { Float(Double($0) + t * (Double($1) - Double($0))) })
      }
      #expect(value.bitPattern == Self.direct(a, w, on: Self.data).bitPattern, "t \(t)")
    }
    let other = try Trainer(
      architecture: Architecture(sizes: [6, 4, 3], activation: .relu, task: .classification),
      initializer: .he, hyper: Fixtures.hyper(lr: 0.1, batch: 16), seed: 1, train: Self.data)
    #expect(!LossSlice.fits(other.network.parameters.map(\.value), a), "another shape is refused")
  }

  @Test func theSameBitsOnEveryKernelPathAndThreadCount() throws {
    let network = try Self.trained().network
    let (d1, d2) = Self.directions(network, seed: 2)
    let axis = [-1.0, -0.25, 0.5, 1]
    func plane() -> [UInt64] {
      LossSlice.plane(network, d1, d2, alphas: axis, betas: axis, on: Self.data).map(\.bitPattern)
    }
    let reference = plane()
    let previousThreads = ComputeThreads.chosen
    defer { ComputeThreads.chosen = previousThreads }
    for threads in [1, 2, 3, 5] {
      ComputeThreads.chosen = threads
      #expect(plane() == reference, "\(threads) threads")
    }
    ComputeThreads.chosen = previousThreads
    let previous = KernelPath.current
    defer { try? KernelPath.use(previous) }
    for path in KernelPath.available {
      try KernelPath.use(path)
      #expect(plane() == reference, "\(path)")
    }
  }
}
