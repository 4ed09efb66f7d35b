/// A dense matrix of Float32 values in row-major, contiguous storage.
///
/// Element (r, c) lives at `values[r * cols + c]`. A row vector is a 1 × n matrix.
public struct Matrix: Equatable, Sendable {
  public private(set) var rows: Int
  public private(set) var cols: Int
  public var values: [Float]

  public init(rows: Int, cols: Int, repeating value: Float = 0) {
    precondition(rows >= 0 && cols >= 0, "matrix dimensions must not be negative")
    self.rows = rows
    self.cols = cols
    self.values = [Float](repeating: value, count: rows * cols)
  }

  public init(rows: Int, cols: Int, values: [Float]) {
    precondition(values.count == rows * cols, "matrix needs rows × cols values")
    self.rows = rows
    self.cols = cols
    self.values = values
  }

  /// Builds a matrix from rows of equal length.
  public init(_ rowArrays: [[Float]]) {
    let cols = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == cols }, "rows must have equal length")
    self.init(rows: rowArrays.count, cols: cols, values: rowArrays.flatMap { $0 })
  }

  public var count: Int { values.count }
  public var shape: (rows: Int, cols: Int) { (rows, cols) }

  public subscript(row: Int, col: Int) -> Float {
    get { values[row * cols + col] }
    set { values[row * cols + col] = newValue }
  }

  /// Changes the number of rows, keeping the column count; reuses storage when it can.
  /// New entries are zero; surviving entries keep their values.
  public mutating func resize(rows newRows: Int) {
    guard newRows != rows else { return }
    let needed = newRows * cols
    if needed < values.count {
      values.removeLast(values.count - needed)
    } else {
      values.append(contentsOf: repeatElement(0, count: needed - values.count))
    }
    rows = newRows
  }

  /// Sets every entry to `value`.
  public mutating func fill(_ value: Float) {
    values.withUnsafeMutableBufferPointer { buffer in
      for i in buffer.indices { buffer[i] = value }
    }
  }

  /// The sum of squares of all entries, accumulated in Double row by row in a fixed order
  /// (`MatrixProduct.sumOfSquares`). NaN or infinite when any entry is.
  public var squaredNorm: Double {
    values.withUnsafeBufferPointer { buffer in
      guard let x = buffer.baseAddress else { return 0 }
      return MatrixProduct.sumOfSquares(rows: rows, width: cols, x)
    }
  }

  /// True when every entry is finite (no NaN, no infinity).
  public var isFinite: Bool {
    values.withUnsafeBufferPointer { buffer in
      for v in buffer where !v.isFinite { return false }
      return true
    }
  }

  /// One row as an array.
  public func row(_ r: Int) -> [Float] {
    Array(values[(r * cols)..<((r + 1) * cols)])
  }

  /// The index of the largest entry of row `r` (the first one on ties).
  public func argmax(row r: Int) -> Int {
    var best = 0
    var bestValue = -Float.infinity
    for c in 0..<cols {
      let v = values[r * cols + c]
      if v > bestValue || (c == 0) {
        bestValue = v
        best = c
      }
    }
    return best
  }
}

extension Matrix: CustomStringConvertible {
  public var description: String {
    let shown = (0..<min(rows, 6)).map { r in
      row(r).prefix(8).map { String($0) }.joined(separator: " ")
    }
    return "Matrix \(rows)×\(cols)\n" + shown.joined(separator: "\n")
  }
}
