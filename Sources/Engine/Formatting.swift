extension Int {
  /// The number with thousands separated by commas: 101770 → "101,770".
  public var formatted: String {
    let digits = String(self.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return self < 0 ? "-" + out : out
  }
}
