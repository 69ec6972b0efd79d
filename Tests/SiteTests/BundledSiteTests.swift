import Content
import Foundation
@testable import Site
import Testing

/// The bundled `content/` builds into the whole site, checked against figures recomputed here
/// straight from the registry file with Foundation's JSON decoder (not the generator's parser).
@Suite struct BundledSiteTests {
    struct RegistryFile: Decodable {
        struct Row: Decodable {
            let kode: String
            let desa: String
            let kode_kabupaten: String
            let kode_provinsi: String
            let tahun_berdiri: Int
        }
        let rows: [Row]
    }

    @Test func bundledContentBuildsEveryPage() throws {
        let site = try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.content.path, themeDirectory: Paths.theme.path))
        #expect(site.warnings.isEmpty)
        let registry = RegistryFile(rows: try JSONDecoder().decode([RegistryFile.Row].self, from: Data(contentsOf: Paths.content.appendingPathComponent("data/desa.json"))))
        #expect(registry.rows.count == 503)
        let perYear = Dictionary(grouping: registry.rows, by: \.tahun_berdiri).mapValues(\.count)
        #expect(perYear == [2016: 2, 2017: 120, 2018: 130, 2019: 150, 2021: 51, 2022: 50])

        let html = site.files.keys.filter { $0.hasSuffix("index.html") }
        let depth = { (path: String) in path.split(separator: "/").count }
        let desaPages = html.filter { $0.hasPrefix("desa/") }
        #expect(desaPages.filter { depth($0) == 5 }.count == 503)
        #expect(desaPages.filter { depth($0) == 4 }.count == Set(registry.rows.map(\.kode_kabupaten)).count)
        #expect(desaPages.filter { depth($0) == 3 }.count == Set(registry.rows.map(\.kode_provinsi)).count)
        #expect(html.filter { $0.hasPrefix("pilar/") && depth($0) == 3 }.count == 4)
        #expect(html.filter { $0.hasPrefix("tahun/") && depth($0) == 3 }.count == 7)

        let sitemap = String(decoding: try #require(site.files["sitemap.xml"]), as: UTF8.self)
        let listed = sitemap.components(separatedBy: "<loc>").count - 1
        #expect(listed == html.count)

        let home = String(decoding: try #require(site.files["index.html"]), as: UTF8.self)
        #expect(home.contains("<span class=\"value\">503</span>"))
        let about = String(decoding: try #require(site.files["tentang/index.html"]), as: UTF8.self)
        #expect(about.contains("wilayah-id"))

        // The open data's per-year counts equal those recomputed from the registry here.
        let csv = csvBody(String(decoding: try #require(site.files["data/desa-per-tahun.csv"]), as: UTF8.self))
        let counted = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(counted.map { $0[1] } == (2016...2022).map { String(perYear[$0] ?? 0) })
        #expect(counted.last?[2] == "503")
        #expect(counted.map { $0[1] } == ["2", "120", "130", "150", "0", "51", "50"])

        // Every village page shows its indicators, and /statistik/ has every figure with its table.
        let kenanga = String(decoding: try #require(site.files["desa/jawa-barat/indramayu/kenanga/index.html"]), as: UTF8.self)
        #expect(kenanga.components(separatedBy: "<svg class=\"chart\"").count - 1 == 4)
        let statistik = String(decoding: try #require(site.files["statistik/index.html"]), as: UTF8.self)
        let figures = statistik.components(separatedBy: "<figure").count - 1
        #expect(figures >= 12)
        #expect(statistik.components(separatedBy: "<table class=\"data\"").count - 1 == figures)
        #expect(try internalLinkProblems(site.files).isEmpty)
    }

    @Test func crlfContentBuildsExactlyAsLF() throws {
        // Editors on Windows save CRLF: every Markdown file of the bundled content converted.
        let temp = try TemporaryDirectory()
        let content = temp.url.appendingPathComponent("content")
        try copySite(Paths.content, to: content)
        let files = try #require(FileManager.default.enumerator(atPath: content.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }
        for file in files {
            let url = content.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(files.count > 30)
        let lf = try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.content.path, themeDirectory: Paths.theme.path))
        let crlf = try SiteBuilder.generate(BuildOptions(contentDirectory: content.path, themeDirectory: Paths.theme.path))
        #expect(crlf.files.keys.sorted() == lf.files.keys.sorted())
        let differing = lf.files.keys.filter { lf.files[$0] != crlf.files[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test func aWrittenBuildIsTheGeneratedSite() throws {
        // A build writing afresh makes the search index while the other files render and writes
        // it last; an update compares everything with what is there. Both write exactly the
        // files the in-memory build makes (which makes the index first, and keeps the pages'
        // Markdown bodies that a written build lets go of once rendered).
        let generated = try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.content.path, themeDirectory: Paths.theme.path))
        #expect(generated.files.keys.contains { $0.hasPrefix("cari/index/id/") })
        let temp = try TemporaryDirectory()
        let output = temp.url.appendingPathComponent("public")
        let options = BuildOptions(contentDirectory: Paths.content.path, themeDirectory: Paths.theme.path, outputDirectory: output.path)
        for _ in 0..<2 {
            let report = try SiteBuilder.build(options)
            #expect(report.fileCount == generated.files.count)
            #expect(report.timings.map(\.step) == ["load", "validate", "assemble", "index", "render", "write"])
            let written = try snapshot(output)
            let (made, expected) = (Set(written.keys), Set(generated.files.keys))
            #expect(made.subtracting(expected).isEmpty && expected.subtracting(made).isEmpty,
                    "extra: \(made.subtracting(expected).sorted().prefix(5)), missing: \(expected.subtracting(made).sorted().prefix(5))")
            let differing = written.keys.filter { written[$0].map(Array.init) != generated.files[$0] }.sorted()
            #expect(differing.isEmpty, "\(differing.prefix(5))")
        }
    }

    @Test func villagesNamedInPressReportsAreIncluded() throws {
        let registry = RegistryFile(rows: try JSONDecoder().decode([RegistryFile.Row].self, from: Data(contentsOf: Paths.content.appendingPathComponent("data/desa.json"))))
        let names = Set(registry.rows.map(\.desa))
        for name in ["Kenanga", "Kuripan", "Korleko", "Lenek Lauk", "Aik Prapa", "Aikmel", "Dasan Borok", "Menceh", "Anjani", "Lantan",
                     "Buntar", "Plosorejo", "Waru", "Sambirejo", "Tunggangri", "Betak", "Pagersari", "Suradadi", "Mojorejo", "Payaman", "Arjowilangun"] {
            #expect(names.contains(name), "\(name) missing")
        }
        #expect(registry.rows.first { $0.kode == "32.12.16.2004" }?.tahun_berdiri == 2016)
        #expect(registry.rows.first { $0.kode == "33.07.10.2004" }?.tahun_berdiri == 2016)
    }
}

@Suite struct CommandLineTests {
    /// The `desmigratif` executable SwiftPM built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("desmigratif")
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func brokenFrontMatterFailsNamingFileAndLineAndKeepsPublic() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "swift test builds the executable beside the tests")
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.validSite, to: site)
        let output = temp.path("public")
        let good = try Self.run(["build", "--content", site.path, "--theme", Paths.theme.path, "--output", output])
        #expect(good.status == 0)
        #expect(good.output.contains("halaman"))
        let before = try snapshot(URL(fileURLWithPath: output))

        try "---\nkode: \"32.12.16.2004\"\ntitle: [Kenanga\n---\n".write(to: site.appendingPathComponent("desa/kenanga.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: Awal\n---\n".write(to: site.appendingPathComponent("berita/2017-01-02-awal.md"), atomically: true, encoding: .utf8)
        let bad = try Self.run(["build", "--content", site.path, "--theme", Paths.theme.path, "--output", output])
        #expect(bad.status != 0)
        #expect(bad.error.contains("\(site.path)/desa/kenanga.md:4:1: error: YAML tidak sah"))
        #expect(bad.error.contains("\(site.path)/berita/2017-01-02-awal.md:1:1: error: kunci wajib \"date\""))
        #expect(bad.error.contains("2 kesalahan"))
        #expect(!bad.error.contains("Fatal error"))
        #expect(try snapshot(URL(fileURLWithPath: output)) == before)
    }

    @Test func aSelfIncludingPartialIsAnErrorWithItsPlaceNotACrash() throws {
        let temp = try TemporaryDirectory()
        let theme = temp.url.appendingPathComponent("theme")
        try copySite(Paths.theme, to: theme)
        try "<p>\n  {{> loop}}\n</p>\n".write(to: theme.appendingPathComponent("partials/loop.mustache"), atomically: true, encoding: .utf8)
        let template = theme.appendingPathComponent("templates/404.mustache")
        try (try String(contentsOf: template, encoding: .utf8)).replacingOccurrences(of: "{{$main}}", with: "{{$main}}\n{{> loop}}")
            .write(to: template, atomically: true, encoding: .utf8)
        let output = temp.path("public")
        let run = try Self.run(["build", "--content", Paths.validSite.path, "--theme", theme.path, "--output", output])
        #expect(run.status == 1, "exit status \(run.status): a signal would be above 128")
        #expect(run.error.contains("\(theme.path)/partials/loop.mustache:2:3: error: partial atau induk template bersarang lebih dari 64 tingkat"))
        #expect(run.error.contains("loop › loop"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}

@Suite struct FormattingTests {
    static let formatter = Formatter(strings: Strings(Dictionary(uniqueKeysWithValues: (1...12).map { ("bulan_\($0)", "B\($0)") })))

    @Test func indonesianNumbers() {
        #expect(Self.formatter.integer(0) == "0")
        #expect(Self.formatter.integer(503) == "503")
        #expect(Self.formatter.integer(1_234_567) == "1.234.567")
        #expect(Self.formatter.integer(-1234) == "-1.234")
        #expect(Self.formatter.decimal(12.5, fractionDigits: 1) == "12,5")
        #expect(Self.formatter.decimal(1234.56, fractionDigits: 1) == "1.234,6")
        #expect(Self.formatter.decimal(0.04, fractionDigits: 1) == "0,0")
        #expect(Self.formatter.date(SimpleDate("2024-05-22")!) == "22 B5 2024")
    }

    @Test func outputPathsCannotLeaveTheOutputFolder() throws {
        let temp = try TemporaryDirectory()
        let writer = try OutputWriter(outputDirectory: temp.path("public"), files: .local)
        defer { writer.discard() }
        var update = StagedUpdate(output: temp.path("public"), files: .local)
        defer { update.discard() }
        for bad in ["../x.html", "a/../../x", "/etc/passwd", "a//b", "", "a/./b", "a\\b", "a/\0b"] {
            #expect(throws: (any Error).self) { try writer.path(for: bad) }
            #expect(throws: (any Error).self) { try writer.write([1], to: bad) }
            #expect(throws: (any Error).self) { try update.write([1], to: bad) }
            #expect(throws: (any Error).self) { try update.remove(bad) }
        }
        #expect(try writer.path(for: "desa/x/index.html").hasPrefix(writer.staging.path))
    }
}
