import Content
import Foundation
@testable import Site
import Testing

@Suite struct CheckTests {
    @Test func brokenLinksAndAnchorsAreReportedAtTheirMarkdownLine() throws {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.validSite, to: site, overlays: [Paths.fixtures.appendingPathComponent("links")])
        let report = SiteChecker.check(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path))
        #expect(report.diagnostics.map { $0.description.replacingOccurrences(of: site.path, with: "SITE") } == [
            "SITE/tentang.md:6:41: error: tautan ke /tidak-ada/ tidak menuju halaman atau berkas mana pun\n    hint: diperiksa di halaman /tentang/index.html",
            "SITE/tentang.md:6:75: error: jangkar #tidak-ada tidak ada di halaman /desa/jawa-barat/indramayu/kenanga/\n    hint: diperiksa di halaman /tentang/index.html",
        ])
        #expect(report.pageCount > 30)
        #expect(report.linkCount > 500)
    }

    @Test func theValidSiteHasNoBrokenLinks() {
        let report = SiteChecker.check(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path))
        #expect(report.diagnostics.isEmpty)
    }

    @Test func contentErrorsComeFirstAndNothingIsWritten() throws {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.validSite, to: site, overlays: [Paths.invalidSites.appendingPathComponent("unknown-key")])
        let report = SiteChecker.check(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: temp.path("public")))
        #expect(report.diagnostics.count == 1)
        #expect(report.diagnostics.first?.description.contains("kunci tidak dikenal \"titel\"") == true)
        #expect(!FileManager.default.fileExists(atPath: temp.path("public")))
    }

    @Test func linkResolution() {
        #expect(SiteChecker.resolve("../pilar/", from: "desa/a/index.html")! == ("/desa/pilar/", nil))
        #expect(SiteChecker.resolve("../../pilar/", from: "desa/a/index.html")! == ("/pilar/", nil))
        #expect(SiteChecker.resolve("#x", from: "tentang/index.html")! == ("/tentang/index.html", "x"))
        #expect(SiteChecker.resolve("/a/b/?q=1#c", from: "index.html")! == ("/a/b/", "c"))
        #expect(SiteChecker.resolve("https://example.org/", from: "index.html") == nil)
        #expect(SiteChecker.resolve("mailto:x@example.org", from: "index.html") == nil)
        #expect(SiteChecker.resolve("//cdn.example/x.js", from: "index.html") == nil)
    }
}

@Suite struct ScaffoldTests {
    @Test func newVillageFileBuildsAndIsRefusedTwice() throws {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.validSite, to: site)
        let path = try Scaffold.newDesa(kode: "33.13.16.2005", contentDirectory: site.path)
        #expect(path == site.path + "/desa/plosorejo-kerjo.md")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("kode: \"33.13.16.2005\""))
        #expect(text.contains("# Plosorejo, Kecamatan Kerjo, Kabupaten Karanganyar, Jawa Tengah."))
        // The new file builds, and its narrative is on the village page.
        let generated = try SiteBuilder.generate(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path))
        let page = String(decoding: try #require(generated.files["desa/jawa-tengah/karanganyar/plosorejo-kerjo/index.html"]), as: UTF8.self)
        #expect(page.contains("<h2 id=\"community-parenting\">Community Parenting</h2>"))

        #expect(throws: Scaffold.Refusal.self) { try Scaffold.newDesa(kode: "33.13.16.2005", contentDirectory: site.path) }
        do {
            _ = try Scaffold.newDesa(kode: "32.12.16.2099", contentDirectory: site.path)
            Issue.record("unknown code accepted")
        } catch {
            #expect(error.description.contains("kode 32.12.16.2099 tidak ada di registri desa"))
        }
        #expect(throws: Scaffold.Refusal.self) { try Scaffold.newDesa(kode: "3212", contentDirectory: site.path) }
    }

    @Test func newNewsItemIsADraftThatBuilds() throws {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.validSite, to: site)
        let path = try Scaffold.newBerita(title: "Kabar: \"Desa\" baru", date: SimpleDate("2026-11-29")!, contentDirectory: site.path)
        #expect(path == site.path + "/berita/2026-11-29-kabar-desa-baru.md")
        var diagnostics = Diagnostics()
        let page = ContentPage.parse(relativePath: "berita/2026-11-29-kabar-desa-baru.md", file: path,
                                     text: try String(contentsOfFile: path, encoding: .utf8), diagnostics: &diagnostics)
        #expect(diagnostics.all.isEmpty)
        #expect(page?.frontMatter.title == "Kabar: \"Desa\" baru")
        #expect(page?.frontMatter.draft == true)
        #expect(throws: Scaffold.Refusal.self) { try Scaffold.newBerita(title: "Kabar: \"Desa\" baru", date: SimpleDate("2026-11-29")!, contentDirectory: site.path) }
        let generated = try SiteBuilder.generate(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path))
        #expect(generated.files["berita/2026-11-29-kabar-desa-baru/index.html"] == nil, "drafts are not published")
    }
}
