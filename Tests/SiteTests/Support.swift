import Foundation
import Testing

/// Paths of the repository and its test fixtures, found from this file's location.
enum Paths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures")
    static let validSite = fixtures.appendingPathComponent("valid")
    static let invalidSites = fixtures.appendingPathComponent("invalid")
    static let golden = fixtures.appendingPathComponent("golden")
    static let theme = repository.appendingPathComponent("themes/default")
    static let content = repository.appendingPathComponent("content")

    /// Golden files and expected diagnostics are re-recorded with `RECORD_GOLDEN=1 swift test`.
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }
}

/// A scratch folder removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("desmigratif-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}

/// Copies `source` into `destination`, then lays every file of each overlay on top.
func copySite(_ source: URL, to destination: URL, overlays: [URL] = []) throws {
    try FileManager.default.copyItem(at: source, to: destination)
    for overlay in overlays {
        for relative in try listFiles(overlay) where relative != "expected.txt" {
            let target = destination.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: overlay.appendingPathComponent(relative), to: target)
        }
    }
}

/// Every regular file below a folder, as sorted relative paths (hidden files included).
func listFiles(_ root: URL) throws -> [String] {
    let base = root.standardizedFileURL.path + "/"
    var files: [String] = []
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
        if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files.append(String(url.standardizedFileURL.path.dropFirst(base.count)))
        }
    }
    return files.sorted()
}

/// Every file below a folder with its bytes.
func snapshot(_ root: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for relative in try listFiles(root) {
        result[relative] = try Data(contentsOf: root.appendingPathComponent(relative))
    }
    return result
}

/// Compares `actual` with a golden file, or writes it when recording.
func expectGolden(_ actual: String, file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Paths.golden.appendingPathComponent(name)
    if Paths.recording {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "differs from golden file \(name); re-record with RECORD_GOLDEN=1 and read the diff", sourceLocation: sourceLocation)
}
