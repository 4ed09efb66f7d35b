import Engine

/// Feature standardisation: `z = (x − mean) / deviation`, per feature column.
///
/// Means and (population) standard deviations come from the training split only and are then
/// applied to both splits, so nothing about the test set leaks into training. A column whose
/// deviation is 0 (or not finite) keeps deviation 1: it is only centred.
public struct Standardizer: Sendable, Equatable {
  public let means: [Float]
  public let deviations: [Float]

  public init(means: [Float], deviations: [Float]) {
    self.means = means
    self.deviations = deviations
  }

  /// Fits means and deviations to `values`, `width` values per row.
  public init(fitting values: [Float], width: Int) {
    let rows = width > 0 ? values.count / width : 0
    var sums = [Double](repeating: 0, count: width)
    var squares = [Double](repeating: 0, count: width)
    for r in 0..<rows {
      for c in 0..<width {
        let v = Double(values[r * width + c])
        sums[c] += v
        squares[c] += v * v
      }
    }
    var means = [Float](repeating: 0, count: width)
    var deviations = [Float](repeating: 1, count: width)
    if rows > 0 {
      for c in 0..<width {
        let mean = sums[c] / Double(rows)
        let variance = max(0, squares[c] / Double(rows) - mean * mean)
        means[c] = Float(mean)
        let sd = variance.squareRoot()
        deviations[c] = sd > 1e-12 && sd.isFinite ? Float(sd) : 1
      }
    }
    self.init(means: means, deviations: deviations)
  }

  /// Fits to the features of `examples`.
  public init(fitting examples: Examples) {
    self.init(fitting: Self.floats(examples.features), width: examples.featureCount)
  }

  /// Standardises both splits with the training split's statistics and returns the standardizer.
  static func standardize(train: inout Examples, test: inout Examples) -> Standardizer {
    let s = Standardizer(fitting: train)
    train = s.apply(to: train)
    test = s.apply(to: test)
    return s
  }

  /// Standardised copies of `values` (`width` = `means.count` values per row).
  public func apply(_ values: [Float]) -> [Float] {
    let width = means.count
    guard width > 0 else { return values }
    var out = values
    for i in out.indices {
      let c = i % width
      let z = (out[i] - means[c]) / deviations[c]
      // NB: near ±3.4e38 the difference alone overflows Float32; Double holds it, and the
      // quotient is back in range (on the training split, |z| ≤ √rows).
      out[i] = z.isFinite ? z : Float((Double(out[i]) - Double(means[c])) / Double(deviations[c]))
    }
    return out
  }

  /// The inverse: `x = z × deviation + mean`.
  public func invert(_ values: [Float]) -> [Float] {
    let width = means.count
    guard width > 0 else { return values }
    var out = values
    for i in out.indices {
      let c = i % width
      out[i] = out[i] * deviations[c] + means[c]
    }
    return out
  }

  /// `examples` with standardised float features and the same labels.
  public func apply(to examples: Examples) -> Examples {
    Examples(
      features: .floats(apply(Self.floats(examples.features))),
      featureCount: examples.featureCount, labels: examples.labels)
  }

  static func floats(_ features: Examples.Features) -> [Float] {
    switch features {
    case .floats(let f): return f
    case .bytes(let b, let scale): return b.map { Float($0) * scale }
    }
  }
}
