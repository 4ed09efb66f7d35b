import Datasets
import Engine

/// The data a challenge is worked on and the examples it is judged on, which no command can
/// train or evaluate on: held back from the set's test split, or drawn afresh from its
/// generator with a seed of their own.
struct ChallengeData {
  let dataset: Dataset
  let judging: Examples

  static func make(
    _ challenge: Challenge, name: String, options: [String: String], split: Challenge.JudgingSplit,
    locations: DataLocations
  ) throws(CommandError) -> ChallengeData {
    let base = try load(name, options, locations)
    var test = base.test
    let judging: Examples
    var notes = base.notes
    switch split {
    case .oddTestExamples:
      judging = base.test.subset(Array(stride(from: 1, to: base.test.count, by: 2)))
      test = base.test.subset(Array(stride(from: 0, to: base.test.count, by: 2)))
      notes.append("\(judging.count.formatted) test examples are held back to judge the challenge")
    case .generated(let count, let seed):
      var fresh = options
      fresh["n"] = String(count)
      fresh["seed"] = String(seed)
      // NB: these sets are not standardised, so fresh examples need no scaling.
      judging = try load(name, fresh, locations).train
      notes.append("\(count.formatted) fresh examples judge the challenge")
    }
    let dataset = Dataset(
      name: base.name, summary: base.summary, train: base.train, test: test,
      featureNames: base.featureNames, targetName: base.targetName, classNames: base.classNames,
      imageShape: base.imageShape, source: "challenge \(challenge.name), " + base.source,
      standardizer: base.standardizer, outlierIndices: base.outlierIndices, notes: notes)
    return ChallengeData(dataset: dataset, judging: judging)
  }

  private static func load(_ name: String, _ options: [String: String], _ locations: DataLocations)
    throws(CommandError) -> Dataset
  {
    do {
      return try DatasetCatalog.load(name, options: options, locations: locations)
    } catch {
      throw CommandError(error.description)
    }
  }
}
