// kernel-bench: the speed of the engine's matrix products on the shapes of a training step of
// 784-128-64-10 (forward X·W of each layer, the weight gradients Xᵀ·dZ, the input gradients
// dZ·Wᵀ of layers 2 and 3: 454,400 FLOP per example), on one thread.
//
//   kernel-bench [--batch 128] [--path avx512|avx2|portable] [--seconds 2] [--json]
//
// Prints GFLOP/s from the best of several timed rounds (wall clock and the thread's CPU time).
import Engine
import Foundation

struct Options {
  var batch = 128
  var path: KernelPath?
  var seconds = 2.0
  var json = false
}

func parse(_ arguments: [String]) -> Options? {
  var o = Options()
  var i = 0
  while i < arguments.count {
    let a = arguments[i]
    let value = i + 1 < arguments.count ? arguments[i + 1] : nil
    switch a {
    case "--batch": guard let v = value.flatMap(Int.init), v > 0 else { return nil }; o.batch = v; i += 1
    case "--path": guard let v = value.flatMap(KernelPath.init(rawValue:)) else { return nil }; o.path = v; i += 1
    case "--seconds": guard let v = value.flatMap(Double.init), v > 0 else { return nil }; o.seconds = v; i += 1
    case "--threads": guard value == "1" else { return nil }; i += 1  // one core: the peak it is compared with
    case "--json": o.json = true
    default: return nil
    }
    i += 1
  }
  return o
}

func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func wallSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

guard let options = parse(Array(CommandLine.arguments.dropFirst())) else {
  FileHandle.standardError.write(
    Data("usage: kernel-bench [--batch N] [--path portable|avx2|avx512] [--seconds S] [--json]\n".utf8))
  exit(2)
}
if let path = options.path {
  do { try KernelPath.use(path) } catch {
    FileHandle.standardError.write(Data("kernel-bench: \(error)\n".utf8))
    exit(1)
  }
}

/// The products of one training step of 784-128-64-10 at `n` examples, on made-up values.
struct Step {
  let weights: [Matrix]
  let activations: [Matrix]
  let gradients: [Matrix]
  var outputs: [Matrix]
  var weightGradients: [Matrix]
  var inputGradients: [Matrix]

  init(examples n: Int) {
    var generator = SeededGenerator(seed: 1)
    func random(_ rows: Int, _ cols: Int) -> Matrix {
      Matrix(rows: rows, cols: cols, values: (0..<(rows * cols)).map { _ in generator.uniform(-1, 1) })
    }
    weights = (0..<3).map { random(Step.sizes[$0], Step.sizes[$0 + 1]) }
    activations = (0..<4).map { random(n, Step.sizes[$0]) }
    gradients = (1..<4).map { random(n, Step.sizes[$0]) }
    outputs = (1..<4).map { Matrix(rows: n, cols: Step.sizes[$0]) }
    weightGradients = (0..<3).map { Matrix(rows: Step.sizes[$0], cols: Step.sizes[$0 + 1]) }
    inputGradients = (1..<3).map { Matrix(rows: n, cols: Step.sizes[$0]) }
  }

  static let sizes = [784, 128, 64, 10]
  /// Forward 2·Σ in·out, weight gradients 2·Σ in·out, input gradients of layers 2 and 3.
  static let flopPerExample = 4 * (784 * 128 + 128 * 64 + 64 * 10) + 2 * (128 * 64 + 64 * 10)

  mutating func run() {
    for l in 0..<3 {
      MatrixProduct.gemm(activations[l], weights[l], into: &outputs[l], accumulate: true)
    }
    for l in stride(from: 2, through: 0, by: -1) {
      MatrixProduct.gemm(activations[l], transposeA: true, gradients[l], into: &weightGradients[l])
      if l > 0 {
        MatrixProduct.gemm(gradients[l], weights[l], transposeB: true, into: &inputGradients[l - 1])
      }
    }
  }
}

/// The best time a step takes over `seconds` of rounds of about 50 ms: wall clock and CPU time.
func measure(_ step: inout Step, seconds: Double) -> (wall: Double, cpu: Double) {
  var best = (wall: Double.infinity, cpu: Double.infinity)
  FloatMode.flushingSubnormals {
    step.run()  // warm the caches and the packing buffer
    let started = wallSeconds()
    while wallSeconds() - started < seconds || best.wall == .infinity {
      var reps = 0
      let (w0, c0) = (wallSeconds(), cpuSeconds())
      repeat {
        step.run()
        reps += 1
      } while wallSeconds() - w0 < 0.05
      best.wall = min(best.wall, (wallSeconds() - w0) / Double(reps))
      best.cpu = min(best.cpu, (cpuSeconds() - c0) / Double(reps))
    }
  }
  return best
}

let n = options.batch
var step = Step(examples: n)
let best = measure(&step, seconds: options.seconds)
let flop = Double(Step.flopPerExample * n)
let gflops = flop / best.wall / 1e9
let gflopsCPU = flop / best.cpu / 1e9
let path = KernelPath.current.rawValue
if options.json {
  let fields = [
    "\"path\":\"\(path)\"", "\"batch\":\(n)", "\"threads\":1",
    "\"gflops\":\(String(format: "%.2f", gflops))", "\"gflops_cpu\":\(String(format: "%.2f", gflopsCPU))",
    "\"seconds\":\(String(format: "%.3e", best.wall))", "\"flop_per_example\":\(Step.flopPerExample)",
  ]
  print("{" + fields.joined(separator: ",") + "}")
} else {
  print(
    "\(path), batch \(n), 1 thread: \(String(format: "%.1f", gflops)) GFLOP/s "
      + "(\(String(format: "%.1f", gflopsCPU)) per CPU second), \(String(format: "%.1f", best.wall * 1e6)) µs a step")
}
