import TerminalUI
import Testing

@Suite struct DrawTests {
  /// Centre of mass (x, y) and bounding box height of a 28×28 image.
  func measure(_ p: [Float]) -> (x: Double, y: Double, height: Int) {
    var m = 0.0, cx = 0.0, cy = 0.0
    var top = 28, bottom = -1
    for y in 0..<28 {
      for x in 0..<28 {
        let v = Double(p[y * 28 + x])
        m += v
        cx += v * (Double(x) + 0.5)
        cy += v * (Double(y) + 0.5)
        if v > 0.05 {
          top = min(top, y)
          bottom = max(bottom, y)
        }
      }
    }
    return (cx / m, cy / m, bottom - top + 1)
  }

  @Test func aStrokeInACornerIsCentredAndScaledLikeMNIST() {
    var canvas = DrawCanvas()
    canvas.place(x: 3, y: 2)
    canvas.pen = .paint
    canvas.applyPen()
    for _ in 0..<9 { canvas.move(dx: 0, dy: 1) }
    let prepared = DigitPreparation.prepare(canvas.pixels)
    let m = measure(prepared)
    #expect(abs(m.x - 14) <= 1, "centre x \(m.x)")
    #expect(abs(m.y - 14) <= 1, "centre y \(m.y)")
    #expect((19...21).contains(m.height), "height \(m.height)")
    #expect(prepared.allSatisfy { $0 >= 0 && $0 <= 1 })
  }

  @Test func strokesAreSoftEdged() {
    var canvas = DrawCanvas()
    canvas.dab(x: 10, y: 10, erase: false)
    #expect(canvas[10, 10] == 1)
    #expect(canvas[11, 10] > 0.3 && canvas[11, 10] < 1)
    #expect(canvas[12, 12] < canvas[11, 10])
    canvas.dab(x: 10, y: 10, erase: true)
    #expect(canvas[10, 10] == 0)
  }

  @Test func anEmptyCanvasStaysEmpty() {
    #expect(DigitPreparation.prepare(DrawCanvas().pixels).allSatisfy { $0 == 0 })
  }
}
