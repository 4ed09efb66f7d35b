/// Keys and mouse on the drawing canvas.
extension TutorState {
  mutating func drawKey(_ event: InputEvent) -> [Effect] {
    var changed = false
    switch event {
    case .key(.up): changed = canvas.move(dx: 0, dy: -1)
    case .key(.down): changed = canvas.move(dx: 0, dy: 1)
    case .key(.left): changed = canvas.move(dx: -1, dy: 0)
    case .key(.right): changed = canvas.move(dx: 1, dy: 0)
    case .character(" "):
      canvas.pen = canvas.pen == .paint ? .up : .paint
      changed = canvas.applyPen()
    case .character("x"):
      canvas.pen = canvas.pen == .erase ? .up : .erase
      changed = canvas.applyPen()
    case .character("c"):
      changed = !canvas.isEmpty
      canvas.clear()
      canvas.pen = .up
    case .key(.escape), .key(.enter), .character("q"):
      overlay = .none
      canvas.pen = .up
      return [.stopClassifying]
    case .mouse(let m):
      changed = mouse(m)
    default: break
    }
    return changed ? [.classify(DigitPreparation.prepare(canvas.pixels))] : []
  }

  /// Paints (left button) or erases (right button) under the pointer.
  mutating func mouse(_ m: MouseEvent) -> Bool {
    let box = Layout(width: width, height: height).canvas
    let x = m.x - box.x
    let row = m.y - box.y
    guard (0..<DrawCanvas.size).contains(x), (0..<(DrawCanvas.size / 2)).contains(row) else {
      return false
    }
    switch m.action {
    case .press, .drag:
      canvas.place(x: x, y: row * 2)
      return canvas.dab(x: Double(x), y: Double(row * 2) + 0.5, erase: false)
    case .rightPress:
      canvas.place(x: x, y: row * 2)
      return canvas.dab(x: Double(x), y: Double(row * 2) + 0.5, erase: true)
    case .release:
      return false
    }
  }
}
