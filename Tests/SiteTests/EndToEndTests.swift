import Content
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Site
import Testing

@Suite struct ValidSiteTests {
    static func generate() throws -> GeneratedSite {
        try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path))
    }

    @Test func everyRegistryVillageGetsAPageAtAStableURL() throws {
        let site = try Self.generate()
        let villages = site.files.keys.filter { $0.hasPrefix("desa/") && $0.split(separator: "/").count == 5 }.sorted()
        #expect(villages == [
            "desa/jawa-barat/indramayu/kenanga/index.html",
            "desa/jawa-tengah/karanganyar/plosorejo-kerjo/index.html",
            "desa/jawa-tengah/karanganyar/plosorejo-matesih/index.html",
            "desa/jawa-tengah/wonosobo/kuripan/index.html",
            "desa/jawa-timur/kota-batu/oro-oro-ombo/index.html",
            "desa/jawa-timur/probolinggo/rembaan/index.html",
            "desa/jawa-timur/probolinggo/sokaan/index.html",
        ])
        for path in ["index.html", "404.html", "sitemap.xml", "robots.txt", "berita/atom.xml",
                     "desa/index.html", "desa/jawa-timur/index.html", "desa/jawa-timur/kota-batu/index.html",
                     "pilar/index.html", "pilar/koperasi/index.html", "pilar/community-parenting/index.html",
                     "tahun/index.html", "tahun/2020/index.html", "berita/index.html", "tentang/index.html", "lama/tentang/index.html"] {
            #expect(site.files[path] != nil, "missing \(path)")
        }
        // Stylesheets and scripts are published under their fingerprint only.
        #expect(site.files.keys.contains { $0.hasPrefix("css/style.") && $0.hasSuffix(".css") && $0.count == "css/style.0123456789.css".count })
        #expect(site.files["css/style.css"] == nil)
    }

    @Test func namesWithQuotesAndOddSpacingReachTheHTMLIntact() throws {
        let site = try Self.generate()
        let sokaan = String(decoding: try #require(site.files["desa/jawa-timur/probolinggo/sokaan/index.html"]), as: UTF8.self)
        #expect(sokaan.contains("<dd>Soka&quot;an</dd>"))
        #expect(sokaan.contains("<h1>Desa Soka&quot;an</h1>"))
        let batu = String(decoding: try #require(site.files["desa/jawa-timur/kota-batu/oro-oro-ombo/index.html"]), as: UTF8.self)
        #expect(batu.contains("<dd>Oro-Oro  Ombo</dd>"))
        let regency = String(decoding: try #require(site.files["desa/jawa-tengah/karanganyar/index.html"]), as: UTF8.self)
        #expect(regency.contains("href=\"/desa/jawa-tengah/karanganyar/plosorejo-matesih/\">Plosorejo</a>"))
        #expect(regency.contains("href=\"/desa/jawa-tengah/karanganyar/plosorejo-kerjo/\">Plosorejo</a>"))
    }

    @Test func editorsMarkdownCannotInjectScript() throws {
        let site = try Self.generate()
        let html = String(decoding: try #require(site.files["desa/jawa-timur/probolinggo/sokaan/index.html"]), as: UTF8.self)
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\""))
    }

    @Test func sitemapListsEveryPageAndNothingElse() throws {
        let site = try Self.generate()
        let sitemap = String(decoding: try #require(site.files["sitemap.xml"]), as: UTF8.self)
        let listed = Set(sitemap.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) })
        let pages = site.files.keys.filter { $0.hasSuffix("index.html") && !$0.hasSuffix("lama/tentang/index.html") }
        let expected = Set(pages.map { "https://uji.example/" + String($0.dropLast("index.html".count)) })
        #expect(listed == expected)
        #expect(!listed.contains("https://uji.example/404.html"))
    }

    /// Past the sitemaps protocol's limit of URLs per file, `sitemap.xml` is a sitemap index of
    /// parts within the limit that list, in order, what one file would.
    @Test func sitemapSplitsIntoAnIndexPastTheLimit() throws {
        var pipeline = Pipeline(options: BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path))
        let graph = try pipeline.prepare().graph
        func locations(_ text: String) -> [String] { text.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) } }
        let whole = Feeds.sitemapFiles(graph)
        #expect(whole.map(\.path) == ["sitemap.xml"])
        let all = locations(whole[0].text)
        #expect(all.count > 12)
        let split = Feeds.sitemapFiles(graph, limit: 5)
        let partCount = (all.count + 4) / 5
        #expect(split.map(\.path) == ["sitemap.xml"] + (1...partCount).map { "sitemap-\($0).xml" })
        #expect(Feeds.sitemapFileCount(listing: all.count, limit: 5) == split.count)
        #expect(Feeds.sitemapFileCount(listing: all.count) == 1)
        let index = split[0].text
        #expect(index.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(locations(index) == (1...partCount).map { "https://uji.example/sitemap-\($0).xml" })
        #expect(!index.contains("<url>"))
        var listed: [String] = []
        for part in split.dropFirst() {
            #expect(part.text.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""))
            #expect(part.text.components(separatedBy: "<url>").count - 1 <= 5)
            listed += locations(part.text)
        }
        #expect(listed == all)
        for file in split { #expect(XMLParser(data: Data(file.text.utf8)).parse(), "\(file.path) is not well-formed XML") }
    }

    @Test func everyPageHasBreadcrumbMenuAndSampleNotice() throws {
        let site = try Self.generate()
        let village = String(decoding: try #require(site.files["desa/jawa-barat/indramayu/kenanga/index.html"]), as: UTF8.self)
        let crumbs = village.components(separatedBy: "class=\"breadcrumb").last!.components(separatedBy: "</nav>").first!
        #expect(crumbs.contains("<a href=\"/\">Beranda</a>"))
        #expect(crumbs.contains("<a href=\"/desa/jawa-barat/\">Jawa Barat</a>"))
        #expect(crumbs.contains("<a href=\"/desa/jawa-barat/indramayu/\">Kabupaten Indramayu</a>"))
        #expect(crumbs.contains("<span aria-current=\"page\">Kenanga</span>"))
        for (path, bytes) in site.files where path.hasSuffix(".html") && !path.hasSuffix("lama/tentang/index.html") {
            let html = String(decoding: bytes, as: UTF8.self)
            let english = path.hasPrefix("en/")
            #expect(html.contains("class=\"sample-notice\""), "no sample notice on \(path)")
            #expect(html.contains(english ? "aria-label=\"Main menu\"" : "aria-label=\"Menu utama\""), "no menu on \(path)")
            #expect(html.contains(english ? "<html lang=\"en\">" : "<html lang=\"id\">"), "no lang on \(path)")
        }
    }

    @Test func longPagesGetATableOfContentsWithWorkingAnchors() throws {
        let site = try Self.generate()
        let html = String(decoding: try #require(site.files["desa/jawa-barat/indramayu/kenanga/index.html"]), as: UTF8.self)
        for id in ["pusat-layanan-migrasi", "usaha-produktif", "koperasi"] {
            #expect(html.contains("<a href=\"#\(id)\">"))
            #expect(html.contains("<h2 id=\"\(id)\">"))
        }
        let short = String(decoding: try #require(site.files["tentang/index.html"]), as: UTF8.self)
        #expect(!short.contains("class=\"toc\""))
    }

    @Test func feedListsNewsNewestFirst() throws {
        let site = try Self.generate()
        let feed = String(decoding: try #require(site.files["berita/atom.xml"]), as: UTF8.self)
        let first = try #require(feed.range(of: "Evaluasi 2024"))
        let second = try #require(feed.range(of: "Awal program"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(feed.contains("<updated>2024-05-22T00:00:00+07:00</updated>"))
    }

    @Test func everyInternalLinkAndAnchorResolves() throws {
        let site = try Self.generate()
        #expect(try internalLinkProblems(site.files) == [])
    }

    @Test func statisticsPagesAndDownloads() throws {
        let site = try Self.generate()
        let statistik = String(decoding: try #require(site.files["statistik/index.html"]), as: UTF8.self)
        // Fixture indicators, CPMI served: 2017 = 10 + 20 + 5, 2018 = 30 + 40 + 7 + 100, 2019 = 8.
        let national = csvBody(String(decoding: try #require(site.files["data/pilar-pusat-layanan-migrasi-nasional.csv"]), as: UTF8.self))
        #expect(national == "tahun,cpmi_dilayani,sesi_informasi,dokumen_diverifikasi,kasus_ditangani\r\n2017,35,,,\r\n2018,177,,,\r\n2019,8,2,,\r\n")
        #expect(statistik.contains("<td class=\"num\">177</td>"))
        #expect(statistik.contains("<title id=\"grafik-desa-baru-judul\">Desa baru per tahun</title>"))
        // A package table that declares a chart is drawn from its own fields: 200 participants,
        // each role by its label from the descriptor.
        #expect(statistik.contains("seluruhnya 200."))
        #expect(statistik.contains("<th scope=\"row\">Kepala desa</th><td class=\"num\">80</td>"))
        let peserta = csvBody(String(decoding: try #require(site.files["data/sumber/evaluasi-peserta.csv"]), as: UTF8.self))
        #expect(peserta == "peran,jumlah\r\nkoordinator,40\r\nkepala-desa,80\r\npetugas,80\r\n")
        // The open-data page documents every resource: title, schema, preview, downloads; as JSON-LD too.
        let data = String(decoding: try #require(site.files["data/index.html"]), as: UTF8.self)
        #expect(data.contains("Indikator empat pilar per desa per tahun (data contoh)"))
        #expect(data.contains("<th scope=\"row\"><code>anggota_koperasi</code><br>Anggota koperasi</th><td>integer</td><td>orang</td>"))
        #expect(site.files["data/sumber/indikator.json"] != nil && site.files["data/sumber/indikator.csv"] != nil)
        let start = try #require(data.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(data.range(of: "</script>", range: start.upperBound..<data.endIndex))
        let jsonLD = try JSONSerialization.jsonObject(with: Data(data[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        #expect(jsonLD?["@type"] as? String == "DataCatalog")
        #expect((jsonLD?["dataset"] as? [Any])?.count ?? 0 > 10)
        // Every village has its download, with its codes and names.
        let all = csvBody(String(decoding: try #require(site.files["data/desa.csv"]), as: UTF8.self))
        #expect(all.split(separator: "\r\n").count == 8)
        #expect(all.contains("35.13.15.2017,\"Soka\"\"an\",35.13.15,Krejengan"))
        #expect(site.files["data/desa/3212162004.csv"] != nil)
        #expect(site.files["data/wilayah/3212.json"] != nil)
    }

    @Test func indonesianNumberFormatOnPages() throws {
        let site = try Self.generate()
        let statistik = String(decoding: try #require(site.files["statistik/index.html"]), as: UTF8.self)
        // 2018 coverage of productive businesses: Kenanga, Kuripan and Plosorejo (Matesih) report
        // businesses, of the 4 villages established by then = 75 %; 2017: 1 of 3 = 33,3 %.
        #expect(statistik.contains("<td class=\"num\">75,0 %</td>"))
        #expect(statistik.contains("<td class=\"num\">33,3 %</td>"))
        #expect(statistik.contains("<td class=\"num\">1.234") == false)
    }

    @Test func goldenPages() throws {
        let site = try Self.generate()
        for path in ["desa/jawa-barat/indramayu/kenanga/index.html", "desa/jawa-tengah/karanganyar/index.html", "tahun/2016/index.html", "sitemap.xml"] {
            try expectGolden(String(decoding: try #require(site.files[path]), as: UTF8.self), file: path.replacingOccurrences(of: "/", with: "__"))
        }
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let temp = try TemporaryDirectory()
        let first = temp.url.appendingPathComponent("a")
        let second = temp.url.appendingPathComponent("b")
        _ = try SiteBuilder.build(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path, outputDirectory: first.path))
        _ = try SiteBuilder.build(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path, outputDirectory: second.path))
        let (a, b) = (try snapshot(first), try snapshot(second))
        #expect(a.count > 30)
        #expect(a == b)
    }

    @Test func rebuildingReplacesTheOutputAndKeepsItsKeepFile() throws {
        let temp = try TemporaryDirectory()
        let output = temp.url.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data().write(to: output.appendingPathComponent(".gitkeep"))
        try Data("stale".utf8).write(to: output.appendingPathComponent("stale.html"))
        let report = try SiteBuilder.build(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path, outputDirectory: output.path))
        let files = try listFiles(output)
        #expect(files.contains(".gitkeep"))
        #expect(!files.contains("stale.html"))
        #expect(files.count == report.fileCount + 1)
        // Nothing is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["public"])
    }
}

@Suite struct InPlaceUpdateTests {
    static func inode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
    }

    @Test func rebuildingAnExistingOutputWritesOnlyChangedFiles() throws {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.validSite, to: site)
        let options = BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: temp.path("public"))
        _ = try SiteBuilder.build(options)
        let untouched = temp.path("public/desa/jawa-tengah/wonosobo/kuripan/index.html")
        let edited = temp.path("public/desa/jawa-barat/indramayu/kenanga/index.html")
        let (untouchedInode, editedInode) = (try Self.inode(untouched), try Self.inode(edited))
        let untouchedDate = try FileManager.default.attributesOfItem(atPath: untouched)[.modificationDate] as? Date

        let file = site.appendingPathComponent("desa/kenanga.md")
        try (try String(contentsOf: file, encoding: .utf8)).replacingOccurrences(of: "Uraian Kenanga.", with: "Uraian baru.").write(to: file, atomically: true, encoding: .utf8)
        _ = try SiteBuilder.build(options)
        #expect(try Self.inode(untouched) == untouchedInode)
        #expect(try FileManager.default.attributesOfItem(atPath: untouched)[.modificationDate] as? Date == untouchedDate)
        #expect(try Self.inode(edited) != editedInode, "a changed page is replaced through a new file and a rename")
        #expect(try String(contentsOfFile: edited, encoding: .utf8).contains("Uraian baru."))
        // And the result is what a clean build writes.
        _ = try SiteBuilder.build(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: temp.path("clean")))
        #expect(try snapshot(URL(fileURLWithPath: temp.path("public"))) == (try snapshot(URL(fileURLWithPath: temp.path("clean")))))
    }
}

@Suite struct InvalidSiteTests {
    static let cases: [String] = (try? FileManager.default.contentsOfDirectory(atPath: Paths.invalidSites.path).sorted()) ?? []

    /// Each folder under `Tests/Fixtures/invalid/` holds files laid over the valid site and the
    /// exact diagnostics the build must print (`SITE` stands for the content folder).
    @Test(arguments: cases)
    func badInputGivesItsDiagnosticsAndLeavesTheOutputAlone(name: String) throws {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        let overlay = Paths.invalidSites.appendingPathComponent(name)
        try copySite(Paths.validSite, to: site, overlays: [overlay])
        let output = temp.url.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("previous build".utf8).write(to: output.appendingPathComponent("index.html"))
        let before = try snapshot(output)

        do {
            _ = try SiteBuilder.build(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: output.path))
            Issue.record("\(name): the build succeeded")
        } catch {
            let printed = error.description.replacingOccurrences(of: site.path, with: "SITE") + "\n"
            let expectedFile = overlay.appendingPathComponent("expected.txt")
            if Paths.recording {
                try printed.write(to: expectedFile, atomically: true, encoding: .utf8)
            } else {
                #expect(printed == (try String(contentsOf: expectedFile, encoding: .utf8)))
            }
            #expect(error.diagnostics.contains { $0.severity == .error })
        }
        #expect(try snapshot(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).sorted() == ["public", "site"])
    }
}
