import Foundation
@testable import Site
import Testing

/// Incremental rebuilds must give exactly the bytes of a clean build, after any kind of edit.
@Suite struct IncrementalTests {
    /// Applies `edit` to the site, rebuilds incrementally, and compares the whole output with a
    /// clean build of the same content. Returns what the rebuild wrote.
    static func step(_ builder: IncrementalBuilder, site: URL, temp: TemporaryDirectory, _ label: String,
                     sourceLocation: SourceLocation = #_sourceLocation, _ edit: () throws -> Void) throws -> IncrementalBuilder.Report {
        try edit()
        let report = try builder.build()
        let clean = temp.url.appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try SiteBuilder.build(BuildOptions(contentDirectory: site.path, themeDirectory: builder.options.themeDirectory, outputDirectory: clean.path))
        let incremental = try snapshot(URL(fileURLWithPath: builder.options.outputDirectory))
        let expected = try snapshot(clean)
        let differing = Set(incremental.keys).union(expected.keys).filter { incremental[$0] != expected[$0] }.sorted()
        #expect(differing.isEmpty, "\(label): differs from a clean build in \(differing.prefix(10))", sourceLocation: sourceLocation)
        try FileManager.default.removeItem(at: clean)
        return report
    }

    static func replace(_ file: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old), "\(file.lastPathComponent) has no \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func aSequenceOfEditsMatchesCleanBuildsByteForByte() throws {
        let temp = try TemporaryDirectory()
        let (site, theme, builder) = try editableSite(in: temp)
        let first = try builder.build()
        #expect(first.written > 100)

        let nothing = try Self.step(builder, site: site, temp: temp, "no change") {}
        #expect(nothing.written == 0)

        let narrative = try Self.step(builder, site: site, temp: temp, "village narrative") {
            try Self.replace(site.appendingPathComponent("desa/kenanga.md"), "Uraian Kenanga.", "Uraian Kenanga yang baru.")
        }
        // One village narrative: that village's page and the search index files that hold it,
        // nothing else (its English page shows no Indonesian text, so its bytes stay).
        #expect(Set(narrative.writtenPaths.filter { !$0.hasPrefix("cari/index/") }) == ["desa/jawa-barat/indramayu/kenanga/index.html"])
        // Only the view that reads the narrative was made again: the village's Indonesian page.
        #expect(narrative.viewsMade == 1, "views made: \(narrative.viewsMade)")
        #expect(narrative.writtenPaths.contains { $0.hasPrefix("cari/index/id/r/") })

        // Data only (the bug Jekyll had): the registry renames a village; its pages and lists follow.
        let data = try Self.step(builder, site: site, temp: temp, "registry data") {
            try Self.replace(site.appendingPathComponent("data/desa.json"), "\"desa\": \"Kuripan\"", "\"desa\": \"Kuripan Baru\"")
        }
        #expect(data.writtenPaths.contains("desa/jawa-tengah/wonosobo/index.html"))
        #expect(data.writtenPaths.contains("data/desa.csv"))
        let indicators = try Self.step(builder, site: site, temp: temp, "indicator data") {
            try Self.replace(site.appendingPathComponent("data/indikator.json"), "\"cpmi_dilayani\": 100", "\"cpmi_dilayani\": 101")
        }
        #expect(indicators.writtenPaths.contains("statistik/index.html"))
        #expect(!indicators.writtenPaths.contains("tentang/index.html"))

        // Text other pages show: a news item's first paragraph is its summary in the news list
        // and on the home page; a pillar page's, on the home page and the pillar list.
        let summary = try Self.step(builder, site: site, temp: temp, "news summary") {
            try Self.replace(site.appendingPathComponent("berita/2024-05-22-evaluasi.md"), "\n\n", "\n\nKalimat pembuka baru. ")
        }
        #expect(summary.writtenPaths.contains("berita/index.html"))
        for (label, file, old, new) in [("pillar summary", "pilar/koperasi.md", "\n\n", "\n\nRingkasan pilar baru. "),
                                        ("news date reorders the list", "berita/2017-01-02-awal.md", "date: 2017-01-02", "date: 2025-01-02"),
                                        ("translation text", "tentang.en.md", "\n\n", "\n\nA new opening sentence. ")] {
            _ = try Self.step(builder, site: site, temp: temp, label) { try Self.replace(site.appendingPathComponent(file), old, new) }
        }
        _ = try Self.step(builder, site: site, temp: temp, "pillar title") {
            try Self.replace(site.appendingPathComponent("pilar/koperasi.md"), "title: Koperasi dan BUMDes", "title: Koperasi Desa")
        }
        _ = try Self.step(builder, site: site, temp: temp, "new news item") {
            try "---\ntitle: Kabar baru\ndate: 2024-06-01\npilar: [koperasi]\n---\n\nIsi kabar.\n".write(to: site.appendingPathComponent("berita/2024-06-01-kabar.md"), atomically: true, encoding: .utf8)
        }
        let removed = try Self.step(builder, site: site, temp: temp, "news item deleted") {
            try FileManager.default.removeItem(at: site.appendingPathComponent("berita/2017-01-02-awal.md"))
        }
        #expect(removed.removed >= 2)
        _ = try Self.step(builder, site: site, temp: temp, "translation added") {
            try "---\ntitle: News item\ndate: 2024-06-01\n---\n\nNews.\n".write(to: site.appendingPathComponent("berita/2024-06-01-kabar.en.md"), atomically: true, encoding: .utf8)
        }
        let template = try Self.step(builder, site: site, temp: temp, "template") {
            try Self.replace(theme.appendingPathComponent("templates/tahun.mustache"), "<p class=\"lead\">{{total}}</p>", "<p class=\"lead\">{{total}}.</p>")
        }
        #expect(template.writtenPaths.allSatisfy { $0.contains("tahun/") })
        _ = try Self.step(builder, site: site, temp: temp, "partial used everywhere") {
            try Self.replace(theme.appendingPathComponent("partials/layout.mustache"), "<main id=\"_isi\"", "<main data-x=\"1\" id=\"_isi\"")
        }
        _ = try Self.step(builder, site: site, temp: temp, "interface string") {
            try Self.replace(theme.appendingPathComponent("i18n/en.yml"), "beranda: Home", "beranda: Start")
        }
        _ = try Self.step(builder, site: site, temp: temp, "site.yml menu") {
            try Self.replace(site.appendingPathComponent("site.yml"), "  - name: Desa\n", "  - name: Desa-desa\n")
        }
        _ = try Self.step(builder, site: site, temp: temp, "section child") {
            try "---\ntitle: Anak bagian\n---\n\nTeks.\n".write(to: site.appendingPathComponent("tentang-kami.md"), atomically: true, encoding: .utf8)
        }
    }

    @Test func aRemovedOutputFolderIsWrittenAgainWhole() throws {
        let temp = try TemporaryDirectory()
        let (site, _, builder) = try editableSite(in: temp)
        _ = try builder.build()
        try FileManager.default.removeItem(atPath: builder.options.outputDirectory)
        let report = try Self.step(builder, site: site, temp: temp, "output folder removed") {}
        #expect(report.written > 100)
    }

    /// Every stored property of the site graph is covered by the versions that let a rebuild
    /// keep a page's key without making its view (`SiteVersions`): a property added to the
    /// graph must say how, or this fails.
    @Test func siteVersionsCoverEveryPropertyOfTheGraph() throws {
        let temp = try TemporaryDirectory()
        let (site, theme, _) = try editableSite(in: temp)
        var pipeline = Pipeline(options: BuildOptions(contentDirectory: site.path, themeDirectory: theme.path, outputDirectory: temp.path("out")))
        let prepared = try pipeline.prepare()
        let properties = Set(Mirror(reflecting: prepared.graph).children.compactMap(\.label))
        #expect(properties == Set(SiteVersions.graphCoverage.keys), "not covered: \(properties.subtracting(SiteVersions.graphCoverage.keys).sorted())")
    }

    @Test func aFailedRebuildKeepsTheLastGoodOutput() throws {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.validSite, to: site)
        let builder = IncrementalBuilder(options: BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: temp.path("public")))
        _ = try builder.build()
        let before = try snapshot(URL(fileURLWithPath: temp.path("public")))
        try "---\nkode: [\n---\n".write(to: site.appendingPathComponent("desa/kenanga.md"), atomically: true, encoding: .utf8)
        #expect(throws: BuildFailure.self) { try builder.build() }
        #expect(try snapshot(URL(fileURLWithPath: temp.path("public"))) == before)
        // Fixing the file brings the build back.
        try "---\nkode: \"32.12.16.2004\"\n---\n\nDiperbaiki.\n".write(to: site.appendingPathComponent("desa/kenanga.md"), atomically: true, encoding: .utf8)
        let fixed = try builder.build()
        #expect(fixed.writtenPaths.contains("desa/jawa-barat/indramayu/kenanga/index.html"))
    }
}
