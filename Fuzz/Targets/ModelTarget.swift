import Engine

/// A model file's bytes, decoded as `load` reads them; a model that decodes is used once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = FuzzSupport.bytes(data, size)
  guard let (network, _) = try? ModelFile.decode(bytes, path: "fuzz.mlt") else { return 0 }
  _ = ModelFile.encode(network)
  return 0
}
