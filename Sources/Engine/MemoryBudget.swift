#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How many bytes mltutor may ask for: what is checked before a model, a batch or a data set
/// is allocated, so that a size typed by a learner is refused in one line instead of crashing.
///
/// The budget is the smallest of the machine's physical memory, the control group's limit
/// (cgroup v2 `memory.max`, v1 `memory.limit_in_bytes`) and `RLIMIT_AS`. The environment
/// variable `MLTUTOR_MEMORY_LIMIT` replaces it: bytes, or with a suffix K, M, G or T (powers
/// of 1024), such as `4G`.
public struct MemoryBudget: Sendable, Equatable {
  /// The bytes allowed; nil when the variable cannot be read (see `problem`).
  public let bytes: Int?
  /// Where the figure comes from: `MLTUTOR_MEMORY_LIMIT`, `physical memory`, ….
  public let origin: String
  /// Why `MLTUTOR_MEMORY_LIMIT` was not understood; nil when it was (or is not set).
  public let problem: String?

  public static let variable = "MLTUTOR_MEMORY_LIMIT"

  public init(bytes: Int, origin: String) {
    self.bytes = bytes
    self.origin = origin
    self.problem = nil
  }

  private init(problem: String) {
    self.bytes = nil
    self.origin = MemoryBudget.variable
    self.problem = problem
  }

  /// The budget of this process now: `MLTUTOR_MEMORY_LIMIT` if set, else the machine's.
  public static var current: MemoryBudget {
    let text = getenv(variable).map { String(cString: $0) }
    return from(variable: text, machine: machine)
  }

  /// The budget given the variable's text (nil when unset) and the machine's limits.
  static func from(variable text: String?, machine: MemoryBudget) -> MemoryBudget {
    guard let text, !text.isEmpty else { return machine }
    guard let bytes = parseSize(text) else {
      return MemoryBudget(
        problem: "\(variable)=\(text) is not a size: write bytes, or a number with K, M or G (for example 4G)")
    }
    return MemoryBudget(bytes: bytes, origin: variable)
  }

  /// `4096`, `512K`, `1.5G`, `2t` → bytes; nil for anything else.
  public static func parseSize(_ text: String) -> Int? {
    var digits = text.trimmingSpaces
    var scale = 1.0
    if let last = digits.last, let power = "KMGT".firstIndex(of: Character(last.uppercased())) {
      scale = pow(1024, Double("KMGT".distance(from: "KMGT".startIndex, to: power) + 1))
      digits.removeLast()
    }
    guard let value = Double(digits), value.isFinite, value >= 0 else { return nil }
    let bytes = value * scale
    return bytes < 9e18 ? Int(bytes) : Int.max
  }

  /// The machine's budget, read once: the smallest of its limits.
  static let machine: MemoryBudget = {
    var candidates: [MemoryBudget] = []
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    if pages > 0 && pageSize > 0 {
      candidates.append(MemoryBudget(bytes: pages.multipliedReportingOverflow(by: pageSize).partialValue, origin: "physical memory"))
    }
    if let limit = cgroupLimit() {
      candidates.append(MemoryBudget(bytes: limit, origin: "the control group's memory limit"))
    }
    var rlim = rlimit()
    if getrlimit(RLIMIT_AS_VALUE, &rlim) == 0 && rlim.rlim_cur < rlim_t(Int.max) {
      candidates.append(MemoryBudget(bytes: Int(rlim.rlim_cur), origin: "the address-space limit, ulimit -v"))
    }
    return candidates.min { ($0.bytes ?? .max) < ($1.bytes ?? .max) }
      ?? MemoryBudget(bytes: Int.max, origin: "no known limit")
  }()

  /// The memory limit of this process's control group, if it has one.
  static func cgroupLimit() -> Int? {
    var files: [String] = []
    for line in (readSmallFile("/proc/self/cgroup") ?? "").split(separator: "\n") {
      let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
      guard fields.count == 3 else { continue }
      let path = fields[2] == "/" ? "" : String(fields[2])
      if fields[0] == "0" && fields[1].isEmpty {
        files.append("/sys/fs/cgroup\(path)/memory.max")
      } else if fields[1].split(separator: ",").contains("memory") {
        files.append("/sys/fs/cgroup/memory\(path)/memory.limit_in_bytes")
      }
    }
    files += ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"]
    let limits = files.compactMap { readSmallFile($0).flatMap { Int($0.trimmingSpaces) } }
    // cgroup v1 writes "no limit" as a huge number near Int.max.
    return limits.filter { $0 > 0 && $0 < 1 << 60 }.min()
  }

  private static func readSmallFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard n > 0 else { return nil }
    return String(decoding: buffer[0..<n], as: UTF8.self)
  }

  /// Fails when `bytes` more (besides `held` bytes already in use for `heldWhat`) would pass
  /// the budget; the message names `what` and both figures.
  ///
  /// `model 2-1000000-2 with batch 1000000 needs 16.0 GB, more than the 4.0 GB this machine
  /// allows (MLTUTOR_MEMORY_LIMIT)`.
  public func check(_ bytes: Int, for what: String, held: Int = 0, heldWhat: String = "the data")
    throws(EngineError)
  {
    guard let limit = self.bytes else { throw .tooLarge(problem ?? "\(origin) is not valid") }
    let (total, overflow) = bytes.addingReportingOverflow(held)
    guard overflow || total > limit else { return }
    let allows = "the \(MemoryBudget.describe(limit)) this machine allows (\(origin))"
    // NB: what is already held is named only when it matters to the verdict.
    if held > 0 && bytes <= limit {
      throw .tooLarge(
        "\(what) needs \(MemoryBudget.describe(bytes)); with \(heldWhat)'s "
          + "\(MemoryBudget.describe(held)) that is more than \(allows)")
    }
    throw .tooLarge("\(what) needs \(MemoryBudget.describe(bytes)), more than \(allows)")
  }

  /// `123 bytes`, `4.0 KB`, `16.0 GB` (powers of 1024).
  public static func describe(_ bytes: Int) -> String {
    if bytes < 1024 { return "\(bytes) bytes" }
    var value = Double(bytes)
    for unit in ["KB", "MB", "GB", "TB", "PB"] {
      value /= 1024
      if value < 1024 || unit == "PB" {
        let tenths = (value * 10).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10) \(unit)"
      }
    }
    return "\(bytes) bytes"
  }
}

#if canImport(Glibc)
  private let RLIMIT_AS_VALUE = __rlimit_resource_t(RLIMIT_AS.rawValue)
#else
  private let RLIMIT_AS_VALUE = RLIMIT_AS
#endif

extension String {
  /// Without leading and trailing spaces, tabs and newlines.
  var trimmingSpaces: String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
