import Engine
import Tutor

extension QuantityCatalog {
  /// What the model says about the test example last asked about with `predict #N`, read
  /// from the current weights (so it follows training, like the results).
  static let prediction: [Quantity] = [
    Quantity("prediction", .string, .tutor, "the class the model gives the test example of the last `predict #N`, e.g. \"2\"") {
      reader in reader.predicted { names, _, k in .string(names.map { k < $0.count ? $0[k] : String(k) } ?? String(k)) }
    },
    Quantity("confidence", .number, .tutor, "the probability the model gives that class, 0 to 1") {
      reader in reader.predicted { _, p, k in .number(Double(p[k])) }
    },
    Quantity("true_class", .string, .tutor, "the label of the test example of the last `predict #N`") {
      reader in
      guard let i = reader.lastPrediction, let d = reader.session.dataset, i < d.test.count,
        case .classes(let labels) = d.test.targets([i])
      else { return .unavailable("no test example asked about yet: `predict #N` asks") }
      let k = Int(labels[0])
      return .string(d.classNames.map { k < $0.count ? $0[k] : String(k) } ?? String(k))
    },
  ]
}

extension QuantityReader {
  /// The class names, the probabilities and the most probable class for the test example of
  /// the last `predict #N`.
  func predicted(_ read: ([String]?, [Float], Int) -> QuantityValue) -> QuantityValue {
    guard let i = lastPrediction else { return .unavailable("no test example asked about yet: `predict #N` asks") }
    guard let trainer = session.trainer, let d = session.dataset, i < d.test.count, d.task == .classification else {
      return .unavailable("no classifier with that test example")
    }
    let p = SoftmaxCrossEntropy.probabilities(trainer.network.predict(d.test.features([i])))
    let k = p.argmax(row: 0)
    return read(d.classNames, p.values, k)
  }
}
