/// Terminal cells taken by a line, measured independently of the Charts module: wide East
/// Asian characters and emoji count 2, combining marks and controls 0, everything else 1.
func displayWidth(_ line: String) -> Int {
  var width = 0
  for scalar in line.unicodeScalars {
    let v = scalar.value
    switch v {
    case 0..<0x20, 0x7F..<0xA0, 0x300...0x36F, 0x200B...0x200F, 0xFE00...0xFE0F: continue
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
      0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
      0x20000...0x3FFFD:
      width += 2
    default: width += 1
    }
  }
  return width
}
