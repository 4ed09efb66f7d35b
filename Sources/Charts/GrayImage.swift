/// A grayscale image (a 28 × 28 digit, or a neuron's weights), scaled to fit the room given,
/// two pixels a cell high: half blocks "▀" with grey levels when colour is on, shades
/// " ░▒▓█" in monochrome, the ramp " .:-=+*#%@" in ASCII. Ink is bright, paper dark.
///
///     GrayImage(bytes: digit, rows: 28, columns: 28)
///       .render(width: 28, height: 14, style: .monochrome)   // 28 × 14 cells of shades
///
/// Pixels that are NaN or infinite show as "×".
public struct GrayImage: Hashable, Sendable {
  public var rows: Int
  public var columns: Int
  /// Row-major intensities, 0 (paper) to 1 (ink).
  public var pixels: [Double]

  /// Pixels in `range` mapped to 0...1 (clamped).
  public init<V: BinaryFloatingPoint>(
    pixels: [V], rows: Int, columns: Int, range: ClosedRange<Double> = 0...1
  ) {
    self.rows = max(rows, 0)
    self.columns = max(columns, 0)
    let span = range.upperBound - range.lowerBound
    self.pixels = pixels.map { p in
      let v = Double(p)
      guard v.isFinite, span > 0 else { return v.isFinite ? 0 : v }
      return min(max((v - range.lowerBound) / span, 0), 1)
    }
  }

  /// Bytes 0...255, as stored in IDX files.
  public init(bytes: [UInt8], rows: Int, columns: Int) {
    self.init(pixels: bytes.map { Double($0) }, rows: rows, columns: columns, range: 0...255)
  }

  /// Signed values such as weights, with 0 as middle grey, scaled to the image's own range:
  /// black and white are minus and plus the magnitude that all but the largest 2% of the
  /// values stay within (the few beyond it clamp), so that a handful of outliers does not
  /// wash the rest out to a flat grey.
  public static func signed<V: BinaryFloatingPoint>(
    _ values: [V], rows: Int, columns: Int
  ) -> GrayImage {
    let magnitudes = values.lazy.map { abs(Double($0)) }.filter(\.isFinite).sorted()
    let m = magnitudes.isEmpty ? 0 : magnitudes[Int((Double(magnitudes.count - 1) * 0.98).rounded(.down))]
    let bound = m > 0 ? m : (magnitudes.last ?? 0) > 0 ? magnitudes[magnitudes.count - 1] : 1
    return GrayImage(pixels: values, rows: rows, columns: columns, range: -bound...bound)
  }

  var isEmpty: Bool { rows == 0 || columns == 0 || pixels.count < rows * columns }

  /// The scale at which the image fits `width` × `height` cells (two pixels a cell high):
  /// whole when enlarging, fractional when shrinking.
  func scale(width: Int, height: Int) -> Double {
    guard !isEmpty else { return 0 }
    let s = min(Double(width) / Double(columns), Double(2 * height) / Double(rows))
    return s >= 1 ? s.rounded(.down) : s
  }

  /// The cells the image takes at the scale that fits `width` × `height`.
  public func size(fitting width: Int, height: Int) -> (width: Int, height: Int) {
    let s = scale(width: width, height: height)
    let w = min(width, Int((Double(columns) * s).rounded(.down)))
    let h = min(height, (Int((Double(rows) * s).rounded(.down)) + 1) / 2)
    return (max(w, 0), max(h, 0))
  }

  /// The mean of the source pixels under pixel (`x`, `y`) of an image scaled to `w` × `h`.
  func pixel(_ x: Int, _ y: Int, w: Int, h: Int) -> Double {
    guard y < h else { return 0 }
    let x0 = x * columns / w
    let x1 = max(x0 + 1, (x + 1) * columns / w)
    let y0 = y * rows / h
    let y1 = max(y0 + 1, (y + 1) * rows / h)
    var sum = 0.0
    for r in y0..<min(y1, rows) {
      for c in x0..<min(x1, columns) { sum += pixels[r * columns + c] }
    }
    return sum / Double((min(y1, rows) - y0) * (min(x1, columns) - x0))
  }

  static let shades: [Character] = [" ", "░", "▒", "▓", "█"]
  static let asciiRamp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

  public func render(width: Int, height: Int, style: ChartStyle = .unicode) -> Grid {
    guard !isEmpty else { return Message.grid(Message.noData, width: width, height: height) }
    var grid = Grid(width: width, height: height)
    let (cellsWide, cellsHigh) = size(fitting: width, height: height)
    guard cellsWide > 0, cellsHigh > 0 else {
      return Message.grid(Message.tooSmall, width: width, height: height)
    }
    let s = scale(width: width, height: height)
    let pixelsHigh = max(1, min(2 * cellsHigh, Int((Double(rows) * s).rounded(.down))))
    for cy in 0..<cellsHigh {
      for cx in 0..<cellsWide {
        let upper = pixel(cx, 2 * cy, w: cellsWide, h: pixelsHigh)
        // NB: an odd number of pixel rows leaves the last cell's lower half outside the image.
        let outside = 2 * cy + 1 >= pixelsHigh
        let lower = outside ? upper : pixel(cx, 2 * cy + 1, w: cellsWide, h: pixelsHigh)
        guard upper.isFinite, lower.isFinite else {
          grid[cx, cy] = Cell(style.glyph("×", "x"), attributes: .bold)
          continue
        }
        if style.isUnicode && style.color {
          grid[cx, cy] = Cell("▀", foreground: .gray(upper), background: outside ? nil : .gray(lower))
        } else {
          let ramp = style.isUnicode ? Self.shades : Self.asciiRamp
          let level = Int(((upper + lower) / 2 * Double(ramp.count - 1)).rounded())
          grid[cx, cy] = Cell(ramp[min(max(level, 0), ramp.count - 1)])
        }
      }
    }
    return grid
  }
}
