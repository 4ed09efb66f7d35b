/// What a step's loss and gradient norms decide: whether it may update, how much clipping
/// scales it, and the norms per layer that its report shows.
extension Trainer {
  /// Whether a step with this loss and these squared gradient norms may update the weights.
  static func canUpdate(loss: Double, squaredNorms: [Double]) -> Bool {
    // The history keeps losses in Float32, so a loss beyond its range (≈ 3.4e38) is infinite.
    Float(loss).isFinite && squaredNorms.allSatisfy(\.isFinite)
  }

  /// The factor that brings the gradient's global norm down to `clipNorm` (1 when it is within,
  /// or clipping is off).
  static func clipScale(squaredNorms: [Double], clipNorm: Float) -> Float {
    let globalNorm = squaredNorms.reduce(0, +).squareRoot()
    guard clipNorm > 0 && globalNorm > Double(clipNorm) else { return 1 }
    return Float(Double(clipNorm) / globalNorm)
  }

  /// Sums per-parameter values into per-dense-layer values (weights and bias together, and the
  /// scale and shift of a batch normalisation after them), in parameter order.
  static func perLayer(_ values: [Double], _ layerOf: [Int]) -> [Double] {
    var out: [Double] = []
    for (value, layer) in zip(values, layerOf) {
      if layer < out.count { out[layer] += value } else { out.append(value) }
    }
    return out
  }
}
