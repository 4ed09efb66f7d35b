import Datasets
import Foundation
import Tutor

/// Lines of commands run one after another by a fresh session, as a script would: the
/// command parser and every command's execution, on small data.
///
/// So that each input stays small and quick, and touches nothing outside the scratch folder,
/// a few lines are left out: the image data sets (seconds to load, also through the digits
/// challenge), `cost` (it times half a second of work), models of more than
/// 2,000 units in a layer, and file names with a folder in them. Training stops after
/// `stepBudget` steps in all, however much a line asks for.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommands(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  _ = FuzzSupport.emptyScratch()
  let session = Session(
    locations: DataLocations(
      embedded: FuzzSupport.root + "/Lessons/data", userData: FuzzSupport.scratch,
      fashion: FuzzSupport.scratch + "/fashion"))
  var polls = 0
  let shouldStop = {
    polls += 1
    return polls > CommandsPolicy.stepBudget
  }
  for line in FuzzSupport.text(data, size).split(separator: "\n").prefix(40) {
    let text = String(line)
    if let command = try? CommandParser.parse(text), !CommandsPolicy.allows(command) { continue }
    for output in session.execute(line: text, shouldStop: shouldStop, progress: { _ in }) {
      if case .chart(let spec, _, let height) = output {
        _ = spec.render(width: 60, height: min(max(1, height), 40), style: .unicode)
        _ = spec.render(width: 30, height: 8, style: .ascii)
      }
    }
    if session.wantsToQuit { break }
  }
  return 0
}

enum CommandsPolicy {
  static let stepBudget = 400

  static func allows(_ command: Command) -> Bool {
    switch command {
    case .data(let name, _):
      if ["mnist", "mnist-5k", "fashion"].contains(name.lowercased()) { return false }
      return !name.dropFirst(4).contains("/") && !name.contains("..")
    case .model(let spec, _):
      return !spec.split(whereSeparator: { !$0.isNumber }).contains { $0.count > 4 || (Int($0) ?? 0) > 2000 }
    case .challenge(let name):
      return name.lowercased() != "digits"
    case .cost:
      return false
    case .save(let path), .load(let path), .export(_, let path):
      return isPlainName(path)
    default:
      return true
    }
  }

  static func isPlainName(_ path: String) -> Bool {
    !path.isEmpty && !path.hasPrefix(".") && !path.hasPrefix("~") && !path.contains("/")
  }
}
