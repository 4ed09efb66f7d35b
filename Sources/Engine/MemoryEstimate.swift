/// The bytes the engine will ask for, worked out from sizes alone before anything is allocated.
///
/// Figures are upper bounds of what the layers, the trainer and the split step keep (Float32,
/// 4 bytes a value); they saturate at `Int.max` rather than overflow.
public enum MemoryEstimate {
  /// Bytes of one Float32.
  static let float = 4.0

  /// Weights, their gradients and the optimiser's state (one buffer per parameter for
  /// momentum and Nesterov, two for Adam).
  public static func model(_ a: Architecture, optimizer: OptimizerKind) -> Int {
    let states: Double
    switch optimizer {
    case .sgd: states = 0
    case .momentum, .nesterov: states = 1
    case .adam: states = 2
    }
    return bytes(parameters(a) * (2 + states) * float)
  }

  /// What one training step of `rows` examples keeps besides the model: every layer's
  /// activations and their gradients. A hidden unit costs up to 12 values a row (dense output,
  /// activation output and gradient, dropout mask, output and gradient, the next layer's input
  /// gradient, and the split step's own five), the inputs 2 and the outputs 7 (outputs, loss
  /// gradient, softmax scratch and targets, in both step paths).
  public static func batch(_ a: Architecture, rows: Int) -> Int {
    bytes(Double(max(0, rows)) * perRowOfStep(a) * float)
  }

  /// The rows evaluation takes at a time: 1,000, fewer when a chunk of a wide model would pass
  /// `evaluationChunkBytes`, never fewer than 1.
  public static func evaluationChunk(_ a: Architecture) -> Int {
    let perRow = perRowOfInference(a) * float
    return Int(max(1, min(1000, (Double(evaluationChunkBytes) / perRow).rounded(.down))))
  }

  /// The most one evaluation chunk may hold (64 MiB).
  public static let evaluationChunkBytes = 64 << 20

  /// What evaluating `examples` examples on `threads` threads holds: a chunk for each thread
  /// at work and, for a classifier whose chunks are shared out, a copy of the weights and
  /// gradients for every working thread but one.
  public static func evaluation(_ a: Architecture, threads: Int, examples: Int) -> Int {
    let rows = max(1, min(evaluationChunk(a), examples))
    let chunks = (max(1, examples) + rows - 1) / rows
    let working = a.task == .classification && chunks > 1 ? Double(max(1, min(threads, chunks))) : 1
    let buffers = working * Double(rows) * perRowOfInference(a) * float
    let copies = (working - 1) * parameters(a) * 2 * float
    return bytes(buffers + copies)
  }

  /// The bytes `examples` hold.
  public static func examples(_ e: Examples) -> Int {
    let features: Double
    switch e.features {
    case .bytes(let b, _): features = Double(b.count)
    case .floats(let f): features = Double(f.count) * float
    }
    let labels: Double
    switch e.labels {
    case .classes(let l, _): labels = Double(l.count) * 4
    case .values(let v, _): labels = Double(v.count) * float
    }
    return bytes(features + labels)
  }

  private static func parameters(_ a: Architecture) -> Double {
    zip(a.sizes, a.sizes.dropFirst()).reduce(0.0) { $0 + Double($1.0 + 1) * Double($1.1) }
      + a.normalisedWidths.reduce(0.0) { $0 + 2 * Double($1) }
  }

  private static func hiddenUnits(_ a: Architecture) -> Double {
    a.sizes.dropFirst().dropLast().reduce(0.0) { $0 + Double($1) }
  }

  private static func perRowOfStep(_ a: Architecture) -> Double {
    12 * hiddenUnits(a) + 2 * Double(a.inputs) + 7 * Double(a.outputs)
  }

  /// Inference keeps the gathered inputs, each dense layer's output and each activation's, and
  /// the outputs' targets and scratch; a residual block or a batch normalisation up to two more
  /// a hidden unit (the sum; the normalised values and the output). In training they stay
  /// within the split step's five, which they do not use.
  private static func perRowOfInference(_ a: Architecture) -> Double {
    (a.blocks == .plain ? 2 : 4) * hiddenUnits(a) + Double(a.inputs) + 3 * Double(a.outputs)
  }

  private static func bytes(_ value: Double) -> Int {
    value < 9e18 ? Int(value.rounded(.up)) : Int.max
  }
}
