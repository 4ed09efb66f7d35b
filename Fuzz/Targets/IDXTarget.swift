import Datasets

/// An IDX file (plain or gzip), read as images and as labels.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let path = FuzzSupport.file(data, size, name: "data.idx")
  _ = try? IDX.readImages(path: path)
  _ = try? IDX.readLabels(path: path)
  return 0
}
