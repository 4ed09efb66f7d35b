import Engine

/// A data set ready to train on: a training split, a test split, and what they mean.
public struct Dataset: Sendable {
  /// The name it is loaded by: `mnist-5k`, `apartments`, `csv:prices.csv:price`, ...
  public let name: String
  /// One line: what it is.
  public let summary: String
  public let train: Examples
  public let test: Examples
  /// Examples held out of the training split to choose settings and epochs by
  /// (`data NAME val=0.1`), so that the test split is read only for the final verdict; nil
  /// when none is held out.
  public let validation: Examples?
  /// Examples drawn anew from the same source after the model was trained, as the world would
  /// bring them (the toy sets: new points from the same generator, without any leaked column);
  /// nil where the source cannot draw more.
  public let fresh: Examples?
  /// One name per feature column (`["surface (m²)"]`); empty for images.
  public let featureNames: [String]
  /// What is predicted: `price (k€)`, `digit`, `class`.
  public let targetName: String
  /// The class names for classification (`["0", ..., "9"]`), nil for regression.
  public let classNames: [String]?
  /// The image size when each example is an image, nil otherwise.
  public let imageShape: (rows: Int, cols: Int)?
  /// Where the examples come from: file paths, or `generated, seed 4`.
  public let source: String
  /// The standardisation applied to the features (fitted on the training split and applied to
  /// both), or nil when the features are as read or generated.
  public let standardizer: Standardizer?
  /// Indices into `train` of examples planted as anomalies (the apartments' inexplicably
  /// expensive flats); empty for other sets.
  public let outlierIndices: [Int]
  /// Further lines for `data info`: the story, the curve, the settings used.
  public let notes: [String]

  public init(
    name: String, summary: String, train: Examples, test: Examples, featureNames: [String],
    targetName: String, classNames: [String]?, imageShape: (rows: Int, cols: Int)? = nil,
    source: String, standardizer: Standardizer? = nil, outlierIndices: [Int] = [],
    notes: [String] = [], validation: Examples? = nil, fresh: Examples? = nil
  ) {
    self.name = name
    self.summary = summary
    self.train = train
    self.test = test
    self.featureNames = featureNames
    self.targetName = targetName
    self.classNames = classNames
    self.imageShape = imageShape
    self.source = source
    self.standardizer = standardizer
    self.outlierIndices = outlierIndices
    self.notes = notes
    self.validation = validation
    self.fresh = fresh
  }

  /// Classification or regression, as the training labels say.
  public var task: Task { train.task }

  /// Features per example (784 for MNIST).
  public var featureCount: Int { train.featureCount }

  /// Outputs a network needs: the class count, or the target width.
  public var outputCount: Int { train.outputCount }

  /// `4,000 train + 1,000 test`, or `3,600 train + 400 validation + 1,000 test`.
  public var sizeDescription: String {
    let held = validation.map { " + \(grouped($0.count)) validation" } ?? ""
    return "\(grouped(train.count)) train\(held) + \(grouped(test.count)) test"
  }
}
