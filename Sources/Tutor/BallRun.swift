import Datasets

/// Gradient descent on a formula instead of a network: a ball rolling on a 1-D or 2-D loss
/// landscape, with the session's learning rate and momentum.
///
/// Update (momentum form, μ = 0 for plain gradient descent): v ← μ·v + ∇f(p); p ← p − η·v.
public struct BallRun: Sendable {
  public enum Surface: Sendable {
    case curve(Landscape1D)
    case surface(Landscape2D)
  }

  public let surface: Surface
  public private(set) var position: [Double]
  public private(set) var velocity: [Double]
  /// Every position so far, the start first.
  public private(set) var path: [[Double]]
  public private(set) var steps = 0
  public private(set) var diverged = false

  public init(_ surface: Surface, start: [Double]) {
    self.surface = surface
    self.position = start
    self.velocity = [Double](repeating: 0, count: start.count)
    self.path = [start]
  }

  public var name: String {
    switch surface {
    case .curve(let c): return c.name
    case .surface(let s): return s.name
    }
  }

  public var dimensions: Int { position.count }

  public var value: Double {
    switch surface {
    case .curve(let c): return c.value(at: position[0])
    case .surface(let s): return s.value(x: position[0], y: position[1])
    }
  }

  public var gradient: [Double] {
    switch surface {
    case .curve(let c): return [c.derivative(at: position[0])]
    case .surface(let s):
      let g = s.gradient(x: position[0], y: position[1])
      return [g.dx, g.dy]
    }
  }

  /// Moves the ball by one step; returns false (and stops) when it flew off to infinity.
  @discardableResult
  public mutating func step(learningRate lr: Double, momentum mu: Double) -> Bool {
    guard !diverged else { return false }
    let g = gradient
    for i in position.indices {
      velocity[i] = mu * velocity[i] + g[i]
      position[i] -= lr * velocity[i]
    }
    steps += 1
    path.append(position)
    if !position.allSatisfy(\.isFinite) || !value.isFinite || position.contains(where: { abs($0) > 1e6 }) {
      diverged = true
      return false
    }
    return true
  }

  /// Places the ball by hand (coordinate 0 is x, 1 is y); the path starts again there.
  public mutating func place(_ coordinate: Int, at value: Double) {
    position[coordinate] = value
    velocity = [Double](repeating: 0, count: position.count)
    path = [position]
    steps = 0
    diverged = false
  }

  /// Puts the ball back where its path started, at rest.
  public mutating func restart() {
    position = path.first ?? position
    velocity = [Double](repeating: 0, count: position.count)
    path = [position]
    steps = 0
    diverged = false
  }

  /// The minimum the ball is nearest to, and whether it is the global one.
  public var nearestMinimum: (position: [Double], isGlobal: Bool)? {
    switch surface {
    case .curve(let c):
      guard let m = c.minima.min(by: { abs($0.x - position[0]) < abs($1.x - position[0]) }) else {
        return nil
      }
      return ([m.x], m.isGlobal)
    case .surface(let s):
      let d = { (p: Landscape2D.CriticalPoint) in
        (p.x - position[0]) * (p.x - position[0]) + (p.y - position[1]) * (p.y - position[1])
      }
      guard let m = s.minima.min(by: { d($0) < d($1) }) else { return nil }
      return ([m.x, m.y], m.kind == .globalMinimum)
    }
  }
}
