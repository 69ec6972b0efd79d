// swift-tools-version:6.0
import PackageDescription

// Dependencies, each chosen on purpose (see README "Dependencies"):
// - Yams: YAML front matter and site.yml, with line/column marks for diagnostics.
// - swift-argument-parser: the command-line interface.
// - FlyingFox: the preview server's HTTP and WebSocket (live reload). Maintained, pure Swift on
//   sockets with async/await, no SwiftNIO: it builds in seconds where Hummingbird or Vapor
//   take minutes, and a local preview needs nothing more.
let package = Package(
    name: "desmigratif",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "desmigratif", targets: ["desmigratif"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Brotli and libdeflate (gzip) from Debian, for `build --precompress`. libdeflate rather
        // than zlib: on the site's small pages it is 2.5 times as fast at level 6, with files no larger.
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlienc", providers: [.apt(["libbrotli-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // jemalloc from Debian, linked into the executables so it replaces glibc's malloc: the
        // build allocates and frees millions of small strings, and glibc's allocator slowed
        // down with the heap (malloc 3% of the time at 10,000 villages, 15% at 83,762).
        .systemLibrary(name: "CJemalloc", pkgConfig: "jemalloc", providers: [.apt(["libjemalloc-dev"])]),
        .target(name: "Precompress", dependencies: ["CBrotli", "CDeflate"]),
        .target(name: "Markdown", dependencies: ["CCmark", "Content"]),
        .target(name: "Content", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "Statistics", dependencies: ["Content"]),
        .target(name: "Charts", dependencies: ["Templating"]),
        .target(name: "Templating"),
        .target(name: "Search", dependencies: ["Content"]),
        .target(
            name: "Site",
            dependencies: [
                "Content", "Markdown", "Statistics", "Charts", "Templating", "Search", "Precompress",
            ]
        ),
        // The editors' studio: its pages, checks and saving; no server library (serve carries it).
        .target(
            name: "Studio",
            dependencies: ["Site", "Content", "Templating"],
            resources: [.embedInCode("Assets/studio.js"), .embedInCode("Assets/studio.css")]
        ),
        .target(name: "DevServer", dependencies: ["Site", "Content", "Statistics", "Studio", .product(name: "FlyingFox", package: "FlyingFox")]),
        .target(
            name: "Commands",
            dependencies: ["Site", "DevServer", "Search", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "desmigratif-bench", dependencies: ["Site", "Search", "CJemalloc"]),
        .executableTarget(name: "desmigratif", dependencies: ["Commands", "CJemalloc", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown", "Content"]),
        // Helpers shared by test targets (a seeded random generator); linked into tests only.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ContentTests", dependencies: ["Content", "TestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "Content"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating", "Content"]),
        .testTarget(name: "SearchTests", dependencies: ["Search", "TestSupport"]),
        .testTarget(name: "DevServerTests", dependencies: ["DevServer", "Site"]),
        .testTarget(name: "StudioTests", dependencies: ["Studio", "DevServer", "Site", "Content"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Content", "Commands", "TestSupport", "Precompress"]),
    ],
    swiftLanguageModes: [.v6]
)
