import Engine
import Foundation

/// Small data sets and networks shared by the tests.
enum Fixtures {
  /// Regression examples from rows of features and one target per row.
  static func regression(_ rows: [[Float]], _ targets: [Float]) -> Examples {
    Examples(
      features: .floats(rows.flatMap { $0 }), featureCount: rows[0].count,
      labels: .values(targets, width: 1))
  }

  /// Classification examples from rows of features and one class per row.
  static func classification(_ rows: [[Float]], _ labels: [Int32], classes: Int) -> Examples {
    Examples(
      features: .floats(rows.flatMap { $0 }), featureCount: rows[0].count,
      labels: .classes(labels, classCount: classes))
  }

  /// The four points of XOR: the class is 1 when exactly one input is 1.
  static let xor = classification([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], classes: 2)

  /// `count` points with `features` features drawn uniformly in [−1, 1), each labelled by
  /// which of `classes` fixed random directions it is most aligned with.
  static func blobs(count: Int, features: Int, classes: Int, seed: UInt64) -> Examples {
    var g = SeededGenerator(seed: seed)
    let directions = (0..<classes).map { _ in (0..<features).map { _ in g.uniform(-1, 1) } }
    var rows: [[Float]] = []
    var labels: [Int32] = []
    for _ in 0..<count {
      let x = (0..<features).map { _ in g.uniform(-1, 1) }
      let scores = directions.map { d in zip(d, x).reduce(0) { $0 + $1.0 * $1.1 } }
      let best = scores.indices.max { scores[$0] < scores[$1] } ?? 0
      rows.append(x)
      labels.append(Int32(best))
    }
    return classification(rows, labels, classes: classes)
  }

  /// A hyperparameter set with the given learning rate, batch size and optimiser.
  static func hyper(
    lr: Float, batch: Int, optimizer: OptimizerKind = .sgd,
    configure: (inout Hyperparameters) -> Void = { _ in }
  ) -> Hyperparameters {
    var h = Hyperparameters()
    h.learningRate = lr
    h.batchSize = batch
    h.optimizer = optimizer
    configure(&h)
    return h
  }

  /// A fresh path in the temporary folder, unique to this call.
  static func temporaryPath(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.path
    return "\(folder)/mltutor-tests-\(UUID().uuidString)-\(name)"
  }
}
