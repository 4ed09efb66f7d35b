import Course

/// A lesson's `check:` expression: parsed against the quantities of the course, and when it
/// parses, evaluated with every quantity given a value (a number, text or truth by its type),
/// its quantities listed and its depth measured.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheck(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = FuzzSupport.text(data, size)
  guard let expression = try? CheckParser.parse(text) else { return 0 }
  precondition(expression.depth() <= CheckParser.maximumDepth, "a check deeper than the limit parsed")
  _ = expression.quantities
  let values: [QuantityValue] = [.value(.number(0.5)), .value(.number(-3)), .value(.string("linear")), .value(.boolean(true))]
  for value in values { _ = expression.holds { _ in value } }
  _ = expression.holds { name in name.count % 2 == 0 ? .unavailable("no model yet") : .value(.number(1)) }
  return 0
}
