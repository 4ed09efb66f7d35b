/// A problem with a data set, in one line a learner can act on.
///
/// The description names the file and the place in it when there is one:
/// `train.idx.gz: byte 16: expected 7,840 bytes of images, found 100` or
/// `prices.csv:3:9: "abc" is not a number (column "surface")`.
public struct DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file or data set the problem is in, if any.
  public let file: String?
  /// Where in the file: `byte 16`, `3:9` (line and column), or nil.
  public let place: String?
  /// What is wrong.
  public let problem: String

  public init(file: String? = nil, place: String? = nil, _ problem: String) {
    self.file = file
    self.place = place
    self.problem = problem
  }

  /// A problem at a byte offset of a file (offsets count from 0).
  public static func atByte(_ file: String, _ offset: Int, _ problem: String) -> DatasetError {
    DatasetError(file: file, place: "byte \(offset)", problem)
  }

  /// A problem at a line and column of a text file (both count from 1).
  public static func atLine(_ file: String, line: Int, column: Int, _ problem: String)
    -> DatasetError
  {
    DatasetError(file: file, place: "\(line):\(column)", problem)
  }

  public var description: String {
    switch (file, place) {
    case (let f?, let p?) where p.first?.isNumber == true: return "\(f):\(p): \(problem)"
    case (let f?, let p?): return "\(f): \(p): \(problem)"
    case (let f?, nil): return "\(f): \(problem)"
    case (nil, let p?): return "\(p): \(problem)"
    case (nil, nil): return problem
    }
  }
}
