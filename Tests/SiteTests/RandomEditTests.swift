import Foundation
@testable import Site
import Testing
import TestSupport

/// The property behind derived rebuild keys: whatever is edited, an incremental rebuild gives
/// exactly the bytes of a clean build (or both fail and the output keeps its last good state).
/// Edits are random but seeded, drawn from every kind of input: narratives and other pages,
/// registry and indicator data, templates, partials, interface strings and site.yml, files added
/// and removed.
@Suite struct RandomEditTests {
    static let seed: UInt64 = 0x5EED_2026
    static let editCount = 30

    /// One random edit of the site or theme; returns what it did, for failure messages.
    struct Editor {
        let site: URL
        let theme: URL
        var random: SplitMix
        var counter = 0

        mutating func edit() throws -> String {
            counter += 1
            let mark = "e\(counter)"
            switch Int.random(in: 0..<10, using: &random) {
            case 0: return try insert(in: pick(under: site, suffix: ".md"), after: "\n\n", text: "Suntingan \(mark). ")
            case 1: return try replaceLine(in: pick(under: site, suffix: ".md"), prefix: "title: ") { $0 + " \(mark)" }
            case 2: return try rename(in: site.appendingPathComponent("data/desa.json"), field: "\"desa\": \"", mark: mark)
            case 3: return try bump(in: site.appendingPathComponent("data/indikator.json"))
            case 4: return try insert(in: pick(under: theme.appendingPathComponent("templates"), suffix: ".mustache"), before: "</", text: "<!--\(mark)-->")
            case 5: return try insert(in: pick(under: theme.appendingPathComponent("partials"), suffix: ".mustache"), before: "</", text: "<!--\(mark)-->")
            case 6: return try replaceLine(in: pick(under: theme.appendingPathComponent("i18n"), suffix: ".yml"), prefix: nil) { line in
                line.hasSuffix("\"") ? String(line.dropLast()) + " \(mark)\"" : line + " \(mark)"
            }
            case 7: return try replaceLine(in: site.appendingPathComponent("site.yml"), prefix: "  - name: ") { $0 + " \(mark)" }
            case 8:
                // The synonyms file: made with a group the pages use, then new groups added.
                let file = site.appendingPathComponent("sinonim.yml")
                let existing = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
                let group = existing.isEmpty ? "- [koperasi, usaha bersama]\n" : "- [kata\(mark), frasa\(mark)]\n"
                try (existing + group).write(to: file, atomically: true, encoding: .utf8)
                return "added to sinonim.yml: \(group)"
            default:
                // A news item added, or one removed.
                let news = try files(under: site.appendingPathComponent("berita"), suffix: ".md")
                if Int.random(in: 0..<2, using: &random) == 0 || news.count < 2 {
                    let file = site.appendingPathComponent("berita/2024-07-\(String(format: "%02d", counter % 28 + 1))-\(mark).md")
                    try "---\ntitle: Kabar \(mark)\ndate: 2024-07-01\npilar: [koperasi]\n---\n\nIsi kabar \(mark).\n".write(to: file, atomically: true, encoding: .utf8)
                    return "added \(file.lastPathComponent)"
                }
                let file = news[Int.random(in: 0..<news.count, using: &random)]
                try FileManager.default.removeItem(at: file)
                return "removed \(file.lastPathComponent)"
            }
        }

        func files(under folder: URL, suffix: String) throws -> [URL] {
            try listFiles(folder).filter { $0.hasSuffix(suffix) }.map { folder.appendingPathComponent($0) }
        }

        mutating func pick(under folder: URL, suffix: String) throws -> URL {
            let candidates = try files(under: folder, suffix: suffix)
            return candidates[Int.random(in: 0..<candidates.count, using: &random)]
        }

        /// Inserts `text` at a random occurrence of `anchor` (after it, or before it).
        mutating func insert(in file: URL, after anchor: String = "", before: String = "", text: String) throws -> String {
            var content = try String(contentsOf: file, encoding: .utf8)
            let needle = anchor.isEmpty ? before : anchor
            let ranges = content.ranges(of: needle)
            guard !ranges.isEmpty else {
                content += text
                try content.write(to: file, atomically: true, encoding: .utf8)
                return "appended to \(file.lastPathComponent)"
            }
            let range = ranges[Int.random(in: 0..<ranges.count, using: &random)]
            content.insert(contentsOf: text, at: anchor.isEmpty ? range.lowerBound : range.upperBound)
            try content.write(to: file, atomically: true, encoding: .utf8)
            return "inserted into \(file.lastPathComponent)"
        }

        /// Rewrites a random line (one starting with `prefix`, or any `key: value` line).
        mutating func replaceLine(in file: URL, prefix: String?, _ change: (String) -> String) throws -> String {
            var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            let candidates = lines.indices.filter { index in
                prefix.map { lines[index].hasPrefix($0) } ?? (lines[index].contains(": ") && !lines[index].hasPrefix("#"))
            }
            guard !candidates.isEmpty else { return "nothing to change in \(file.lastPathComponent)" }
            let index = candidates[Int.random(in: 0..<candidates.count, using: &random)]
            lines[index] = change(lines[index])
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            return "changed \(file.lastPathComponent):\(index + 1)"
        }

        /// Appends to a random value of a JSON text field.
        mutating func rename(in file: URL, field: String, mark: String) throws -> String {
            try insert(in: file, before: "\", \"kecamatan\"", text: " \(mark)")
        }

        /// Adds one to a random count in the indicator data.
        mutating func bump(in file: URL) throws -> String {
            var content = try String(contentsOf: file, encoding: .utf8)
            let counts = content.ranges(of: /"(cpmi_dilayani|usaha_berjalan|anak_didampingi|anggota_koperasi)": (\d+)/)
            guard !counts.isEmpty else { return "no counts" }
            let range = counts[Int.random(in: 0..<counts.count, using: &random)]
            let match = String(content[range])
            let number = Int(match.split(separator: " ").last!)!
            content.replaceSubrange(range, with: match.replacingOccurrences(of: ": \(number)", with: ": \(number + 1)"))
            try content.write(to: file, atomically: true, encoding: .utf8)
            return "bumped \(match)"
        }
    }

    @Test func randomEditsRebuildExactlyAsCleanBuilds() throws {
        let temp = try TemporaryDirectory()
        let (site, theme, builder) = try editableSite(in: temp)
        let output = URL(fileURLWithPath: builder.options.outputDirectory)
        _ = try builder.build()
        var editor = Editor(site: site, theme: theme, random: SplitMix(state: Self.seed))
        var history: [String] = []
        var failures = 0
        for step in 1...Self.editCount {
            history.append(try editor.edit())
            let before = try snapshot(output)
            let clean = temp.url.appendingPathComponent("clean-\(step)")
            let cleanResult = Result { () throws(BuildFailure) in try SiteBuilder.build(BuildOptions(contentDirectory: site.path, themeDirectory: theme.path, outputDirectory: clean.path)) }
            let incremental = Result { () throws(BuildFailure) in try builder.build() }
            switch (cleanResult, incremental) {
            case (.success, .success):
                let expected = try snapshot(clean)
                let actual = try snapshot(output)
                let differing = Set(actual.keys).union(expected.keys).filter { actual[$0] != expected[$0] }.sorted()
                #expect(differing.isEmpty, "after \(history): differs from a clean build in \(differing.prefix(8))")
                try FileManager.default.removeItem(at: clean)
            case (.failure, .failure):
                // An edit that breaks the site fails both ways; the output keeps its last good state.
                failures += 1
                #expect(try snapshot(output) == before, "after \(history): a failed rebuild changed the output")
            default:
                Issue.record("after \(history): clean build \(cleanResult) but incremental \(incremental)")
            }
        }
        // The edits are meant to keep the site valid: most steps must have built.
        #expect(failures < Self.editCount / 4, "\(failures) of \(Self.editCount) edits broke the site: \(history)")
    }
}
