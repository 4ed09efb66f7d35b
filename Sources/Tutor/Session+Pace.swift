extension Session {
  /// The pace of live training now: the one set, or the one for the data.
  public var pace: Pace {
    if let pace = settings.pace { return pace }
    return Pace.automatic(
      examples: dataset?.train.count, images: dataset?.imageShape != nil, landscape: ball != nil)
  }

  /// `set pace 30`, `set pace max`, `set pace auto`.
  func setPace(_ text: String) throws(CommandError) -> [Output] {
    if text.lowercased() == "auto" {
      settings.pace = nil
      return [.line("pace = auto (\(pace.description) for this data); `train N` always runs at full speed")]
    }
    guard let pace = Pace(text) else {
      throw CommandError("pace must be steps per second (such as 30), `max` or `auto` (got '\(text)')")
    }
    settings.pace = pace
    return [.line("pace = \(pace.description) for live training; `train N` always runs at full speed")]
  }
}
