import Engine
import Tutor

/// `mltutor train --folds K`: one line per fold and a summary, as text or JSON.
///
///     {"fold":1,"train_examples":3200,"val_examples":800,"val_loss":0.31,"val_accuracy":0.91}
///     {"cv_folds":5,"cv_figure":"accuracy","cv_mean":0.905,"cv_std":0.012}
struct CrossValidationPrinter {
  let json: Bool

  func lines(_ r: CrossValidation) -> [String] {
    let classification = r.task == .classification
    let figure = classification ? "val_accuracy" : "val_rmse"
    var out: [String] = []
    if !json {
      out.append(EpochPrinter.row(["fold", "trained on", "validated on", "val loss", classification ? "val acc" : "val rmse"], widths: [4, 10, 12, 8, 12]))
    }
    for (i, fold) in r.folds.enumerated() {
      let e = fold.evaluation
      let value = classification ? e.accuracy : e.rmse
      if json {
        out.append(
          object([
            ("fold", String(i + 1)), ("train_examples", String(fold.trainedOn)),
            ("val_examples", String(e.examples)), ("val_loss", number(e.loss)), (figure, number(value)),
          ]))
      } else {
        out.append(
          EpochPrinter.row(
            [String(i + 1), String(fold.trainedOn), String(e.examples), EpochPrinter.fixed(e.loss), EpochPrinter.fixed(value)],
            widths: [4, 10, 12, 8, 12]))
      }
    }
    if json {
      out.append(
        object([
          ("cv_folds", String(r.folds.count)), ("cv_figure", "\"\(r.figureName)\""), ("cv_mean", number(r.mean)),
          ("cv_std", number(r.spread)),
        ]))
    } else {
      out.append(
        "\(r.folds.count) folds: mean \(r.figureName) \(EpochPrinter.fixed(r.mean)), spread \(EpochPrinter.fixed(r.spread)) (standard deviation)")
    }
    return out
  }

  private func object(_ fields: [(String, String)]) -> String {
    "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }

  private func number(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "null" }
    return String(x)
  }
}
