import EngineKernels

/// A set of examples as the trainer consumes them: features and what to predict.
///
/// Images stay as bytes and are scaled to Float only when a batch is gathered, so 60,000
/// MNIST digits take 47 MB instead of 188 MB.
public struct Examples: Sendable {
  public enum Features: Sendable {
    /// Bytes, each multiplied by `scale` when gathered (1/255 maps pixels to [0, 1]).
    case bytes([UInt8], scale: Float)
    case floats([Float])
  }

  public enum Labels: Sendable, Equatable {
    /// One class per example, each in 0..<classCount.
    case classes([Int32], classCount: Int)
    /// `width` target values per example.
    case values([Float], width: Int)
  }

  public let features: Features
  public let featureCount: Int
  public let labels: Labels
  public let count: Int

  public init(features: Features, featureCount: Int, labels: Labels) {
    let featureValues: Int
    switch features {
    case .bytes(let b, _): featureValues = b.count
    case .floats(let f): featureValues = f.count
    }
    precondition(featureCount > 0, "examples need at least one feature")
    let count = featureValues / featureCount
    precondition(count * featureCount == featureValues, "feature values must fill whole rows")
    switch labels {
    case .classes(let l, let k):
      precondition(l.count == count, "one label per example")
      precondition(l.allSatisfy { $0 >= 0 && Int($0) < k }, "labels must be in 0..<classCount")
    case .values(let v, let w):
      precondition(w > 0 && v.count == count * w, "width target values per example")
    }
    self.features = features
    self.featureCount = featureCount
    self.labels = labels
    self.count = count
  }

  /// Classification when the labels are classes.
  public var task: Task {
    if case .classes = labels { return .classification }
    return .regression
  }

  /// How many outputs a network needs: the class count, or the target width.
  public var outputCount: Int {
    switch labels {
    case .classes(_, let k): return k
    case .values(_, let w): return w
    }
  }

  /// Copies the features of `indices` into `x` (one row each), scaling bytes to Float.
  public func gather<C: Collection>(_ indices: C, into x: inout Matrix) where C.Element == Int {
    if x.cols != featureCount { x = Matrix(rows: indices.count, cols: featureCount) }
    x.resize(rows: indices.count)
    let rows = indices.map { Int64($0) }
    x.values.withUnsafeMutableBufferPointer { dst in
      rows.withUnsafeBufferPointer { r in
        guard let d = dst.baseAddress, let r = r.baseAddress else { return }
        gather(rows: r, count: rows.count, into: d)
      }
    }
  }

  /// Copies the features of examples `rows[0..<count]` into `dst`, one row each.
  func gather(rows: UnsafePointer<Int64>, count: Int, into dst: UnsafeMutablePointer<Float>) {
    let width = Int64(featureCount)
    switch features {
    case .bytes(let bytes, let scale):
      bytes.withUnsafeBufferPointer { src in
        guard let s = src.baseAddress else { return }
        mlt_gather_bytes(dst, s, rows, Int64(count), width, scale)
      }
    case .floats(let floats):
      floats.withUnsafeBufferPointer { src in
        guard let s = src.baseAddress else { return }
        mlt_gather_floats(dst, s, rows, Int64(count), width)
      }
    }
  }

  /// Starts fetching the features of `indices` into the caches without waiting for them, so
  /// that gathering them later finds them there. Changes nothing.
  public func prefetch(_ indices: ArraySlice<Int>) {
    guard !indices.isEmpty else { return }
    indices.withUnsafeBufferPointer { ip in
      guard let i = ip.baseAddress else { return }
      // NB: Int is 64 bits wide on every platform the engine builds for.
      let rows = UnsafeRawPointer(i).assumingMemoryBound(to: Int64.self)
      switch features {
      case .bytes(let bytes, _):
        bytes.withUnsafeBufferPointer { src in
          mlt_prefetch_rows(src.baseAddress, rows, Int64(ip.count), Int64(featureCount))
        }
      case .floats(let floats):
        floats.withUnsafeBufferPointer { src in
          mlt_prefetch_rows(src.baseAddress, rows, Int64(ip.count), Int64(featureCount * 4))
        }
      }
    }
  }

  /// The features of `indices` as a new matrix.
  public func features<C: Collection>(_ indices: C) -> Matrix where C.Element == Int {
    var x = Matrix(rows: 0, cols: featureCount)
    gather(indices, into: &x)
    return x
  }

  /// The targets of `indices`.
  public func targets<C: Collection>(_ indices: C) -> BatchTargets where C.Element == Int {
    switch labels {
    case .classes(let l, _):
      return .classes(indices.map { l[$0] })
    case .values(let v, let w):
      var t = Matrix(rows: indices.count, cols: w)
      for (r, i) in indices.enumerated() {
        for c in 0..<w { t.values[r * w + c] = v[i * w + c] }
      }
      return .values(t)
    }
  }

  /// The examples at `indices`, in that order.
  public func subset<C: Collection>(_ indices: C) -> Examples where C.Element == Int {
    let newFeatures: Features
    switch features {
    case .bytes(let b, let scale):
      var out = [UInt8]()
      out.reserveCapacity(indices.count * featureCount)
      for i in indices { out.append(contentsOf: b[(i * featureCount)..<((i + 1) * featureCount)]) }
      newFeatures = .bytes(out, scale: scale)
    case .floats(let f):
      var out = [Float]()
      out.reserveCapacity(indices.count * featureCount)
      for i in indices { out.append(contentsOf: f[(i * featureCount)..<((i + 1) * featureCount)]) }
      newFeatures = .floats(out)
    }
    let newLabels: Labels
    switch labels {
    case .classes(let l, let k): newLabels = .classes(indices.map { l[$0] }, classCount: k)
    case .values(let v, let w):
      var out = [Float]()
      for i in indices { out.append(contentsOf: v[(i * w)..<((i + 1) * w)]) }
      newLabels = .values(out, width: w)
    }
    return Examples(features: newFeatures, featureCount: featureCount, labels: newLabels)
  }
}
