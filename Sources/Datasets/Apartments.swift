import Engine

/// `apartments`: surface (m²) → price (k€) of flats sold in one city district.
///
/// The story: the district's rule of thumb says a flat costs about 60 k€ (location, paperwork)
/// plus 4 k€ per square metre. Real sales scatter around that line — the floor, the light, a
/// haggling buyer — by a normal noise of standard deviation `noise` k€. And a few flats sold for
/// about twice what the rule says, for reasons nobody wrote down (a view over the river?): their
/// indices in the training split are `Dataset.outlierIndices`, and their residuals stand out.
///
///     surface ~ uniform whole m² in 25...140
///     price   = 60 + 4 × surface + noise × N(0, 1)         (k€, rounded to 1 k€)
///     outlier : price = 2.2 × (60 + 4 × surface) + noise × N(0, 1)
///
/// Features stay in m² unless `scale=standard`: gradient descent on raw surfaces needs a tiny
/// learning rate, which is what the lesson on scaling shows.
enum Apartments {
  static let base: Double = 60
  static let perSquareMetre: Double = 4
  static let outlierFactor: Double = 2.2

  static let knobs = [
    DatasetKnob("n", "50", "flats in the training split"),
    DatasetKnob("test", "20", "flats in the test split (never outliers)"),
    DatasetKnob("noise", "25", "standard deviation of the price scatter, k€"),
    DatasetKnob("outliers", "3", "inexplicably expensive flats in the training split"),
    DatasetKnob("seed", "1", "random seed"),
    DatasetKnob("scale", "none", "none (surfaces in m²) or standard (z-scores)"),
  ]

  static func load(options: [String: String]) throws(DatasetError) -> Dataset {
    let settings = try Knobs(dataset: "apartments", options: options, knobs: knobs)
    let n = try settings.int("n", in: 2...100_000)
    let testCount = try settings.int("test", in: 1...100_000)
    let noise = try settings.double("noise", in: 0...1000)
    let outliers = try settings.int("outliers", in: 0...n)
    let seed = try settings.seed()
    let scale = try settings.choice("scale", ["none", "standard"])
    var generator = SeededGenerator(seed: seed)

    let chosen = Set(generator.permutation(n).prefix(outliers))
    func flats(_ count: Int, outliers: Set<Int>, _ g: inout SeededGenerator) -> ([Float], [Float]) {
      var surfaces: [Float] = []
      var prices: [Float] = []
      for i in 0..<count {
        let surface = Double(25 + g.index(below: 116))
        let expected = base + perSquareMetre * surface
        let factor = outliers.contains(i) ? outlierFactor : 1
        let price = (factor * expected + noise * g.normal()).rounded()
        surfaces.append(Float(surface))
        prices.append(Float(max(price, 1)))
      }
      return (surfaces, prices)
    }
    let (trainX, trainY) = flats(n, outliers: chosen, &generator)
    let (testX, testY) = flats(testCount, outliers: [], &generator)
    var train = Examples(features: .floats(trainX), featureCount: 1, labels: .values(trainY, width: 1))
    var test = Examples(features: .floats(testX), featureCount: 1, labels: .values(testY, width: 1))
    let standardizer = scale == "standard" ? Standardizer.standardize(train: &train, test: &test) : nil
    return Dataset(
      name: "apartments", summary: "flat surfaces (m²) and their sale prices (k€), generated",
      train: train, test: test, featureNames: ["surface (m²)"], targetName: "price (k€)",
      classNames: nil, source: "generated, seed \(seed)", standardizer: standardizer,
      outlierIndices: chosen.sorted(),
      notes: [
        "rule of thumb: price ≈ 60 k€ + 4 k€ per m², scattered by noise (k€)",
        "a few flats sold for about 2.2× the rule; their training indices are the outliers",
        "settings: \(settings.summary)",
      ])
  }
}
