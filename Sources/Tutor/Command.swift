/// One command of mltutor's command language, parsed from a line such as `set lr 0.1`.
///
/// The REPL, scripts, lessons and the full-screen tutor all speak this language; each front
/// end turns a line into a `Command` with `CommandParser` and hands it to a `Session`.
public enum Command: Equatable, Sendable {
  case help(String?)
  case data(name: String, options: [String: String])
  case model(spec: String, options: [String: String])
  case set(name: String, value: String)
  case show(String)
  case step(Int)
  case train(TrainAmount)
  case stop
  case eval
  case predict(PredictInput)
  case plot(kind: String, index: Int?)
  /// `plot mistakes [TRUE PREDICTED]`: the test images of one cell of the confusion matrix,
  /// classes by name or number; nil for the largest cell off the diagonal.
  case plotMistakes(truth: String?, predicted: String?)
  /// `plot landscape line [RUN]`: the loss along the straight line from the current run's
  /// weights to RUN's; nil for the line from the run's start to its weights now.
  case plotLandscapeLine(run: String?)
  case reset
  case rewind(Int)
  case fork(String)
  case use(String)
  case runs
  case compare(String, String)
  case save(String)
  case load(String)
  case export(format: String, path: String)
  case challenges
  case challenge(String)
  case submit
  case quit
  /// `eval fresh`: the current weights on examples drawn anew (`Dataset.fresh`).
  case evalFresh
  /// `crossval K epochs=N`: k-fold cross-validation of the current model on the training split.
  case crossValidate(folds: Int, epochs: Int)
  /// What the model costs: parameters, memory, multiply-adds, measured speed.
  case cost
  /// A grid or random search over settings, one fork per trial (`SearchSpace`).
  case search([String: String])
  /// A regression model's estimates cut into classes at these values, in ascending order.
  case threshold([Double])

  /// How much `train` should do.
  public enum TrainAmount: Equatable, Sendable {
    case steps(Int)
    case epochs(Int)
    /// Until stopped (Ctrl-C or `stop`).
    case untilStopped
  }

  /// What `predict` is asked about.
  public enum PredictInput: Equatable, Sendable {
    /// A feature value, such as a surface in m² (`predict 75`).
    case value(Double)
    /// A test example by its index (`predict #12`).
    case example(Int)
  }
}
