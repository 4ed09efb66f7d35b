extension Architecture {
  /// Reads a model as a learner types it: `linear` (inputs straight to outputs) or layer
  /// sizes joined by dashes (`784-10`, `784-128-64-10`), where `WIDTHxCOUNT` stands for COUNT
  /// hidden layers of WIDTH (`784-64x8-10` has eight of 64), optionally followed by the kind of
  /// block: `residual` or `batchnorm` (`784-64x8-10 residual`).
  ///
  /// Only the text is checked here, before any data or weights exist; `Trainer` later checks
  /// that the first and last sizes fit the data.
  /// - Parameters:
  ///   - inputs, outputs: the data's feature and output counts, used by `linear`.
  public static func parse(
    _ spec: String, activation: Activation, task: Task, inputs: Int, outputs: Int
  ) throws(EngineError) -> Architecture {
    let words = spec.split(whereSeparator: \.isWhitespace)
    let text = words.first.map(String.init) ?? ""
    var blocks = Blocks.plain
    for word in words.dropFirst() {
      guard let kind = Blocks(rawValue: word.lowercased()) else {
        throw .invalidArchitecture("'\(word)' is not a kind of block: use residual or batchnorm")
      }
      blocks = kind
    }
    if text == "linear" {
      let a = Architecture(sizes: [inputs, outputs], activation: activation, task: task, blocks: blocks)
      try a.validate()
      return a
    }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    var sizes: [Int] = []
    for part in parts {
      let repeated = part.split(separator: "x", omittingEmptySubsequences: false)
      guard repeated.count <= 2, repeated.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
        throw .invalidArchitecture(
          "'\(spec)' is not a model: use 'linear' or layer sizes such as 784-128-64-10")
      }
      let size = try width(repeated[0])
      var count = 1
      if repeated.count == 2 {
        guard repeated[1].count <= 3, let n = Int(repeated[1]), (1...maximumRepeat).contains(n) else {
          throw .invalidArchitecture(
            "'\(part)' repeats a layer \(repeated[1]) times: the count after x is 1 to \(maximumRepeat)")
        }
        count = n
      }
      sizes += Array(repeating: size, count: count)
    }
    let a = Architecture(sizes: sizes, activation: activation, task: task, blocks: blocks)
    try a.validate()
    return a
  }

  /// The most layers one `WIDTHxCOUNT` stands for.
  public static let maximumRepeat = 100

  private static func width(_ part: Substring) throws(EngineError) -> Int {
    // More than 9 digits is over the limit; say so before it could overflow Int.
    guard part.count <= 9, let size = Int(part) else {
      throw .invalidArchitecture(
        "layer size \(part) is larger than the limit of \(Architecture.maximumWidth.formatted)")
    }
    return size
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
