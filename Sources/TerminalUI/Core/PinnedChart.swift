import Charts

/// A chart a command drew, kept in the chart pane until another replaces it.
public struct PinnedChart: Equatable, Sendable {
  public var spec: ChartSpec
  public var title: String
  /// A picture shown beside the chart when there is room (the example the bars are about).
  public var picture: ChartSpec?

  public init(spec: ChartSpec, title: String, picture: ChartSpec? = nil) {
    self.spec = spec
    self.title = title
    self.picture = picture
  }
}
