import Content
import Foundation
@testable import Site
import TestSupport
import Testing

/// Classic cross-site scripting payloads in every place an editor or data staff can write, and
/// none reaching the output as active HTML.
@Suite struct HostileContentTests {
    static let payloads = [
        "<script>alert(1)</script>",
        "\"><script>alert(2)</script>",
        "' onmouseover='alert(3)",
        "\" onfocus=\"alert(4)\" autofocus=\"",
        "<img src=x onerror=alert(5)>",
        "<svg/onload=alert(6)>",
        "javascript:alert(7)",
        "<a href=\"javascript:alert(8)\">x</a>",
        "<iframe src=\"data:text/html,<script>alert(9)</script>\"></iframe>",
        "</title><script>alert(10)</script>",
        "<style>body{background:url(javascript:alert(11))}</style>",
        "{{page.title}}{{{t}}}",
    ]

    /// Active HTML a payload could have produced in a generated file: a script element (other
    /// than the site's own JSON-LD), an iframe, object or style element, an event-handler
    /// attribute, or a link or source with a javascript: or data:text URL. Tags are read
    /// attribute by attribute, so text inside a quoted value (escaped payloads) is not mistaken
    /// for markup.
    static func activeHTML(in html: String) -> [String] {
        var found: [String] = []
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            var cursor = index + 1
            func readName() -> String {
                let start = cursor
                while cursor < bytes.count, !" \t\n\r/>=".utf8.contains(bytes[cursor]) { cursor += 1 }
                return String(decoding: bytes[start..<cursor], as: UTF8.self).lowercased()
            }
            let tag = readName()
            guard let first = tag.unicodeScalars.first, first.properties.isAlphabetic else { index += 1; continue }
            var attributes: [(String, String)] = []
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") {
                if " \t\n\r/".utf8.contains(bytes[cursor]) { cursor += 1; continue }
                let name = readName()
                var value = ""
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                        let quote = bytes[cursor]
                        let start = cursor + 1
                        cursor = start
                        while cursor < bytes.count, bytes[cursor] != quote { cursor += 1 }
                        value = String(decoding: bytes[start..<min(cursor, bytes.count)], as: UTF8.self)
                        cursor += 1
                    } else {
                        value = readName()
                    }
                }
                if !name.isEmpty { attributes.append((name, value)) }
            }
            let snippet = String(decoding: bytes[index..<min(cursor + 1, bytes.count)].prefix(120), as: UTF8.self)
            if ["iframe", "object", "embed", "style"].contains(tag) { found.append(snippet) }
            // The site's own scripts: JSON-LD data and same-origin modules under /js/ (search).
            let ownScript = attributes.contains { $0.0 == "type" && $0.1 == "application/ld+json" }
                || attributes.contains { $0.0 == "src" && $0.1.hasPrefix("/js/") && !$0.1.contains("//") }
            if tag == "script", !ownScript { found.append(snippet) }
            for (name, value) in attributes {
                let decoded = value.replacingOccurrences(of: "&#", with: "").lowercased().filter { !$0.isWhitespace }
                if name.hasPrefix("on") { found.append(snippet) }
                if ["href", "src", "action", "formaction", "xlink:href"].contains(name),
                   decoded.hasPrefix("javascript:") || decoded.hasPrefix("data:text") || decoded.hasPrefix("vbscript:") {
                    found.append(snippet)
                }
            }
            index = cursor
        }
        return found
    }

    @Test func theDetectorFindsWhatItLooksFor() {
        #expect(Self.activeHTML(in: "<p onclick=\"x()\">a</p>").count == 1)
        #expect(Self.activeHTML(in: "<a href=\" javascript:alert(1)\">a</a>").count == 1)
        #expect(Self.activeHTML(in: "<script>alert(1)</script>").count == 1)
        #expect(Self.activeHTML(in: "<meta content=\"&quot; onfocus=&quot;x\"><p>&lt;script&gt;</p>").isEmpty)
        #expect(Self.activeHTML(in: "<script type=\"application/ld+json\">{}</script>").isEmpty)
        #expect(Self.activeHTML(in: "<script type=\"module\" src=\"/js/search.js\"></script>").isEmpty)
        #expect(Self.activeHTML(in: "<script src=\"https://evil.example/x.js\"></script>").count == 1)
    }

    @Test func payloadsInFrontMatterMarkdownAndDataStayInert() throws {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.validSite, to: site)
        func yamlQuoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        func jsonQuoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        for (index, payload) in Self.payloads.enumerated() {
            let body = """
            Teks \(payload) dan [tautan](javascript:alert(\(index))) dan ![gambar](javascript:alert(\(index))) dan \
            [data](data:text/html;base64,PHNjcmlwdD4=) dan <a href="javascript:alert(1)">mentah</a>

            \(payload)
            """
            try """
            ---
            title: \(yamlQuoted(payload))
            description: \(yamlQuoted(payload))
            summary: \(yamlQuoted(payload))
            date: 2024-0\(1 + index % 9)-1\(index % 9)
            ---

            \(body)
            """.write(to: site.appendingPathComponent("berita/xss-\(index).md"), atomically: true, encoding: .utf8)
        }
        // Data staff's values: village names in the registry, and the data set's provenance.
        let registry = site.appendingPathComponent("data/desa.json")
        var text = try String(contentsOf: registry, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"desa\": \"Kuripan\"", with: "\"desa\": \(jsonQuoted(Self.payloads[1]))")
        text = text.replacingOccurrences(of: "\"desa\": \"Kenanga\"", with: "\"desa\": \(jsonQuoted(Self.payloads[3]))")
        text = text.replacingOccurrences(of: "\"title\": \"Registri uji\"", with: "\"title\": \(jsonQuoted(Self.payloads[0]))")
        text = text.replacingOccurrences(of: "\"kecamatan\": \"Matesih\"", with: "\"kecamatan\": \(jsonQuoted(Self.payloads[4]))")
        try text.write(to: registry, atomically: true, encoding: .utf8)

        let generated = try SiteBuilder.generate(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path))
        var problems: [String] = []
        for (path, bytes) in generated.files where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            for hit in Self.activeHTML(in: String(decoding: bytes, as: UTF8.self)) { problems.append("\(path): \(hit)") }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        // The payloads are there, as text.
        let page = String(decoding: try #require(generated.files["berita/xss-1/index.html"]), as: UTF8.self)
        #expect(page.contains("<h1>&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</h1>"))
        #expect(page.contains("content=\"Data contoh, bukan data resmi Kemnaker — &quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\""))
        // The renamed village keeps a safe URL (its slug) and shows its name as text.
        let villagePath = try #require(generated.files.keys.first { $0.hasPrefix("desa/jawa-barat/indramayu/") && $0.split(separator: "/").count == 5 })
        #expect(villagePath == "desa/jawa-barat/indramayu/onfocus-alert-4-autofocus/index.html")
        let village = String(decoding: try #require(generated.files[villagePath]), as: UTF8.self)
        #expect(village.contains("&quot; onfocus=&quot;alert(4)&quot; autofocus=&quot;"))
        // Downloads carry the text as data, escaped for their format.
        let csv = csvBody(String(decoding: try #require(generated.files["data/desa.csv"]), as: UTF8.self))
        #expect(csv.contains("\"\"\"><script>alert(2)</script>\""))
    }

    @Test func everyPageForbidsInlineScript() throws {
        let generated = try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path))
        for (path, bytes) in generated.files where path.hasSuffix(".html") && !path.hasSuffix("lama/tentang/index.html") {
            let html = String(decoding: bytes, as: UTF8.self)
            #expect(html.contains("content=\"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'\""), "\(path)")
        }
    }
}

/// A seeded random fuzzer over front matter and data decoding: mutated inputs must give a value
/// or diagnostics, never a crash or a hang. Bounded in count and time so it runs in `make test`.
@Suite struct DecodingFuzzTests {
    static let pieces: [String] = ["---", "\n", ":", " ", "\"", "'", "[", "]", "{", "}", ",", "&a", "*a", "!!binary", "|", ">", "#", "-", "\\", "\\u",
                                   "\u{0}", "\u{7}", "é", "😀", "title", "kode", "date", "2024-05-22", "32.12.16.2004", "null", "true", "0", "-1", "1e999",
                                   "\u{FEFF}", "\r", "\t", "..", "/", "%", "<script>"]

    static func mutate(_ text: String, _ random: inout SplitMix) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 1...6, using: &random) {
            let position = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where !scalars.isEmpty: scalars.remove(at: position)
            case 1: scalars.insert(contentsOf: pieces.randomElement(using: &random)!.unicodeScalars, at: position)
            case 2 where !scalars.isEmpty: scalars.removeSubrange(position..<min(scalars.count, position + Int.random(in: 1...20, using: &random)))
            default:
                let piece = pieces.randomElement(using: &random)!.unicodeScalars
                scalars.insert(contentsOf: Array(repeating: piece, count: Int.random(in: 1...50, using: &random)).joined(), at: position)
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    @Test func mutatedFrontMatterAndDataNeverCrash() throws {
        let front = try String(contentsOf: Paths.validSite.appendingPathComponent("berita/2024-05-22-evaluasi.md"), encoding: .utf8)
        let desa = try String(contentsOf: Paths.validSite.appendingPathComponent("desa/kenanga.md"), encoding: .utf8)
        // The data package: descriptor, JSON registry and indicators, CSV table; one of them mutated per run.
        let dataFiles = ["datapackage.json", "desa.json", "indikator.json", "evaluasi-peserta.csv"]
        var texts: [String: String] = [:]
        for name in dataFiles {
            texts[name] = try String(contentsOf: Paths.validSite.appendingPathComponent("data/\(name)"), encoding: .utf8)
        }
        var base = Diagnostics()
        _ = try #require(ProgramData.read(descriptor: texts["datapackage.json"]!, file: "datapackage.json", resources: texts, display: { $0 }, diagnostics: &base))
        var random = SplitMix(state: 20_240_522)
        let deadline = ContinuousClock.now + .seconds(8)
        var runs = 0
        while runs < 3000, ContinuousClock.now < deadline {
            runs += 1
            var diagnostics = Diagnostics()
            let page = ContentPage.parse(relativePath: runs % 2 == 0 ? "berita/x.md" : "desa/x.md", file: "x.md",
                                         text: Self.mutate(runs % 2 == 0 ? front : desa, &random), diagnostics: &diagnostics)
            #expect(page != nil || diagnostics.hasErrors)
            var dataDiagnostics = Diagnostics()
            var mutated = texts
            let target = dataFiles[runs % dataFiles.count]
            mutated[target] = Self.mutate(texts[target]!, &random)
            let decoded = ProgramData.read(descriptor: mutated["datapackage.json"]!, file: "datapackage.json", resources: mutated, display: { $0 },
                                           diagnostics: &dataDiagnostics)
            #expect(decoded != nil || dataDiagnostics.hasErrors)
            for diagnostic in diagnostics.all + dataDiagnostics.all {
                #expect(diagnostic.position.line >= 1 && diagnostic.position.column >= 1)
            }
        }
        #expect(runs >= 200)
    }
}
