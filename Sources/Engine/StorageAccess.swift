// Raw storage of several arrays at once, for passes that hand pointers to C kernels or to
// other threads: each array's buffer is held open while `body` runs.

/// Calls `body` with the storage of every parameter's value and gradient, in order.
func withStorage<R>(
  _ parameters: [Parameter],
  _ body: ([UnsafeMutablePointer<Float>], [UnsafeMutablePointer<Float>]) -> R
) -> R {
  var values: [UnsafeMutablePointer<Float>] = []
  var gradients: [UnsafeMutablePointer<Float>] = []
  func visit(_ i: Int) -> R {
    if i == parameters.count { return body(values, gradients) }
    let p = parameters[i]
    return p.value.values.withUnsafeMutableBufferPointer { v in
      p.gradient.values.withUnsafeMutableBufferPointer { g in
        values.append(v.baseAddress!)
        gradients.append(g.baseAddress!)
        return visit(i + 1)
      }
    }
  }
  return visit(0)
}

/// Calls `body` with the storage of every array of `arrays`, in order.
func withStorage<R>(
  _ arrays: inout [[Float]], _ body: ([UnsafeMutablePointer<Float>?]) -> R
) -> R {
  var pointers: [UnsafeMutablePointer<Float>?] = []
  return arrays.withUnsafeMutableBufferPointer { outer in
    func visit(_ i: Int) -> R {
      if i == outer.count { return body(pointers) }
      return outer[i].withUnsafeMutableBufferPointer { a in
        pointers.append(a.baseAddress)
        return visit(i + 1)
      }
    }
    return visit(0)
  }
}
