/// Any chart with its data, as one value that front ends can pass around and draw at the
/// size they have.
///
///     let spec = ChartSpec.bars(BarChart(values: probabilities, truth: 7))
///     spec.render(width: 40, height: 10, style: .ascii).lines()
public enum ChartSpec: Hashable, Sendable {
  case line(LineChart)
  case bars(BarChart)
  case scatter(ScatterPlot)
  case function(FunctionPlot)
  case heatMap(HeatMap)
  case decisionMap(DecisionMap)
  case image(GrayImage)
  case imageGrid(ImageGrid)
  case sparkline(Sparkline)
  case progress(ProgressBar)
  case confusion(ConfusionMatrix)
  /// An image beside its probability bars.
  case example(ExampleChart)
  /// Images with a caption under each (a classifier's mistakes).
  case captionedImages(CaptionedImages)

  /// The chart drawn in exactly `width` × `height` cells (fewer rows for the one-row kinds).
  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    switch self {
    case .line(let c): return c.render(width: width, height: height, style: style)
    case .bars(let c): return c.render(width: width, height: height, style: style)
    case .scatter(let c): return c.render(width: width, height: height, style: style)
    case .function(let c): return c.render(width: width, height: height, style: style)
    case .heatMap(let c): return c.render(width: width, height: height, style: style)
    case .decisionMap(let c): return c.render(width: width, height: height, style: style)
    case .image(let c): return c.render(width: width, height: height, style: style)
    case .imageGrid(let c): return c.render(width: width, height: height, style: style)
    case .sparkline(let c): return c.render(width: width, height: height, style: style)
    case .progress(let c): return c.render(width: width, height: height, style: style)
    case .confusion(let c): return c.render(width: width, height: height, style: style)
    case .example(let c): return c.render(width: width, height: height, style: style)
    case .captionedImages(let c): return c.render(width: width, height: height, style: style)
    }
  }
}
