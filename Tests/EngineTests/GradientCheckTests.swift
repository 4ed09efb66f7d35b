import Engine
import Testing

/// Backpropagation against central finite differences (`GradientCheck.run`) on small networks.
///
/// Tolerance. The loss is computed in Float32 (ε = 2⁻²³ ≈ 1.2e-7); a forward pass of a few
/// layers accumulates about ten roundings, so each loss carries an error of ≈ 10ε·|L|. The
/// central difference divides the difference of two such losses by 2h, giving a roundoff error
/// of ≈ 10ε·|L|/h, plus a truncation error of ≈ h²/6·|L'''|. With h = 1e-2, |L| ≲ 1.5 and
/// |L'''| ≲ 3 (smooth activations, weights of order 1) that is ≈ 2e-5 + 5e-5 ≈ 1e-4 absolute.
/// The checker divides by max(|analytic|, |numeric|, floor) with floor = 0.05, so a correct
/// backward pass stays below 1e-4 / 0.05 = 2e-3 (measured: at most 2e-4, for tanh). We accept
/// 5e-3: a backward pass with a wrong factor, sign, transpose or missing term is off by several
/// per cent of the gradient at least, ten times the tolerance. ReLU and leaky ReLU are checked
/// away from their kink, where they are linear and only roundoff remains.
@Suite struct GradientCheckTests {
  static let h: Float = 1e-2
  static let floor = 0.05
  static let tolerance = 5e-3

  /// Five examples with three features in [−1, 1].
  static let input = Matrix([
    [0.9, -0.4, 0.3], [-0.7, 0.8, -0.2], [0.1, 0.5, -0.9], [-0.3, -0.6, 0.7], [0.6, 0.2, 0.4],
  ])

  /// A network with Xavier weights from `seed` and biases of 0.1 (so the bias path matters).
  static func network(
    _ sizes: [Int], _ activation: Activation, task: Task, dropout: Float = 0, seed: UInt64
  ) throws -> Network {
    var g = SeededGenerator(seed: seed)
    let net = try Network(
      Architecture(sizes: sizes, activation: activation, task: task), initializer: .xavier,
      dropout: dropout, generator: &g)
    for dense in net.denseLayers { dense.bias.value.fill(0.1) }
    return net
  }

  /// The pre-activations of the first hidden layer.
  static func firstPreActivations(_ net: Network) -> [Float] {
    var mode = ForwardMode.inference
    return net.layers[0].forward(input, mode: &mode).values
  }

  static func expectPasses(
    _ result: GradientCheck.Result, _ what: String, expectedEntries: Int,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      result.entries.count == expectedEntries, "\(what): checked \(result.entries.count) entries",
      sourceLocation: sourceLocation)
    let worst = result.worst
    #expect(
      result.maxRelativeError <= tolerance,
      """
      \(what): worst entry \(worst?.parameter ?? "?")[\(worst?.index ?? -1)]: \
      analytic \(worst?.analytic ?? .nan), numeric \(worst?.numeric ?? .nan), \
      relative error \(result.maxRelativeError) > \(tolerance)
      """, sourceLocation: sourceLocation)
  }

  /// A regression network 3-4-3-2 with each hidden activation. The first dense layer's gradients
  /// pass back through the activation and two dense layers, so they also check ∂L/∂x of both.
  @Test(arguments: Activation.allCases)
  func hiddenActivation(_ activation: Activation) throws {
    let targets = BatchTargets.values(
      Matrix([[0.5, -0.2], [0.1, 0.9], [-0.4, 0.3], [0.8, -0.6], [0.0, 0.2]]))
    var seed: UInt64 = 1
    var net = try Self.network([3, 4, 3, 2], activation, task: .regression, seed: seed)
    if activation == .relu || activation == .leakyRelu {
      // Perturbing a first-layer weight by h moves a pre-activation by at most h·|x| ≤ h, so
      // pre-activations at least 2h away from 0 keep their side of the kink.
      while Self.firstPreActivations(net).contains(where: { abs($0) < 2 * Self.h }) {
        seed += 1
        net = try Self.network([3, 4, 3, 2], activation, task: .regression, seed: seed)
      }
      #expect(Self.firstPreActivations(net).contains { $0 < 0 }, "both sides of the kink are used")
    }
    let result = GradientCheck.run(
      network: net, input: Self.input, targets: targets, h: Self.h, floor: Self.floor)
    Self.expectPasses(
      result, "\(activation.displayName) network", expectedEntries: 12 + 4 + 12 + 3 + 6 + 2)
  }

  /// Dropout in training mode: every evaluation reuses the same generator, so the mask is fixed.
  @Test func dropoutInTrainingMode() throws {
    let net = try Self.network([3, 6, 2], .tanh, task: .regression, dropout: 0.5, seed: 4)
    let mode = ForwardMode.training(SeededGenerator(seed: 11))
    var training = mode
    let dropped = net.forward(Self.input, mode: &training)
    let kept = net.predict(Self.input)
    #expect(dropped != kept, "the mask changes the output, so dropout's backward pass is exercised")
    let targets = BatchTargets.values(Matrix(rows: 5, cols: 2, repeating: 0.25))
    let result = GradientCheck.run(
      network: net, input: Self.input, targets: targets, h: Self.h, floor: Self.floor, mode: mode)
    Self.expectPasses(result, "dropout network", expectedEntries: 18 + 6 + 12 + 2)
  }

  /// Softmax cross-entropy through a 3-5-4 tanh classifier.
  @Test func softmaxCrossEntropyLoss() throws {
    let net = try Self.network([3, 5, 4], .tanh, task: .classification, seed: 5)
    let result = GradientCheck.run(
      network: net, input: Self.input, targets: .classes([0, 3, 1, 2, 3]), h: Self.h,
      floor: Self.floor)
    Self.expectPasses(result, "softmax cross-entropy", expectedEntries: 15 + 5 + 20 + 4)
  }

  /// Mean squared error through a single dense layer: the loss is quadratic in the parameters,
  /// so the truncation error is zero and only roundoff remains.
  @Test func meanSquaredErrorLoss() throws {
    let net = try Self.network([3, 2], .relu, task: .regression, seed: 6)
    let targets = BatchTargets.values(
      Matrix([[1, -1], [0.5, 0.5], [-0.2, 0.3], [0.9, 0.1], [-0.6, -0.8]]))
    let result = GradientCheck.run(
      network: net, input: Self.input, targets: targets, h: Self.h, floor: Self.floor)
    Self.expectPasses(result, "mean squared error", expectedEntries: 6 + 2)
  }
}
