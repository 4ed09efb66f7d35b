import EngineKernels

/// The instruction set the engine's matrix products run on.
///
/// Every path gives the same bits (each output element is the sum over k in ascending order, one
/// fused multiply-add at a time); they differ only in speed. The fastest one the CPU and the OS
/// support is chosen on first use, from CPUID and XGETBV; `MLTUTOR_KERNELS` asks for one.
public enum KernelPath: String, CaseIterable, Sendable {
  /// Scalar `fmaf`: any CPU.
  case portable
  /// AVX2 with FMA, 8 lanes.
  case avx2
  /// AVX-512F, 16 lanes.
  case avx512

  /// The environment variable that asks for a path.
  public static let environmentVariable = "MLTUTOR_KERNELS"

  /// Whether this CPU (and the OS's saved state) can run the path.
  public var isAvailable: Bool { mlt_path_available(cPath) != 0 }

  /// The paths this machine can run, slowest first.
  public static var available: [KernelPath] { allCases.filter(\.isAvailable) }

  /// The path in use.
  public static var current: KernelPath {
    KernelPath(cPath: mlt_path_current())
  }

  /// Uses `path` from the next product on; refuses a path the CPU lacks.
  public static func use(_ path: KernelPath) throws(EngineError) {
    guard mlt_path_use(path.cPath) != 0 else { throw .invalidSetting(unavailable(path)) }
  }

  /// What is wrong with `MLTUTOR_KERNELS`, when it is set to an unknown name or a path this CPU
  /// lacks (the engine then uses the fastest path it has); nil when it is unset or usable.
  public static func problem(withEnvironment value: String?) -> String? {
    guard let value else { return nil }
    guard let path = KernelPath(rawValue: value) else {
      let names = allCases.map(\.rawValue).joined(separator: ", ")
      return "\(environmentVariable)=\(value) is not a kernel path (use one of \(names))"
    }
    return path.isAvailable ? nil : "\(environmentVariable)=\(value): " + unavailable(path)
  }

  private static func unavailable(_ path: KernelPath) -> String {
    let have = available.map(\.rawValue).joined(separator: ", ")
    return "this CPU cannot run the \(path.rawValue) kernels (it can run: \(have))"
  }

  var cPath: mlt_path {
    switch self {
    case .portable: return MLT_PATH_PORTABLE
    case .avx2: return MLT_PATH_AVX2
    case .avx512: return MLT_PATH_AVX512
    }
  }

  init(cPath: mlt_path) {
    switch cPath {
    case MLT_PATH_AVX512: self = .avx512
    case MLT_PATH_AVX2: self = .avx2
    default: self = .portable
    }
  }
}
