import EngineKernels

/// The engine's elementary functions (EngineKernels' `Maths.h`): plain IEEE arithmetic, the same
/// bits on every machine, where the C library would pick versions by CPU. The data generators
/// use them too, so that generated data sets are the same everywhere.
public enum Maths {
  @inline(__always) public static func exp(_ x: Double) -> Double { mlt_exp(x) }
  @inline(__always) public static func log(_ x: Double) -> Double { mlt_log(x) }
  @inline(__always) public static func sin(_ x: Double) -> Double { mlt_sin(x) }
  @inline(__always) public static func cos(_ x: Double) -> Double { mlt_cos(x) }
  /// x^y for x > 0.
  @inline(__always) public static func pow(_ x: Double, _ y: Double) -> Double { mlt_pow(x, y) }
  @inline(__always) public static func exp(_ x: Float) -> Float { mlt_expf(x) }
  @inline(__always) public static func log(_ x: Float) -> Float { mlt_logf(x) }
  @inline(__always) public static func tanh(_ x: Float) -> Float { mlt_tanhf(x) }
}

@inline(__always) func _log(_ x: Double) -> Double { mlt_log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { mlt_cos(x) }
@inline(__always) func _expf(_ x: Float) -> Float { mlt_expf(x) }
@inline(__always) func _logf(_ x: Float) -> Float { mlt_logf(x) }
@inline(__always) func _tanhf(_ x: Float) -> Float { mlt_tanhf(x) }
@inline(__always) func _powf(_ x: Float, _ y: Float) -> Float { Float(mlt_pow(Double(x), Double(y))) }
