/// What happened during a run, for the charts and the lesson checks: the batch loss of every
/// step, an evaluation per epoch (or whenever asked), and a marker wherever something was
/// changed by hand.
///
/// Its memory is bounded however long the run trains: the latest losses and evaluations are
/// kept exactly and older ones are thinned into buckets that keep their exact lowest and
/// highest values (`LossTrace`, `EvaluationTrace`), about 0.4 MB at most. Markers are all
/// kept: there is one per change by hand, not per step.
public struct History: Equatable, Sendable {
  public struct Evaluated: Equatable, Sendable {
    public var step: Int
    public var epoch: Int
    public var train: Evaluation
    public var test: Evaluation?
    /// On the validation split, when the run holds one out.
    public var validation: Evaluation? = nil
  }

  public struct Marker: Equatable, Sendable {
    /// The number of steps done when the setting changed.
    public var step: Int
    /// A short label such as "lr 0.1".
    public var label: String
  }

  public private(set) var losses = LossTrace()
  public private(set) var evaluationTrace = EvaluationTrace()
  public private(set) var markers: [Marker] = []

  public init() {}

  /// The batch losses kept exactly, of the latest steps: every step's (step 1 at index 0) while
  /// `losses.isWhole`, which holds for the first 8,191 steps at least.
  public var stepLosses: [Float] { losses.exact }
  /// The evaluations kept exactly, the latest: all of them for the first 1,023 at least.
  public var evaluations: [Evaluated] { evaluationTrace.exact }

  /// Steps recorded.
  public var stepCount: Int { losses.count }
  /// The batch loss of the last step.
  public var lastLoss: Float? { losses.last }
  /// Evaluations recorded.
  public var evaluationCount: Int { evaluationTrace.count }
  public var lastEvaluation: Evaluated? { evaluationTrace.last }

  mutating func record(stepLoss: Double, step: Int) { losses.append(Float(stepLoss), step: step) }
  mutating func record(_ evaluated: Evaluated) { evaluationTrace.append(evaluated) }
  mutating func record(_ marker: Marker) { markers.append(marker) }

  /// Records the losses of steps `step`, `step + 1`, … and then `evaluations`.
  mutating func append(losses more: [Float], from step: Int, evaluations: [Evaluated]) {
    for (i, loss) in more.enumerated() { losses.append(loss, step: step + i) }
    for e in evaluations { evaluationTrace.append(e) }
  }

  /// The largest step at or before `step` to which `truncate(toStep:markerCount:)` cuts the
  /// losses and the evaluations exactly.
  public func exactCut(atOrBefore step: Int) -> Int {
    var s = step
    while true {
      let next = evaluationTrace.exactCut(atOrBefore: losses.exactCut(atOrBefore: s))
      if next == s { return s }
      s = next
    }
  }

  /// Forgets the losses and evaluations after `step` and keeps the first `markerCount`
  /// markers (all those up to `step` when nil).
  mutating func truncate(toStep step: Int, markerCount: Int? = nil) {
    losses.truncate(toStep: step)
    evaluationTrace.truncate(toStep: step)
    let keep = markerCount ?? markers.prefix { $0.step <= step }.count
    if markers.count > keep { markers.removeLast(markers.count - keep) }
  }
}
