import Engine

extension DatasetCatalog {
  /// Fails before a generated set is made when its `n` and `test` examples (of up to
  /// `features` features each, plus a target) would pass the memory budget. Generating keeps
  /// the points, the examples made from them and a standardised copy: 3 copies of 4 bytes a value.
  static func checkGenerated(
    _ name: String, options: [String: String], knobs: [DatasetKnob], features: Int
  ) throws(DatasetError) {
    func count(_ key: String) -> Int {
      let text = options[key] ?? knobs.first { $0.name == key }?.defaultValue ?? ""
      // NB: a value that is not a count is the loader's to report, with its range.
      return max(0, Int(text) ?? 0)
    }
    let examples = Double(count("n")) + Double(count("test"))
    let bytes = examples * Double(features + 1) * 4 * 3
    do {
      try MemoryBudget.current.check(
        bytes < 9e18 ? Int(bytes) : .max, for: "generating \(grouped(Int(examples))) examples")
    } catch {
      throw DatasetError(file: name, error.description)
    }
  }
}
