import Foundation

/// The time the review schedule is read against, in seconds since 1970 UTC.
///
/// `MLTUTOR_NOW` (for testing: `2026-12-01T10:00:00Z`, or whole seconds since 1970) stops the
/// clock at that moment, so that an end-to-end test can play "a day later"; a value that is
/// neither is ignored and the real time used.
public enum ReviewClock {
  /// The real time, or `MLTUTOR_NOW` when it is set and readable.
  public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
    if let text = environment["MLTUTOR_NOW"], let fixed = parse(text) { return fixed }
    return Int(Date().timeIntervalSince1970)
  }

  /// `2026-12-01T10:00:00Z` or `1795000000` as seconds since 1970 UTC; nil for anything else.
  public static func parse(_ text: String) -> Int? {
    if let seconds = Int(text), seconds >= 0, seconds <= CourseProgress.latestTime { return seconds }
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    guard let date = f.date(from: text) else { return nil }
    let seconds = Int(date.timeIntervalSince1970)
    return (0...CourseProgress.latestTime).contains(seconds) ? seconds : nil
  }

  /// `2026-12-01` for a time: the day a quiz is due, as the learner reads it.
  public static func day(_ time: Int) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withFullDate]
    return f.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
  }
}
