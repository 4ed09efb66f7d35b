/// A setting a data set accepts (`noise=0.3`), with its default and what it does.
public struct DatasetKnob: Sendable, Equatable {
  public let name: String
  public let defaultValue: String
  public let meaning: String

  public init(_ name: String, _ defaultValue: String, _ meaning: String) {
    self.name = name
    self.defaultValue = defaultValue
    self.meaning = meaning
  }
}

/// The settings given for one data set, checked against the knobs it accepts.
struct Knobs {
  let dataset: String
  let values: [String: String]
  let knobs: [DatasetKnob]

  /// Fails on a setting the data set does not have, listing those it has.
  init(dataset: String, options: [String: String], knobs: [DatasetKnob]) throws(DatasetError) {
    let valid = Set(knobs.map(\.name))
    if let unknown = options.keys.sorted().first(where: { !valid.contains($0) }) {
      let list =
        knobs.isEmpty
        ? "it takes no settings"
        : "valid settings: " + knobs.map(\.name).joined(separator: ", ")
      throw DatasetError(file: dataset, "unknown setting \"\(unknown)\"; \(list)")
    }
    self.dataset = dataset
    self.values = options
    self.knobs = knobs
  }

  private func raw(_ name: String) -> String {
    values[name] ?? knobs.first(where: { $0.name == name })?.defaultValue ?? ""
  }

  /// A number in `range`.
  func double(_ name: String, in range: ClosedRange<Double>) throws(DatasetError) -> Double {
    let text = raw(name)
    guard let value = Double(text), value.isFinite else {
      throw DatasetError(file: dataset, "\(name) must be a number, got \"\(text)\"")
    }
    guard range.contains(value) else {
      throw DatasetError(
        file: dataset, "\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(text)")
    }
    return value
  }

  /// A whole number in `range`.
  func int(_ name: String, in range: ClosedRange<Int>) throws(DatasetError) -> Int {
    let text = raw(name)
    guard let value = Int(text) else {
      throw DatasetError(file: dataset, "\(name) must be a whole number, got \"\(text)\"")
    }
    guard range.contains(value) else {
      throw DatasetError(
        file: dataset,
        "\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(text)")
    }
    return value
  }

  /// A seed: any non-negative whole number that fits in 64 bits.
  func seed() throws(DatasetError) -> UInt64 {
    let text = raw("seed")
    guard let value = UInt64(text) else {
      throw DatasetError(file: dataset, "seed must be a whole number ≥ 0, got \"\(text)\"")
    }
    return value
  }

  /// One of `choices`.
  func choice(_ name: String, _ choices: [String]) throws(DatasetError) -> String {
    let text = raw(name)
    guard choices.contains(text) else {
      throw DatasetError(
        file: dataset, "\(name) must be one of \(choices.joined(separator: ", ")), got \"\(text)\"")
    }
    return text
  }

  /// `name=value` for every knob, as used: `noise=20 n=50 seed=1`.
  var summary: String {
    knobs.map { "\($0.name)=\(raw($0.name))" }.joined(separator: " ")
  }
}
