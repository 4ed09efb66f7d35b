extension Grid {
  /// The same grid with every non-ASCII character replaced by its one-character stand-in
  /// (`ASCIIText.cell`): what a terminal that may not decode UTF-8 is sent.
  public func asciiOnly() -> Grid {
    var out = self
    for i in cells.indices where !cells[i].character.isASCII {
      out.cells[i].character = ASCIIText.cell(cells[i].character)
    }
    return out
  }
}
