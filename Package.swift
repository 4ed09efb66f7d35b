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
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    .target(
      name: "Engine",
      dependencies: ["CBLAS", "CZlib"],
      swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
    ),
    .target(name: "Datasets", dependencies: ["Engine", "CZlib"], exclude: ["README.md"]),
    .executableTarget(
      name: "mltutor",
      dependencies: [
        "Engine", "Datasets",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "EngineTests", dependencies: ["Engine"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Engine"]),
    .testTarget(name: "CLITests", dependencies: ["Engine", "Datasets"]),
  ]
)
