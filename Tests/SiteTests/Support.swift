import Foundation
import Site
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

/// Every internal `href` or `src` in the generated HTML that points at no generated file, or at
/// an `#anchor` that the target page does not have: "page -> link" strings.
func internalLinkProblems(_ files: [String: [UInt8]]) throws -> [String] {
    let linkPattern = try NSRegularExpression(pattern: "(?:href|src)=\"(/[^\"#]*)(?:#([^\"]*))?\"")
    let idPattern = try NSRegularExpression(pattern: " id=\"([^\"]+)\"")
    var ids: [String: Set<String>] = [:]
    func idsOf(_ path: String) -> Set<String> {
        if let known = ids[path] { return known }
        let html = String(decoding: files[path] ?? [], as: UTF8.self)
        let found = Set(idPattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { Range($0.range(at: 1), in: html).map { String(html[$0]) } })
        ids[path] = found
        return found
    }
    var problems: [String] = []
    for (page, bytes) in files where page.hasSuffix(".html") {
        let html = String(decoding: bytes, as: UTF8.self)
        for match in linkPattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            guard let pathRange = Range(match.range(at: 1), in: html) else { continue }
            let path = String(html[pathRange])
            let relative = String(path.dropFirst())
            let target = relative.isEmpty || relative.hasSuffix("/") ? relative + "index.html" : relative
            guard files[target] != nil else {
                problems.append("\(page) -> \(path)")
                continue
            }
            if let anchorRange = Range(match.range(at: 2), in: html) {
                let anchor = String(html[anchorRange])
                let anchorPage = path.isEmpty ? page : target
                if !anchor.isEmpty, !idsOf(anchorPage).contains(anchor) { problems.append("\(page) -> \(path)#\(anchor)") }
            }
        }
    }
    return problems.sorted()
}

/// A CSV download without the sample-data label line (`# ...`) that precedes its header while
/// the site holds sample data.
func csvBody(_ text: String) -> String {
    guard text.hasPrefix("# "), let end = text.range(of: "\r\n") else { return text }
    return String(text[end.upperBound...])
}

/// A copy of the valid fixture site and of the default theme that a test may edit, and an
/// incremental builder over them writing to `public/` in the same folder.
func editableSite(in temp: TemporaryDirectory) throws -> (site: URL, theme: URL, builder: IncrementalBuilder) {
    let site = temp.url.appendingPathComponent("site")
    let theme = temp.url.appendingPathComponent("theme")
    try copySite(Paths.validSite, to: site)
    try FileManager.default.copyItem(at: Paths.theme, to: theme)
    let builder = IncrementalBuilder(options: BuildOptions(contentDirectory: site.path, themeDirectory: theme.path, outputDirectory: temp.path("public")))
    return (site, theme, builder)
}
