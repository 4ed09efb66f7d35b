// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "mltutor",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "mltutor", targets: ["mltutor"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    .systemLibrary(name: "CLibEdit", path: "Sources/CLibEdit"),
    .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
    .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
    .target(name: "CLibEditShim"),
    .target(name: "EngineKernels"),
    .target(
      name: "Engine",
      dependencies: ["CZlib", "EngineKernels"],
      swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
    ),
    .target(name: "Datasets", dependencies: ["Engine", "CZlib"], exclude: ["README.md"]),
    .target(name: "Charts", exclude: ["README.md"]),
    .target(name: "Tutor", dependencies: ["Engine", "Datasets", "Charts"]),
    .target(name: "Course", dependencies: ["Tutor", "Engine", "Datasets", "Charts"], exclude: ["README.md"]),
    .target(
      name: "REPL", dependencies: ["Course", "Tutor", "Charts", "Datasets", "Engine", "CLibEdit", "CLibEditShim"],
      exclude: ["README.md"]),
    .target(
      name: "TerminalUI", dependencies: ["Tutor", "Course", "Charts", "Engine", "Datasets", "CNCursesW"],
      exclude: ["README.md"]),
    .executableTarget(name: "chart-bench", dependencies: ["Charts"], path: "Benchmarks/ChartBench"),
    .executableTarget(name: "kernel-bench", dependencies: ["Engine"], path: "Benchmarks/KernelBench"),
    .executableTarget(
      name: "tutor-bench", dependencies: ["TerminalUI", "Tutor", "Course", "Datasets", "Charts"],
      path: "Benchmarks/TutorBench"),
    .executableTarget(
      name: "mltutor",
      dependencies: [
        "Engine", "Datasets", "Charts", "Tutor", "REPL", "Course", "TerminalUI", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "EngineTests", dependencies: ["Engine"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Engine"]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "ChartsTests", dependencies: ["Charts", "TestSupport"], exclude: ["__Snapshots__"]),
    .testTarget(
      name: "TutorTests", dependencies: ["Tutor", "Engine", "Datasets", "Charts", "TestSupport"],
      exclude: ["__Snapshots__"]),
    .testTarget(name: "REPLTests", dependencies: ["REPL", "Tutor", "Charts", "Datasets", "Engine", "TestSupport"]),
    .testTarget(name: "CourseTests", dependencies: ["Course", "Tutor", "Datasets"], exclude: ["Fixtures"]),
    .testTarget(
      name: "TerminalUITests", dependencies: ["TerminalUI", "Tutor", "Charts", "Engine", "Datasets", "TestSupport"],
      exclude: ["__Snapshots__"]),
    .testTarget(name: "CLITests", dependencies: ["Engine", "Datasets", "Course", "TerminalUI"]),
  ]
)
