import Tutor

/// Finds the name a typo was probably meant to be.
enum Suggestion {
  /// The candidate nearest to `word` by edit distance, if it is close enough to be a typo.
  static func closest(to word: String, among candidates: [String]) -> String? {
    CommandCatalog.closest(to: word.lowercased(), among: candidates, tolerance: 3)
  }
}
