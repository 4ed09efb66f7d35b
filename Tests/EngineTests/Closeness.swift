import Engine
import Testing

/// Expects `observed` within `absolute + relative·|expected|` of `expected`, and prints both
/// values and the difference when it is not.
func expectClose(
  _ observed: Double, _ expected: Double, absolute: Double = 0, relative: Double = 0,
  _ what: String = "value", sourceLocation: SourceLocation = #_sourceLocation
) {
  let difference = abs(observed - expected)
  let allowed = absolute + relative * abs(expected)
  let report = "\(what): expected \(expected), observed \(observed) "
  #expect(
    difference <= allowed, "\(report)(difference \(difference), allowed \(allowed))",
    sourceLocation: sourceLocation)
}

/// `expectClose` for Float values (compared in Double).
func expectClose(
  _ observed: Float, _ expected: Double, absolute: Double = 0, relative: Double = 0,
  _ what: String = "value", sourceLocation: SourceLocation = #_sourceLocation
) {
  expectClose(
    Double(observed), expected, absolute: absolute, relative: relative, what,
    sourceLocation: sourceLocation)
}

/// Entry-wise `expectClose` for two sequences of the same length.
func expectAllClose(
  _ observed: [Double], _ expected: [Double], absolute: Double = 0, relative: Double = 0,
  _ what: String = "values", sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    observed.count == expected.count,
    "\(what): expected \(expected.count) values, observed \(observed.count)",
    sourceLocation: sourceLocation)
  for (i, (o, e)) in zip(observed, expected).enumerated() {
    expectClose(
      o, e, absolute: absolute, relative: relative, "\(what)[\(i)]", sourceLocation: sourceLocation)
  }
}

/// The bit patterns of Float values: two arrays are bit-identical when these are equal.
func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

/// The bit patterns of every parameter of a network, in order.
func parameterBits(_ network: Network) -> [[UInt32]] {
  network.parameters.map { bits($0.value.values) }
}
