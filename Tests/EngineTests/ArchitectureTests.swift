import Engine
import Testing

/// Shapes are checked before anything is allocated, and models must fit their data.
@Suite struct ArchitectureTests {
  @Test func hugeLayerIsRefusedBeforeAllocation() throws {
    // 10⁹ units would need 4 GB per input for the weights alone; the check runs first, so
    // this returns at once instead of exhausting memory.
    let huge = Architecture(sizes: [10, 1_000_000_000, 2], task: .classification)
    #expect(
      throws: EngineError.invalidArchitecture(
        "layer size 1,000,000,000 is larger than the limit of 1,000,000")
    ) { try huge.validate() }
    var g = SeededGenerator(seed: 0)
    #expect(throws: EngineError.self) {
      try Network(huge, initializer: .he, generator: &g)
    }
    #expect(throws: EngineError.self) {
      try Trainer(
        architecture: huge, initializer: .he, hyper: Hyperparameters(), seed: 0,
        train: Fixtures.xor)
    }
    // Widths under the limit whose product is too large are refused by the parameter count.
    let wide = Architecture(sizes: [1_000_000, 1_000_000], task: .regression)
    #expect {
      try wide.validate()
    } throws: { error in
      "\(error)".contains("1,000,001,000,000 parameters is more than the limit of 100,000,000")
    }
  }

  @Test func otherInvalidShapes() {
    let cases: [(Architecture, String)] = [
      (Architecture(sizes: [4], task: .regression), "at least an input and an output"),
      (Architecture(sizes: [4, 0, 2], task: .regression), "layer size 0 must be at least 1"),
      (Architecture(sizes: [4, 1], task: .classification), "at least 2 outputs"),
    ]
    for (architecture, message) in cases {
      #expect {
        try architecture.validate()
      } throws: { error in
        "\(error)".hasPrefix("invalid model: ") && "\(error)".contains(message)
      }
    }
  }

  @Test func parameterCountAndSummary() throws {
    let a = Architecture(sizes: [784, 128, 64, 10], task: .classification)
    // 784·128 + 128 + 128·64 + 64 + 64·10 + 10 = 109,386.
    #expect(a.parameterCount == 109_386)
    #expect(a.sizesText == "784-128-64-10")
    var g = SeededGenerator(seed: 0)
    let net = try Network(a, initializer: .he, generator: &g)
    #expect(net.parameterCount == 109_386)
    #expect(
      net.summary == [
        "Dense 784→128 (100,480 parameters)", "ReLU", "Dropout (rate 0.0)",
        "Dense 128→64 (8,256 parameters)", "ReLU", "Dropout (rate 0.0)",
        "Dense 64→10 (650 parameters)", "109,386 parameters in all",
      ])
  }

  @Test func modelAndDataMustFit() {
    let twoFeatures = Fixtures.xor
    let cases: [(Architecture, String)] = [
      (
        Architecture(sizes: [3, 2], task: .classification),
        "the model takes 3 inputs but the training data has 2 features"
      ),
      (
        Architecture(sizes: [2, 3], task: .classification),
        "the model has 3 outputs but the training data has 2 classes"
      ),
      (
        Architecture(sizes: [2, 2], task: .regression),
        "a regression model cannot learn classification data"
      ),
    ]
    for (architecture, message) in cases {
      #expect(throws: EngineError.dataMismatch(message)) {
        try Trainer(
          architecture: architecture, initializer: .xavier, hyper: Hyperparameters(), seed: 0,
          train: twoFeatures)
      }
    }
    // The test split is checked too.
    let threeFeatures = Fixtures.regression([[1, 2, 3]], [1])
    #expect(
      throws: EngineError.dataMismatch("the model takes 1 inputs but the test data has 3 features")
    ) {
      try Trainer(
        architecture: Architecture(sizes: [1, 1], task: .regression), initializer: .zeros,
        hyper: Hyperparameters(), seed: 0, train: Fixtures.regression([[1]], [1]),
        test: threeFeatures)
    }
  }

  @Test func invalidSettingsAreRefused() {
    var hyper = Hyperparameters()
    hyper.batchSize = 0
    #expect(throws: EngineError.invalidSetting("batch must be between 1 and 1,000,000 (got 0)")) {
      try hyper.validate()
    }
    hyper = Hyperparameters()
    hyper.dropout = 1
    #expect(throws: EngineError.self) { try hyper.validate() }
    hyper = Hyperparameters()
    hyper.learningRate = .nan
    #expect(throws: EngineError.self) { try hyper.validate() }
  }
}
