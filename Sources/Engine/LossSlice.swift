/// The loss of a network at weights other than its own: along the straight line to another
/// solution, and over a plane through its weights spanned by two directions.
///
/// A point's weights are θ(t) = θa + t·(θb − θa) on a line and θ(α, β) = θ + α·d1 + β·d2 on a
/// plane, computed per element in Double and rounded to Float once, then evaluated with
/// `Network.evaluate` (inference mode, dropout off, no weight decay) on the examples given. The
/// points are shared out among the engine's threads, each on its own copy of the network, and
/// every point is one whole evaluation: the values are the same bits on every kernel path and
/// thread count, and equal to evaluating a network set to those weights directly.
///
///     var g = SeededGenerator(seed: 1)
///     let d1 = LossSlice.unitNormalizedDirection(for: net, generator: &g)
///     let d2 = LossSlice.unitNormalizedDirection(for: net, generator: &g)
///     let grid = LossSlice.plane(net, d1, d2, alphas: [-1, 0, 1], betas: [1, 0, -1], on: subset)
public enum LossSlice {
  /// Examples a landscape is evaluated on: the first `count` of the training split (all of them
  /// when fewer), the same ones for every point and every picture.
  public static func subset(of train: Examples, count: Int = 500) -> Examples {
    train.subset(0..<min(count, train.count))
  }

  /// A random direction in weight space, one matrix per parameter of `network`, normalised
  /// per unit (the dense-layer form of the filter normalisation of Li et al., "Visualizing the
  /// Loss Landscape of Neural Nets", 2018): for each dense layer, the incoming weights of unit
  /// j (column j of the weights) are drawn from N(0, 1) and scaled so that their norm equals
  /// ‖w_j‖, the norm of that unit's weights. Biases (and any other parameter) get zero, as the
  /// paper does, so a slice moves the weights alone.
  public static func unitNormalizedDirection(
    for network: Network, generator: inout SeededGenerator
  ) -> [Matrix] {
    var direction: [Matrix] = []
    for layer in network.layers {
      for p in layer.parameters {
        var d = Matrix(rows: p.value.rows, cols: p.value.cols)
        if let dense = layer as? Dense, p === dense.weights {
          for i in d.values.indices { d.values[i] = Float(generator.normal()) }
          for j in 0..<d.cols {
            let target = columnNorm(p.value, j)
            let norm = columnNorm(d, j)
            let scale = norm > 0 ? target / norm : 0
            for r in 0..<d.rows { d[r, j] = Float(Double(d[r, j]) * scale) }
          }
        }
        direction.append(d)
      }
    }
    return direction
  }

  /// √(Σ_r m[r, j]²), summed in Double in row order.
  public static func columnNorm(_ m: Matrix, _ j: Int) -> Double {
    var sum = 0.0
    for r in 0..<m.rows {
      let v = Double(m[r, j])
      sum += v * v
    }
    return sum.squareRoot()
  }

  /// `base` + Σ scale·direction, per element in Double, rounded to Float once.
  public static func combine(_ base: [Matrix], _ terms: [(direction: [Matrix], scale: Double)]) -> [Matrix] {
    var out = base
    for p in out.indices {
      for i in out[p].values.indices {
        var v = Double(base[p].values[i])
        for t in terms { v += t.scale * Double(t.direction[p].values[i]) }
        out[p].values[i] = Float(v)
      }
    }
    return out
  }

  /// The weights θa + t·(θb − θa) of the line through two networks of the same architecture.
  public static func interpolate(_ a: [Matrix], _ b: [Matrix], _ t: Double) -> [Matrix] {
    var out = a
    for p in out.indices {
      for i in out[p].values.indices {
        let x = Double(a[p].values[i])
        out[p].values[i] = Float(x + t * (Double(b[p].values[i]) - x))
      }
    }
    return out
  }

  /// The mean loss of `network`'s architecture with `weights` on `examples`, evaluated on a copy.
  public static func loss(_ network: Network, weights: [Matrix], on examples: Examples) -> Double {
    let copy = network.copy()
    return loss(copy, setTo: weights, on: examples)
  }

  /// Sets `network`'s parameters to `weights` and evaluates it in one chunk.
  static func loss(_ network: Network, setTo weights: [Matrix], on examples: Examples) -> Double {
    for (p, w) in zip(network.parameters, weights) { p.value = w }
    return network.evaluate(examples, chunk: max(examples.count, 1)).loss
  }

  /// The loss of `network`'s architecture at weights θa + t·(θb − θa) for each t, where θa
  /// and θb are weights of that architecture (`parameters.map(\.value)` of two networks).
  public static func line(
    _ network: Network, from a: [Matrix], to b: [Matrix], at ts: [Double], on examples: Examples
  ) -> [Double] {
    evaluateAll(network, count: ts.count, on: examples) { interpolate(a, b, ts[$0]) }
  }

  /// True when `weights` has one matrix of the right shape for each of `network`'s parameters.
  public static func fits(_ weights: [Matrix], _ network: Network) -> Bool {
    let ps = network.parameters
    return ps.count == weights.count
      && zip(ps, weights).allSatisfy { $0.value.rows == $1.rows && $0.value.cols == $1.cols }
  }

  /// The loss at θ + α·d1 + β·d2, row-major: one row per β (in the order given), one column
  /// per α.
  public static func plane(
    _ network: Network, _ d1: [Matrix], _ d2: [Matrix], alphas: [Double], betas: [Double],
    on examples: Examples
  ) -> [Double] {
    let base = network.parameters.map(\.value)
    return evaluateAll(network, count: alphas.count * betas.count, on: examples) { k in
      combine(base, [(d1, alphas[k % alphas.count]), (d2, betas[k / alphas.count])])
    }
  }

  /// Evaluates the weights of points 0..<count, shared out among the engine's threads.
  static func evaluateAll(
    _ network: Network, count: Int, on examples: Examples, weights: (Int) -> [Matrix]
  ) -> [Double] {
    var out = [Double](repeating: 0, count: count)
    guard count > 0 else { return out }
    guard let pool = ComputeThreads.pool, count > 1 else {
      let copy = network.copy()
      for k in 0..<count { out[k] = loss(copy, setTo: weights(k), on: examples) }
      return out
    }
    let copies = (0..<pool.size).map { _ in network.copy() }
    out.withUnsafeMutableBufferPointer { values in
      pool.run { t in
        for k in stride(from: t, to: count, by: pool.size) {
          values[k] = loss(copies[t], setTo: weights(k), on: examples)
        }
      }
    }
    return out
  }
}
