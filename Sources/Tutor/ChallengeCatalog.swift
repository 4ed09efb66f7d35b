extension Challenge {
  /// Every challenge, in the order `challenges` lists them. Each bound was set from measured
  /// runs: a known solution reaches it (the tests solve each one through commands), and the
  /// starting model with the starting settings does not.
  public static let all: [Challenge] = [
    Challenge(
      name: "digits", title: "digits with a small network",
      goal: "Reach \(NumberFormat.percent(0.9)) accuracy on 500 MNIST digits that neither your training nor your test split holds, with a network of at most 50,000 weights and biases. Pick the layers, the optimizer and the training time; `show model` counts the parameters.",
      setup: .data(name: "mnist-5k", options: [:], judging: .oddTestExamples),
      constraints: [.maximumParameters(50_000)], score: .accuracy, bound: 0.9),
    Challenge(
      name: "sine", title: "a dozen points, four units",
      goal: "Twelve noisy points trace a sine wave. Fit them with at most 4 hidden units in all, so that the mean squared error on 400 fresh points from the same curve is at most 0.07. Too little training underfits, too much threads the noise.",
      setup: .data(name: "poly", options: [:], judging: .generated(count: 400, seed: 0x6A75_6467_6531)),
      constraints: [.maximumHiddenUnits(4)], score: .loss, bound: 0.07),
    Challenge(
      name: "spiral", title: "three arms, 30 weights",
      goal: "Separate the three arms of the spiral: at least \(NumberFormat.percent(0.95)) of 600 fresh points right, with no more than 30 weights and biases. The arms wind around each other, so a straight boundary will not do, and every unit must count.",
      setup: .data(name: "spiral", options: [:], judging: .generated(count: 600, seed: 0x6A75_6467_6532)),
      constraints: [.maximumParameters(30)], score: .accuracy, bound: 0.95),
    Challenge(
      name: "valley", title: "the deep valley, fast",
      goal: "The ball waits at x = 2.4 on two-valleys, above the shallow valley. Bring it to rest in the deep valley on the left (within 0.05 of its bottom, moving less than 0.05 a step) in at most 20 steps; fewer is better. Only the learning rate and the optimizer are yours to choose.",
      setup: .ball(landscape: "two-valleys", start: 2.4),
      constraints: [], score: .steps, bound: 20),
    Challenge(
      name: "xor", title: "XOR with two units",
      goal: "Classify the XOR clusters with at most 2 hidden units: at least \(NumberFormat.percent(0.94)) of 400 fresh points right. No line splits them, but two bent ones can.",
      setup: .data(name: "xor", options: [:], judging: .generated(count: 400, seed: 0x6A75_6467_6533)),
      constraints: [.maximumHiddenUnits(2)], score: .accuracy, bound: 0.94),
    Challenge(
      name: "moons", title: "two moons in 100 steps",
      goal: "Get at least \(NumberFormat.percent(0.97)) of 400 fresh points of the two moons right after at most 100 training steps. The model, the learning rate and the optimizer decide how far 100 steps go.",
      setup: .data(name: "moons", options: [:], judging: .generated(count: 400, seed: 0x6A75_6467_6534)),
      constraints: [.maximumTrainingSteps(100)], score: .accuracy, bound: 0.97),
  ]
}
