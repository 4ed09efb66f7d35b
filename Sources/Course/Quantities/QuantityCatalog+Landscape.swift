import Tutor

extension QuantityCatalog {
  /// The ball on a loss landscape (`data two-valleys`, `data himmelblau`…).
  static let landscape: [Quantity] = [
    Quantity("x", .number, .landscape, "the ball's x") { reader in ball(reader) { .number($0.position[0]) } },
    Quantity("y", .number, .landscape, "the ball's y (2-D landscapes)") {
      reader in
      ball(reader) { $0.dimensions > 1 ? .number($0.position[1]) : .unavailable("\($0.name) is a curve: it has no y") }
    },
    Quantity("ball_loss", .number, .landscape, "the landscape's height under the ball") {
      reader in ball(reader) { .number($0.value) }
    },
    Quantity("at_global_minimum", .boolean, .landscape, "the ball rests near the lowest minimum (within 2% of the landscape's width)") {
      reader in ball(reader) { .boolean(isNearMinimum($0, global: true)) }
    },
    Quantity("at_local_minimum", .boolean, .landscape, "the ball rests near a minimum that is not the lowest one") {
      reader in ball(reader) { .boolean(isNearMinimum($0, global: false)) }
    },
    Quantity("line_rise", .number, .landscape, "how far the training loss on the last `plot landscape line` rises between its two ends above the higher of them (0 when it never does)") {
      reader in reader.session.landscapeLineRise.map { .number($0) } ?? .unavailable("no `plot landscape line` yet")
    },
  ]

  /// The tutor itself.
  static let tutor: [Quantity] = [
    Quantity("last_command", .string, .tutor, "the first word of the last line typed that succeeded, e.g. \"help\" or \"hint\" (a command that fails leaves it as it was)") {
      .string($0.lastCommand)
    },
    Quantity("last_plot", .string, .tutor, "what the last `plot` that succeeded drew, e.g. \"data\", \"confusion\", \"weights\", \"mistakes\" or \"landscape line\" (\"\" before any)") {
      .string($0.lastPlot)
    },
  ]

  private static func ball(_ reader: QuantityReader, _ read: (BallRun) -> QuantityValue) -> QuantityValue {
    guard let ball = reader.session.ball else { return QuantityReader.noLandscape }
    return read(ball)
  }

  /// Whether the ball sits within 2% of the width of each axis of its nearest minimum, and
  /// that minimum is (or is not) the global one.
  static func isNearMinimum(_ ball: BallRun, global: Bool) -> Bool {
    guard !ball.diverged, let nearest = ball.nearestMinimum, nearest.isGlobal == global else { return false }
    let spans: [Double]
    switch ball.surface {
    case .curve(let c): spans = [c.domain.upperBound - c.domain.lowerBound]
    case .surface(let s):
      spans = [s.xDomain.upperBound - s.xDomain.lowerBound, s.yDomain.upperBound - s.yDomain.lowerBound]
    }
    for (i, span) in spans.enumerated() where abs(ball.position[i] - nearest.position[i]) > 0.02 * span {
      return false
    }
    return true
  }
}
