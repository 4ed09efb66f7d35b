import Charts
import Datasets
import Engine
import Foundation
import Tutor

/// What `mltutor train --plot` draws after training: the loss curves, and for a classifier
/// the first test image beside its probability array.
enum TrainingPlots {
  static func lines(trainer: Trainer, dataset: Dataset, style: ChartStyle, width: Int = terminalWidth()) -> [String] {
    let w = max(40, min(width, 120))
    let chart = Plots.lossChart([("train", trainer.history)])
    var out = ["loss per step (test loss at the end of each epoch)"]
    out += render(chart.render(width: w, height: 16, style: style), style)
    guard dataset.task == .classification, dataset.test.count > 0 else { return out }
    let x = dataset.test.features([0])
    guard case .classes(let labels) = dataset.test.targets([0]) else { return out }
    let truth = Int(labels[0])
    let bars = Plots.probabilities(trainer.network, x, truth: truth, labels: dataset.classNames)
    out.append("")
    out.append("test example #0 (true class \(dataset.classNames?[truth] ?? String(truth))) and the model's probabilities")
    var grid = Grid(width: w, height: 14)
    var left = 0
    if let shape = dataset.imageShape {
      let image = GrayImage(pixels: x.values, rows: shape.rows, columns: shape.cols)
      let size = image.size(fitting: 30, height: 14)
      grid.paste(image.render(width: size.width, height: size.height, style: style), x: 0, y: 0)
      left = size.width + 2
    }
    grid.paste(bars.render(width: w - left, height: 14, style: style), x: left, y: 0)
    out += render(grid, style)
    return out
  }

  private static func render(_ grid: Grid, _ style: ChartStyle) -> [String] {
    style.color ? grid.ansiLines() : grid.trimmed().lines()
  }

  static func terminalWidth() -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) { return columns }
    return 80
  }
}
