import Engine
import Testing

/// Backpropagation through residual blocks and batch normalisation against central finite
/// differences, with the tolerance argued in `GradientCheckTests`.
///
/// Batch normalisation is checked in training mode, where μ and σ² depend on every row of the
/// batch (the backward pass must carry those terms), and at inference, with running statistics
/// moved away from 0 and 1. Sixteen rows keep each feature's batch variance well away from 0,
/// where the normalisation would be too curved for a step of h.
///
/// In training the normalisation makes the loss more curved in the weights below it: the same
/// kind of network checked in Double gives a worst truncation error of 4.4e-3 at h = 1e-2 and
/// 4.4e-5 at h = 1e-3 (it scales as h²), too close to the tolerance at 1e-2. These checks use
/// h = 3e-3, where truncation is ten times smaller (≈ 4e-4) and roundoff three times larger
/// than at 1e-2. Measured worst relative errors: 9.2e-4 (tanh) and 8.2e-4 (sigmoid) in training,
/// 1.5e-4 at inference; residual blocks at h = 1e-2, 1.1e-3 (sigmoid) and 9e-5 (tanh).
@Suite struct BlocksGradientCheckTests {
  static let trainingH: Float = 3e-3

  static let input: Matrix = {
    var g = SeededGenerator(seed: 31)
    return Matrix(rows: 16, cols: 3, values: (0..<48).map { _ in g.uniform(-1, 1) })
  }()
  static let targets: BatchTargets = {
    var g = SeededGenerator(seed: 32)
    return .values(Matrix(rows: 16, cols: 2, values: (0..<32).map { _ in g.uniform(-1, 1) }))
  }()

  /// A 3-4-4-4-2 regression network with Xavier weights and biases of 0.1.
  static func network(_ blocks: Blocks, _ activation: Activation, seed: UInt64 = 5) throws -> Network {
    var g = SeededGenerator(seed: seed)
    let net = try Network(
      Architecture(sizes: [3, 4, 4, 4, 2], activation: activation, task: .regression, blocks: blocks),
      initializer: .xavier, generator: &g)
    for dense in net.denseLayers { dense.bias.value.fill(0.1) }
    return net
  }

  /// Dense layers: 12 + 4, 16 + 4, 16 + 4, 8 + 2 entries, all checked.
  static let denseEntries = 66

  @Test(arguments: [Activation.sigmoid, .tanh])
  func residualBlocks(_ activation: Activation) throws {
    let net = try Self.network(.residual, activation)
    #expect(net.layers.filter { $0 is ResidualBlock }.count == 2)
    let result = GradientCheck.run(
      network: net, input: Self.input, targets: Self.targets, h: GradientCheckTests.h,
      floor: GradientCheckTests.floor)
    GradientCheckTests.expectPasses(result, "residual \(activation)", expectedEntries: Self.denseEntries)
  }

  @Test(arguments: [Activation.sigmoid, .tanh])
  func batchNormalisationInTraining(_ activation: Activation) throws {
    let net = try Self.network(.batchnorm, activation)
    Self.plantScaleAndShift(net)
    let result = GradientCheck.run(
      network: net, input: Self.input, targets: Self.targets, h: Self.trainingH,
      floor: GradientCheckTests.floor, mode: .training(SeededGenerator(seed: 1)))
    GradientCheckTests.expectPasses(
      result, "batch normalisation \(activation), training", expectedEntries: Self.denseEntries + 24)
    let scale = result.entries.filter { $0.parameter.hasSuffix(".scale") }
    #expect(scale.contains { abs($0.analytic) > 1e-3 }, "the scales' gradients are not all zero")
  }

  @Test func batchNormalisationAtInference() throws {
    let net = try Self.network(.batchnorm, .tanh)
    Self.plantScaleAndShift(net)
    for (i, norm) in net.batchNorms.enumerated() {
      norm.runningMean.values = [0.2, -0.1, 0.05, 0.3].map { $0 * Float(i + 1) }
      norm.runningVariance.values = [0.5, 1.5, 0.8, 2.0]
    }
    let result = GradientCheck.run(
      network: net, input: Self.input, targets: Self.targets, h: GradientCheckTests.h,
      floor: GradientCheckTests.floor)
    GradientCheckTests.expectPasses(
      result, "batch normalisation at inference", expectedEntries: Self.denseEntries + 24)
  }

  /// Scales and shifts away from 1 and 0, so a missing γ or β term shows.
  static func plantScaleAndShift(_ net: Network) {
    for (i, norm) in net.batchNorms.enumerated() {
      norm.scale.value.values = [1.2, 0.7, -0.9, 1.5].map { $0 + 0.1 * Float(i) }
      norm.shift.value.values = [0.1, -0.3, 0.2, 0.05]
    }
  }
}
