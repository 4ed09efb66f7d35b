/// Every data set mltutor knows, by name: loading and listing.
///
/// Names: `mnist-5k` (embedded), `mnist` (full set once fetched), `fashion` (Debian's files),
/// `apartments`, `poly`, `cat`, `xor`, `moons`, `circles`, `spiral` (generated; settings such as
/// `noise=0.3 n=50 seed=4`), `idx:IMAGES,LABELS` and `csv:FILE:COLUMN` (your own data).
/// The loss landscapes are not data sets: see `Landscape1D` and `Landscape2D`.
public enum DatasetCatalog {
  /// Loads the set called `name` with `options` (settings as `key: value`).
  /// Settings every set takes (`val`) and those every image set takes (`occlude`, `label_noise`,
  /// `imbalance`) are applied by `DataQuality` once the set is made.
  public static func load(
    _ name: String, options: [String: String] = [:], locations: DataLocations
  ) throws(DatasetError) -> Dataset {
    let images = isImageSet(name)
    let made = try make(name, options: DataQuality.own(options, images: images), locations: locations)
    return try DataQuality.apply(made, options: options, images: images)
  }

  /// Whether `name` is a set of images (which take the image knobs).
  static func isImageSet(_ name: String) -> Bool {
    name.hasPrefix("idx:") || ["mnist-5k", "mnist", "fashion"].contains(name)
  }

  private static func make(
    _ name: String, options: [String: String], locations: DataLocations
  ) throws(DatasetError) -> Dataset {
    if name.hasPrefix("idx:") {
      return try ImageSets.idx(name, spec: String(name.dropFirst(4)), options: options)
    }
    if name.hasPrefix("csv:") {
      return try CSVDataset.load(name, spec: String(name.dropFirst(4)), options: options)
    }
    switch name {
    case "mnist-5k", "mnist", "fashion":
      _ = try Knobs(dataset: name, options: options, knobs: [])
      switch name {
      case "mnist-5k": return try ImageSets.mnist5k(locations)
      case "mnist": return try ImageSets.mnist(locations)
      default: return try ImageSets.fashion(locations)
      }
    case "apartments":
      try checkGenerated(name, options: options, knobs: Apartments.knobs, features: 1)
      return try Apartments.load(options: options)
    case "poly":
      let degree = Int(options["degree"] ?? "") ?? 1
      try checkGenerated(name, options: options, knobs: Polynomial.knobs, features: min(max(degree, 1), 20))
      return try Polynomial.load(options: options)
    case "cat":
      try checkGenerated(name, options: options, knobs: CatEncounters.knobs, features: 2)
      return try CatEncounters.load(options: options)
    case _ where ToySets.names.contains(name):
      try checkGenerated(name, options: options, knobs: ToySets.knobs(name), features: 2)
      return try ToySets.load(name, options: options)
    case _ where Landscape1D.all.contains(where: { $0.name == name })
      || Landscape2D.all.contains(where: { $0.name == name }):
      throw DatasetError(file: name, "is a loss landscape, not a data set of examples")
    default:
      let names = entries(locations: locations).filter { $0.kind != .landscape1D && $0.kind != .landscape2D }
      throw DatasetError(
        file: name, "no such data set; there are " + names.map(\.name).joined(separator: ", "))
    }
  }

  /// The entry called `name` (patterns match `idx:…` and `csv:…`), if any.
  public static func entry(_ name: String, locations: DataLocations) -> DatasetEntry? {
    let all = entries(locations: locations)
    if name.hasPrefix("idx:") { return all.first { $0.kind == .yourImages } }
    if name.hasPrefix("csv:") { return all.first { $0.kind == .yourTable } }
    return all.first { $0.name == name }
  }

  /// Everything `data list` shows, in that order, each with the knobs `DataQuality` adds.
  public static func entries(locations: DataLocations) -> [DatasetEntry] {
    ownEntries(locations: locations).map { e in
      guard e.kind != .landscape1D && e.kind != .landscape2D else { return e }
      let images = e.kind == .images || e.kind == .yourImages
      return DatasetEntry(
        name: e.name, kind: e.kind, size: e.size, source: e.source, available: e.available,
        summary: e.summary, knobs: e.knobs + DataQuality.knobs(images: images), remedy: e.remedy)
    }
  }

  private static func ownEntries(locations: DataLocations) -> [DatasetEntry] {
    let embeddedFile = locations.embedded + "/mnist-5k-train-images-idx3-ubyte.gz"
    let fashionFile = locations.fashion + "/train-images-idx3-ubyte.gz"
    var list = [
      DatasetEntry(
        name: "mnist-5k", kind: .images, size: "4,000 + 1,000", source: locations.embedded,
        available: fileExists(embeddedFile),
        summary: "5,000 handwritten digits from MNIST, 28×28 (ships with mltutor)",
        remedy: "the embedded files are missing from \(locations.embedded): reinstall mltutor"),
      DatasetEntry(
        name: "mnist", kind: .images, size: "60,000 + 10,000", source: locations.mnist,
        available: MNISTFetcher.isFetched(locations), summary: "70,000 handwritten digits (MNIST), 28×28",
        remedy: "run `mltutor data fetch mnist`"),
      DatasetEntry(
        name: "fashion", kind: .images, size: "60,000 + 10,000", source: locations.fashion,
        available: fileExists(fashionFile),
        summary: "70,000 Zalando article images (Fashion-MNIST), 28×28, 10 classes",
        remedy: "install the Debian package dataset-fashion-mnist"),
      DatasetEntry(
        name: "apartments", kind: .regression, size: "50 + 20", source: "generated",
        summary: "flat surfaces (m²) and their sale prices (k€), a few inexplicably expensive",
        knobs: Apartments.knobs),
      DatasetEntry(
        name: "poly", kind: .regression, size: "12 + 100", source: "generated",
        summary: "a dozen noisy points from y = sin(πx), for under- and overfitting",
        knobs: Polynomial.knobs),
    ]
    for name in ToySets.names {
      list.append(
        DatasetEntry(
          name: name, kind: .classification, size: "200 + 200", source: "generated",
          summary: ToySets.summary(name), knobs: ToySets.knobs(name)))
    }
    list.append(
      DatasetEntry(
        name: "cat", kind: .regression, size: "200 + 200", source: "generated",
        summary: CatEncounters.summary, knobs: CatEncounters.knobs))
    for l in Landscape1D.all {
      list.append(
        DatasetEntry(
          name: l.name, kind: .landscape1D, size: counted(l.minima.count, "minimum", "minima"),
          source: "formula", summary: "\(l.formula): \(l.summary)"))
    }
    for l in Landscape2D.all {
      list.append(
        DatasetEntry(
          name: l.name, kind: .landscape2D,
          size: counted(l.minima.count, "minimum", "minima") + ", "
            + counted(l.saddles.count, "saddle", "saddles"), source: "formula",
          summary: "\(l.formula): \(l.summary)"))
    }
    list.append(
      DatasetEntry(
        name: "idx:IMAGES,LABELS", kind: .yourImages, size: "yours", source: "IDX files (.gz or plain)",
        summary: "your own images and labels; a stratified test split is held out",
        knobs: ImageSets.idxKnobs))
    list.append(
      DatasetEntry(
        name: "csv:FILE:COLUMN", kind: .yourTable, size: "yours", source: "a CSV file with a header",
        summary: "your own table; COLUMN is the target, the other columns the features",
        knobs: CSVDataset.knobs))
    return list
  }
}

/// `1 minimum`, `4 minima`.
func counted(_ n: Int, _ one: String, _ many: String) -> String {
  "\(n) \(n == 1 ? one : many)"
}
