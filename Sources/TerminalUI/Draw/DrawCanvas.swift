import Engine
import Foundation

/// A 28×28 canvas of grey levels in 0...1 (0 is background), with a brush.
///
/// Arrow keys move the brush; with the pen down (space) each position it reaches is painted,
/// with the eraser (`x`) erased. A dab is soft-edged: a Gaussian of σ = 0.85 pixel, cut at
/// radius 2, added with `max` so that strokes keep their full ink where they overlap, which
/// gives strokes about 3 pixels wide like MNIST's.
public struct DrawCanvas: Equatable, Sendable {
  public enum Pen: Equatable, Sendable {
    case up, paint, erase
  }

  public static let size = 28
  public private(set) var pixels: [Float]
  public private(set) var brushX = 14
  public private(set) var brushY = 6
  public var pen = Pen.up

  public init() {
    pixels = [Float](repeating: 0, count: Self.size * Self.size)
  }

  public var isEmpty: Bool { !pixels.contains { $0 > 0 } }

  public subscript(x: Int, y: Int) -> Float {
    guard (0..<Self.size).contains(x), (0..<Self.size).contains(y) else { return 0 }
    return pixels[y * Self.size + x]
  }

  public mutating func clear() { pixels = [Float](repeating: 0, count: Self.size * Self.size) }

  /// Moves the brush by (dx, dy), clamped to the canvas, and applies the pen on the way.
  /// Returns whether any pixel changed.
  @discardableResult
  public mutating func move(dx: Int, dy: Int) -> Bool {
    brushX = min(max(brushX + dx, 0), Self.size - 1)
    brushY = min(max(brushY + dy, 0), Self.size - 1)
    return applyPen()
  }

  /// Puts the brush at (x, y) and applies the pen there.
  @discardableResult
  public mutating func place(x: Int, y: Int) -> Bool {
    brushX = min(max(x, 0), Self.size - 1)
    brushY = min(max(y, 0), Self.size - 1)
    return applyPen()
  }

  /// Paints (or erases) at the brush according to the pen.
  @discardableResult
  public mutating func applyPen() -> Bool {
    switch pen {
    case .up: return false
    case .paint: return dab(x: Double(brushX), y: Double(brushY), erase: false)
    case .erase: return dab(x: Double(brushX), y: Double(brushY), erase: true)
    }
  }

  /// A soft dab centred at (x, y) in pixel coordinates.
  @discardableResult
  public mutating func dab(x: Double, y: Double, erase: Bool) -> Bool {
    let sigma = 0.85
    var changed = false
    for py in max(0, Int(y) - 2)...min(Self.size - 1, Int(y) + 2) {
      for px in max(0, Int(x) - 2)...min(Self.size - 1, Int(x) + 2) {
        let d2 = (Double(px) - x) * (Double(px) - x) + (Double(py) - y) * (Double(py) - y)
        guard d2 <= 4.5 else { continue }
        let ink = Float(min(1, 1.25 * Maths.exp(-d2 / (2 * sigma * sigma))))
        let i = py * Self.size + px
        let new = erase ? min(pixels[i], 1 - ink) : max(pixels[i], ink)
        if new != pixels[i] {
          pixels[i] = new
          changed = true
        }
      }
    }
    return changed
  }
}
