/// Inverted dropout: while training, each entry is kept with probability 1 − rate and scaled
/// by 1 / (1 − rate), so the expected output equals the input; at inference it is the identity.
///
/// The rate may change between any two steps. The mask is drawn from the training generator,
/// so the same seed gives the same masks.
public final class Dropout: Layer {
  public var rate: Float
  private var mask: [Float] = []
  private var output = Matrix(rows: 0, cols: 0)
  private var inputGradient = Matrix(rows: 0, cols: 0)
  private var wasActive = false

  public init(rate: Float) {
    self.rate = rate
  }

  public var parameters: [Parameter] { [] }
  public func outputSize(forInput size: Int) -> Int { size }

  public func forward(_ x: Matrix, mode: inout ForwardMode) -> Matrix {
    guard case .training(var generator) = mode, rate > 0 else {
      wasActive = false
      return x
    }
    wasActive = true
    if mask.count != x.count { mask = [Float](repeating: 0, count: x.count) }
    let rate = rate
    mask.withUnsafeMutableBufferPointer { m in
      if let m = m.baseAddress { Dropout.drawMask(rate: rate, into: m, count: x.count, using: &generator) }
    }
    mode = .training(generator)
    if output.cols != x.cols { output = Matrix(rows: x.rows, cols: x.cols) }
    output.resize(rows: x.rows)
    x.values.withUnsafeBufferPointer { src in
      mask.withUnsafeBufferPointer { m in
        output.values.withUnsafeMutableBufferPointer { dst in
          for i in 0..<src.count { dst[i] = src[i] * m[i] }
        }
      }
    }
    return output
  }

  /// A mask of `count` entries: 1 / (1 − rate) with probability 1 − rate, else 0, drawn in order.
  static func drawMask(
    rate: Float, into mask: UnsafeMutablePointer<Float>, count: Int,
    using generator: inout SeededGenerator
  ) {
    let keep = 1 - rate
    let scale = keep > 0 ? 1 / keep : 0
    for i in 0..<count { mask[i] = generator.nextUnitFloat() < keep ? scale : 0 }
  }

  public func backward(_ g: Matrix, needsInputGradient: Bool) -> Matrix {
    guard wasActive else { return g }
    if inputGradient.cols != g.cols { inputGradient = Matrix(rows: g.rows, cols: g.cols) }
    inputGradient.resize(rows: g.rows)
    g.values.withUnsafeBufferPointer { src in
      mask.withUnsafeBufferPointer { m in
        inputGradient.values.withUnsafeMutableBufferPointer { dst in
          for i in 0..<src.count { dst[i] = src[i] * m[i] }
        }
      }
    }
    return inputGradient
  }

  public func copy() -> Layer { Dropout(rate: rate) }

  public var description: String { "Dropout (rate \(rate))" }
}
