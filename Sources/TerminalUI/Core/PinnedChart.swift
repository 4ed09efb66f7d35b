import Charts

/// A chart the session drew, with its title, as the chart pane shows it.
public struct PinnedChart: Equatable, Sendable {
  public var spec: ChartSpec
  public var title: String

  public init(spec: ChartSpec, title: String) {
    self.spec = spec
    self.title = title
  }
}
