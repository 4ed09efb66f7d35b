/// How a dense layer's weights start. Biases always start at zero.
public enum Initializer: String, CaseIterable, Sendable, Codable {
  /// All weights 0: every unit of a layer stays identical (a lesson shows why that fails).
  case zeros
  /// U(−1/√fanIn, 1/√fanIn).
  case uniform
  /// Xavier/Glorot uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)); suits sigmoid and tanh.
  case xavier
  /// He (Kaiming) normal: N(0, 2 / fanIn); suits ReLU.
  case he

  /// Fills `weights` (fanIn × fanOut) from the generator.
  public func fill(_ weights: inout Matrix, using generator: inout SeededGenerator) {
    let fanIn = Float(weights.rows)
    let fanOut = Float(weights.cols)
    switch self {
    case .zeros:
      weights.fill(0)
    case .uniform:
      let a = 1 / fanIn.squareRoot()
      for i in 0..<weights.count { weights.values[i] = generator.uniform(-a, a) }
    case .xavier:
      let a = (6 / (fanIn + fanOut)).squareRoot()
      for i in 0..<weights.count { weights.values[i] = generator.uniform(-a, a) }
    case .he:
      let std = (2 / Double(fanIn)).squareRoot()
      for i in 0..<weights.count { weights.values[i] = Float(generator.normal() * std) }
    }
  }

  /// The usual choice for an activation: He for the ReLU family, Xavier otherwise.
  public static func recommended(for activation: Activation) -> Initializer {
    switch activation {
    case .relu, .leakyRelu: return .he
    case .sigmoid, .tanh: return .xavier
    }
  }
}
