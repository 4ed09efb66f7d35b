/// Prepares a drawing the way MNIST's digits were prepared, so a network trained on MNIST
/// sees what it is used to: the ink's bounding box is scaled (keeping its aspect ratio) to fit
/// a 20×20 box, with anti-aliasing by area averaging, and the result is placed in a 28×28
/// image so that its centre of mass falls on the image's centre (14, 14).
public enum DigitPreparation {
  /// The 784 prepared pixels (row-major, 0...1) of a 28×28 drawing; all zeros stay zeros.
  public static func prepare(_ pixels: [Float], size: Int = 28) -> [Float] {
    let n = size
    let out = [Float](repeating: 0, count: 28 * 28)
    guard pixels.count == n * n else { return out }
    var minX = n, minY = n, maxX = -1, maxY = -1
    for y in 0..<n {
      for x in 0..<n where pixels[y * n + x] > 0.05 {
        minX = min(minX, x)
        maxX = max(maxX, x)
        minY = min(minY, y)
        maxY = max(maxY, y)
      }
    }
    guard maxX >= 0 else { return out }
    let boxW = maxX - minX + 1
    let boxH = maxY - minY + 1
    let scale = 20 / Double(max(boxW, boxH))
    let newW = max(1, Int((Double(boxW) * scale).rounded()))
    let newH = max(1, Int((Double(boxH) * scale).rounded()))
    let scaled = resample(
      pixels, n: n, box: (minX, minY, boxW, boxH), to: (newW, newH))
    // Centre of mass of the scaled digit.
    var mass = 0.0, cx = 0.0, cy = 0.0
    for y in 0..<newH {
      for x in 0..<newW {
        let v = Double(scaled[y * newW + x])
        mass += v
        cx += v * (Double(x) + 0.5)
        cy += v * (Double(y) + 0.5)
      }
    }
    guard mass > 0 else { return out }
    let offsetX = Int((14 - cx / mass).rounded())
    let offsetY = Int((14 - cy / mass).rounded())
    var result = out
    for y in 0..<newH {
      for x in 0..<newW {
        let tx = x + offsetX
        let ty = y + offsetY
        guard (0..<28).contains(tx), (0..<28).contains(ty) else { continue }
        result[ty * 28 + tx] = min(1, scaled[y * newW + x])
      }
    }
    return result
  }

  /// Area-averaging resample of a box of the source into `to.0` × `to.1` pixels.
  static func resample(
    _ src: [Float], n: Int, box: (x: Int, y: Int, w: Int, h: Int), to: (Int, Int)
  ) -> [Float] {
    let (newW, newH) = to
    var out = [Float](repeating: 0, count: newW * newH)
    let sx = Double(box.w) / Double(newW)
    let sy = Double(box.h) / Double(newH)
    for oy in 0..<newH {
      let y0 = Double(oy) * sy
      let y1 = y0 + sy
      for ox in 0..<newW {
        let x0 = Double(ox) * sx
        let x1 = x0 + sx
        var sum = 0.0
        var py = Int(y0)
        while Double(py) < y1 && py < box.h {
          let hy = min(y1, Double(py + 1)) - max(y0, Double(py))
          var px = Int(x0)
          while Double(px) < x1 && px < box.w {
            let wx = min(x1, Double(px + 1)) - max(x0, Double(px))
            sum += Double(src[(box.y + py) * n + box.x + px]) * hy * wx
            px += 1
          }
          py += 1
        }
        out[oy * newW + ox] = Float(sum / (sx * sy))
      }
    }
    return out
  }
}
