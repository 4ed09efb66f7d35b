import Testing

@testable import Engine

/// `ComputeCost` against counts worked out by hand from the layer sizes.
@Suite struct ComputeCostTests {
  /// F = Σ in·out; a training step of n examples = n · (F + 2F − in₁·out₁).
  @Test(arguments: [
    // sizes, parameters, F, batch, training step
    ([1, 1], 2, 1, 50, 50 * (1 + 2 - 1)),
    ([2, 16, 2], 82, 64, 32, 32 * (64 + 128 - 32)),
    ([784, 64, 10], 50_890, 50_816, 32, 3_272_704),
    ([784, 128, 10], 101_770, 101_632, 32, 6_545_408),
    ([784, 128, 64, 10], 109_386, 109_184, 32, 7_270_400),
    ([2, 8, 8, 8, 3], 3 * 8 + 9 * 8 * 2 + 9 * 3, 16 + 64 + 64 + 24, 7, 7 * (3 * 168 - 16)),
  ])
  func countsFollowTheLayerSizes(sizes: [Int], parameters: Int, forward: Int, batch: Int, step: Int) {
    let cost = ComputeCost(sizes: sizes)
    #expect(cost.parameters == parameters)
    #expect(cost.parameterBytes == 4 * parameters)
    #expect(cost.inferenceMultiplyAdds == forward)
    #expect(cost.trainingMultiplyAdds(batch: batch) == step)
    #expect(cost.parameters == Architecture(sizes: sizes, task: .regression).parameterCount)
  }

  @Test func optimizerStateIsNoneOneOrTwoValuesPerParameter() {
    let cost = ComputeCost(sizes: [784, 64, 10])
    #expect(cost.optimizerBytes(.sgd) == 0)
    #expect(cost.optimizerBytes(.momentum) == 50_890 * 4)
    #expect(cost.optimizerBytes(.nesterov) == 50_890 * 4)
    #expect(cost.optimizerBytes(.adam) == 2 * 50_890 * 4)
  }

  /// Doubling the hidden width of 784-H-10 doubles every count but the biases' share.
  @Test func doublingTheHiddenWidthDoublesTheMultiplyAdds() {
    let narrow = ComputeCost(sizes: [784, 64, 10])
    let wide = ComputeCost(sizes: [784, 128, 10])
    #expect(wide.inferenceMultiplyAdds == 2 * narrow.inferenceMultiplyAdds)
    #expect(wide.trainingMultiplyAdds(batch: 32) == 2 * narrow.trainingMultiplyAdds(batch: 32))
  }
}
