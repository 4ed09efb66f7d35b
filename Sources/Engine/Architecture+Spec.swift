extension Architecture {
  /// Reads a model as a learner types it: `linear` (inputs straight to outputs) or layer
  /// sizes joined by dashes (`784-10`, `784-128-64-10`).
  ///
  /// Only the text is checked here, before any data or weights exist; `Trainer` later checks
  /// that the first and last sizes fit the data.
  /// - Parameters:
  ///   - inputs, outputs: the data's feature and output counts, used by `linear`.
  public static func parse(
    _ spec: String, activation: Activation, task: Task, inputs: Int, outputs: Int
  ) throws(EngineError) -> Architecture {
    let text = spec.trimmed
    if text == "linear" {
      let a = Architecture(sizes: [inputs, outputs], activation: activation, task: task)
      try a.validate()
      return a
    }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    var sizes: [Int] = []
    for part in parts {
      guard !part.isEmpty, part.allSatisfy(\.isASCIIDigit) else {
        throw .invalidArchitecture(
          "'\(spec)' is not a model: use 'linear' or layer sizes such as 784-128-64-10")
      }
      // More than 9 digits is over the limit; say so before it could overflow Int.
      guard part.count <= 9, let size = Int(part) else {
        throw .invalidArchitecture(
          "layer size \(part) is larger than the limit of \(Architecture.maximumWidth.formatted)")
      }
      sizes.append(size)
    }
    let a = Architecture(sizes: sizes, activation: activation, task: task)
    try a.validate()
    return a
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
  fileprivate var trimmed: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s.removeFirst() }
    while s.last?.isWhitespace == true { s.removeLast() }
    return String(s)
  }
}
