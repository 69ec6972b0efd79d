import Foundation
@testable import Site
import Testing

/// The valid fixture is published in Indonesian (default, at /) and English (under /en/).
@Suite struct LanguageTests {
    static func generate() throws -> GeneratedSite {
        try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path))
    }

    static func page(_ site: GeneratedSite, _ path: String) throws -> String {
        String(decoding: try #require(site.files[path], "missing \(path)"), as: UTF8.self)
    }

    @Test func everyPageHasItsTwinAndBack() throws {
        let site = try Self.generate()
        let indonesian = site.files.keys.filter { $0.hasSuffix(".html") && !$0.hasPrefix("en/") }
        let english = site.files.keys.filter { $0.hasPrefix("en/") && $0.hasSuffix(".html") }
        #expect(Set(english) == Set(indonesian.map { "en/" + $0 }))
        for path in indonesian where path != "lama/tentang/index.html" {
            let html = try Self.page(site, path)
            let base = "/" + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
            #expect(html.contains("<html lang=\"id\">"), "\(path)")
            #expect(html.contains("<a href=\"/en\(base)\" hreflang=\"en\" lang=\"en\">English</a>"), "switcher on \(path)")
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://uji.example/en\(base)\">"), "hreflang on \(path)")
            let twin = try Self.page(site, "en/" + path)
            #expect(twin.contains("<html lang=\"en\">"), "en/\(path)")
            #expect(twin.contains("<a href=\"\(base)\" hreflang=\"id\" lang=\"id\">Bahasa Indonesia</a>"), "switcher on en/\(path)")
            #expect(twin.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://uji.example\(base)\">"))
        }
    }

    @Test func translationsAndFallbacks() throws {
        let site = try Self.generate()
        let about = try Self.page(site, "en/tentang/index.html")
        #expect(about.contains("<h1>About &quot;test&quot; &amp; &lt;others&gt;</h1>"))
        #expect(!about.contains("translation-note"))
        // A village without an English narrative: built from the data, with a note, no Indonesian text.
        let kenanga = try Self.page(site, "en/desa/jawa-barat/indramayu/kenanga/index.html")
        #expect(kenanga.contains("class=\"translation-note\""))
        #expect(kenanga.contains("The description on this page has not been translated yet"))
        #expect(!kenanga.contains("Uraian Kenanga."))
        #expect(kenanga.contains("<dt>Village</dt><dd>Kenanga</dd>"))
        // A news item without translation: the original text, marked as Indonesian.
        let news = try Self.page(site, "en/berita/2017-01-02-awal/index.html")
        #expect(news.contains("<div class=\"prose\" lang=\"id\">"))
        // The pillar's English title is used in lists, links and breadcrumbs.
        let pillars = try Self.page(site, "en/pilar/index.html")
        #expect(pillars.contains("<a href=\"/en/pilar/koperasi/\">Cooperatives</a>"))
        // A pillar is its page: without a translation its name stays the Indonesian page title.
        #expect(pillars.contains("<a href=\"/en/pilar/usaha-produktif/\">Usaha Produktif</a>"))
        // Region names are not translated; links stay in the language.
        let province = try Self.page(site, "en/desa/jawa-tengah/index.html")
        #expect(province.contains("<a href=\"/en/desa/jawa-tengah/karanganyar/\">Kabupaten Karanganyar</a>"))
        #expect(province.contains("<li><a href=\"/en/\">Home</a></li>"))
    }

    @Test func datesAndNumbersFollowThePageLanguage() throws {
        let site = try Self.generate()
        #expect(try Self.page(site, "berita/2024-05-22-evaluasi/index.html").contains(">22 Mei 2024</time>"))
        #expect(try Self.page(site, "en/berita/2024-05-22-evaluasi/index.html").contains(">22 May 2024</time>"))
        #expect(try Self.page(site, "statistik/index.html").contains("<td class=\"num\">33,3 %</td>"))
        #expect(try Self.page(site, "en/statistik/index.html").contains("<td class=\"num\">33.3%</td>"))
        let formatterID = Formatter(strings: Strings(["format_ribuan": ".", "format_desimal": ","].merging((1...12).map { ("bulan_\($0)", "m") }) { $1 }))
        let formatterEN = Formatter(strings: Strings(["format_ribuan": ",", "format_desimal": "."].merging((1...12).map { ("bulan_\($0)", "m") }) { $1 }))
        #expect(formatterID.decimal(1234.5, fractionDigits: 1) == "1.234,5")
        #expect(formatterEN.decimal(1234.5, fractionDigits: 1) == "1,234.5")
    }

    @Test func feedsAndSitemapPerLanguage() throws {
        let site = try Self.generate()
        let feed = try Self.page(site, "en/berita/atom.xml")
        #expect(feed.contains("xml:lang=\"en\""))
        #expect(feed.contains("<title>Test Site — News</title>"))
        #expect(feed.contains("<entry xml:lang=\"id\">"))
        let sitemap = try Self.page(site, "sitemap.xml")
        #expect(sitemap.contains("<loc>https://uji.example/en/tentang/</loc>"))
        #expect(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://uji.example/en/tentang/\"/>"))
    }
}
