/// What happened during a run, for the charts: one loss per step, an evaluation per epoch
/// (or whenever asked), and a marker wherever a setting changed.
public struct History: Equatable, Sendable {
  public struct Evaluated: Equatable, Sendable {
    public var step: Int
    public var epoch: Int
    public var train: Evaluation
    public var test: Evaluation?
  }

  public struct Marker: Equatable, Sendable {
    /// The number of steps done when the setting changed.
    public var step: Int
    /// A short label such as "lr 0.1".
    public var label: String
  }

  /// Batch loss of step i + 1 at index i.
  public private(set) var stepLosses: [Float] = []
  public private(set) var evaluations: [Evaluated] = []
  public private(set) var markers: [Marker] = []

  public init() {}

  mutating func record(stepLoss: Double) { stepLosses.append(Float(stepLoss)) }
  mutating func record(_ evaluated: Evaluated) { evaluations.append(evaluated) }
  mutating func record(_ marker: Marker) { markers.append(marker) }

  /// Sizes of the three lists, cheap to keep in a checkpoint.
  struct Lengths: Equatable, Sendable {
    var steps: Int
    var evaluations: Int
    var markers: Int
  }

  var lengths: Lengths {
    Lengths(steps: stepLosses.count, evaluations: evaluations.count, markers: markers.count)
  }

  /// Forgets everything recorded after `lengths` were taken.
  mutating func truncate(to lengths: Lengths) {
    if stepLosses.count > lengths.steps { stepLosses.removeLast(stepLosses.count - lengths.steps) }
    if evaluations.count > lengths.evaluations {
      evaluations.removeLast(evaluations.count - lengths.evaluations)
    }
    if markers.count > lengths.markers { markers.removeLast(markers.count - lengths.markers) }
  }
}
