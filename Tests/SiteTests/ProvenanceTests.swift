import Content
import Foundation
@testable import Site
import Testing

/// A public record is worth what its claims are worth: every village's year and every figure is
/// either linked to a source or marked illustrative where it stands, and every output that leaves
/// the site carries the sample label while the site holds sample data.
@Suite struct ProvenanceTests {
    static func text(_ site: GeneratedSite, _ path: String) throws -> String {
        String(decoding: try #require(site.files[path], "\(path) missing"), as: UTF8.self)
    }

    /// The pieces of `html` that start with `marker`, each up to `length` characters.
    static func pieces(_ html: String, after marker: String, length: Int = 600) -> [Substring] {
        var result: [Substring] = []
        var rest = html[...]
        while let range = rest.range(of: marker) {
            let end = rest.index(range.upperBound, offsetBy: length, limitedBy: rest.endIndex) ?? rest.endIndex
            result.append(rest[range.lowerBound..<end])
            rest = rest[range.upperBound...]
        }
        return result
    }

    @Test func everyVillageYearAndFigureIsSourcedOrMarked() throws {
        let site = try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.content.path, themeDirectory: Paths.theme.path))
        var villagePages = 0, sourcedYears = 0, listedYears = 0, figures = 0
        for (path, bytes) in site.files where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            // A village page: its year in the facts, with its source or the illustrative mark.
            let parts = path.split(separator: "/")
            if (parts.first == "desa" && parts.count == 5) || (parts.first == "en" && parts.count == 6 && parts[1] == "desa") {
                villagePages += 1
                for label in ["Tahun berdiri</dt><dd>", "Year established</dt><dd>"] {
                    for fact in Self.pieces(html, after: label) {
                        let dd = fact[..<(fact.range(of: "</dd>")?.lowerBound ?? fact.endIndex)]
                        #expect(dd.contains("href=\"http") || dd.contains("class=\"ilustrasi\""), "\(path): \(dd)")
                        if dd.contains("href=\"http") { sourcedYears += 1 }
                    }
                }
            }
            // Every year in a list of villages (after the name, or in a year's table): linked to
            // its source or marked *, with the legend that says what * means on the same page.
            // Village lists are on regency and village pages; years' tables on the years' pages.
            let local = parts.first == "en" ? parts.dropFirst() : parts[...]
            let lists: [(marker: String, end: String)] = switch (local.first, local.count) {
            case ("desa", 4), ("desa", 5): [("<span class=\"meta\">(", ")</span>")]
            case ("tahun", 3): [("<td>", "</td>")]
            default: []
            }
            var marked = false
            for (marker, end) in lists {
                for piece in Self.pieces(html, after: marker, length: 400) {
                    let cell = piece.dropFirst(marker.count)
                    // A year: four digits, no fifth.
                    guard cell.prefix(5).prefix(while: \.isNumber).count == 4 else { continue }
                    listedYears += 1
                    let after = cell.dropFirst(4)
                    let own = after[..<(after.range(of: end)?.lowerBound ?? after.endIndex)]
                    #expect(own == "*" || own.hasPrefix(" <a class=\"bukti\""), "\(path): \(cell.prefix(200))")
                    marked = marked || own == "*"
                }
            }
            if marked {
                #expect(html.contains("Tahun bertanda * berasal dari sampel ilustratif") || html.contains("Years marked * come from the illustrative sample"),
                        "\(path): years marked * without the legend")
            }
            // Every figure names its data and, for sample data, says so.
            for figure in Self.pieces(html, after: "<figure class=\"figure\"", length: 200_000) {
                let body = figure[..<(figure.range(of: "</figure>")?.lowerBound ?? figure.endIndex)]
                figures += 1
                #expect(body.contains("<p class=\"sumber-gambar\">"), "\(path): a figure without its source")
                if body.contains("data contoh") || body.contains("sample data") {
                    #expect(body.contains("class=\"ilustrasi\""), "\(path): a sample-data figure not marked")
                }
            }
        }
        #expect(villagePages == 2 * 503)
        // The years the press gives (DOMAIN.md and the sources it points to): 14 villages, both languages.
        #expect(sourcedYears == 2 * 14)
        #expect(listedYears > 1000)
        #expect(figures > 1000)
        // The program's headline figures on the home page carry citations.
        let home = try Self.text(site, "index.html")
        let prose = try #require(home.components(separatedBy: "<div class=\"prose\">").dropFirst().first)
        let paragraph = try #require(prose.components(separatedBy: "<p>").first { $0.contains("503") })
        #expect(paragraph.contains("<sup class=\"kutipan\">"))
    }

    @Test func pressReportedVillagesHaveThePressYears() throws {
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Paths.content.appendingPathComponent("data/desa.json"))) as? [[String: Any]])
        func row(_ kode: String) -> [String: Any]? { rows.first { $0["kode"] as? String == kode } }
        let expected: [(String, Int)] = [
            ("32.12.16.2004", 2016), ("33.07.10.2004", 2016),  // Kenanga, Kuripan: the pilots
            ("33.13.15.2007", 2018), ("33.13.05.2008", 2018),  // Buntar, Plosorejo (Matesih)
            ("33.13.14.2007", 2019), ("33.13.04.2009", 2019),  // Waru, Sambirejo
            ("35.07.11.2008", 2017),  // Arjowilangun, prepared for the 2017 cohort
            ("52.03.13.2008", 2018),  // Dasan Borok
            ("52.02.12.2001", 2022),  // Lantan, after the pandemic
        ]
        for (kode, year) in expected {
            let village = try #require(row(kode), "\(kode) missing")
            #expect(village["tahun_berdiri"] as? Int == year, "\(kode)")
            #expect(village["sumber_tahun"] as? String != nil, "\(kode) has no source for its year")
        }
        // The invented per-village evaluation ratings are gone.
        #expect(!FileManager.default.fileExists(atPath: Paths.content.appendingPathComponent("data/evaluasi-desa.json").path))
    }

    @Test func everyBundledNarrativeAndNewsItemCitesItsSources() throws {
        for folder in ["desa", "berita", "pilar", "evaluasi"] {
            let directory = Paths.content.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".md") && !name.hasPrefix("_") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                #expect(text.contains("[@"), "\(folder)/\(name) states facts without a citation")
                if name.split(separator: ".").count == 2 { #expect(text.contains("\nsumber:\n"), "\(folder)/\(name) declares no source") }
            }
        }
        // The site builds without a warning: no source is declared and left uncited.
        let site = try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.content.path, themeDirectory: Paths.theme.path))
        #expect(site.warnings.isEmpty, "\(site.warnings)")
    }

    @Test func threeCitationsAreNumberedWithASourceListInBothLanguages() throws {
        let site = try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path))
        for (path, heading) in [("berita/2024-05-22-evaluasi/index.html", "Sumber"), ("en/berita/2024-05-22-evaluasi/index.html", "Sources")] {
            let html = try Self.text(site, path)
            #expect(html.contains("<h2 id=\"_sumber-judul\">\(heading)</h2>"))
            let list = Self.pieces(html, after: "<li id=\"sumber-").map { $0.dropFirst("<li id=\"sumber-".count).prefix(while: { $0 != "\"" }) }
            #expect(list.map(String.init) == ["kompas-2024", "abadikini-2024", "laporan"], "\(path)")
            #expect(html.contains("[<a href=\"#sumber-kompas-2024\">1</a>]"))
            #expect(html.contains("[<a href=\"#sumber-laporan\">3</a>]"))
        }
        // Two sources cited at once, in one bracket; code stays code.
        let id = try Self.text(site, "berita/2024-05-22-evaluasi/index.html")
        #expect(id.contains("[<a href=\"#sumber-abadikini-2024\">2</a>, <a href=\"#sumber-kompas-2024\">1</a>]"))
        #expect(id.contains("<code>[@bukan-kutipan]</code>"))
        // Citations never reach summaries or the search index as raw text.
        let summaries = try Self.text(site, "berita/atom.xml").components(separatedBy: "<summary>").dropFirst().map { $0.prefix(while: { $0 != "<" }) }
        #expect(!summaries.isEmpty && summaries.allSatisfy { !$0.contains("[@kompas") && !$0.contains(" ,") && !$0.contains(" .") })
    }

    @Test func everyDownloadAndFeedCarriesTheSampleLabelOnlyWhileSampleData() throws {
        let temp = try TemporaryDirectory()
        for sample in [true, false] {
            let content = temp.url.appendingPathComponent(sample ? "sample" : "official")
            try copySite(Paths.validSite, to: content)
            let config = content.appendingPathComponent("site.yml")
            let yml = try String(contentsOf: config, encoding: .utf8)
            try yml.replacingOccurrences(of: "sample_data: true", with: "sample_data: \(sample)").write(to: config, atomically: true, encoding: .utf8)
            let site = try SiteBuilder.generate(BuildOptions(contentDirectory: content.path, themeDirectory: Paths.theme.path))
            var checked = 0
            for (path, bytes) in site.files {
                let text = String(decoding: bytes, as: UTF8.self)
                let labelled: Bool
                if path.hasPrefix("data/") && path.hasSuffix(".csv") {
                    labelled = text.hasPrefix("# Data contoh, bukan data resmi Kemnaker\r\n")
                } else if path.hasPrefix("data/") && path.hasSuffix(".json") && path != "data/datapackage.json" {
                    labelled = text.contains("\"notice\": \"Data contoh, bukan data resmi Kemnaker\"")
                } else if path == "data/datapackage.json" {
                    labelled = text.contains("\"sample_data\": true") && text.contains("\"commentChar\": \"#\"")
                } else if path.hasSuffix("atom.xml") {
                    labelled = text.contains("<subtitle>") && text.contains("<summary>[")
                } else if path.hasSuffix(".html") && !path.hasPrefix("lama/") && text.contains("<meta name=\"description\"") {
                    labelled = text.contains("<meta name=\"description\" content=\"Data contoh, bukan data resmi Kemnaker — ")
                        || text.contains("<meta name=\"description\" content=\"Sample data, not official ministry data — ")
                } else {
                    continue
                }
                checked += 1
                #expect(labelled == sample, "\(path) (sample_data: \(sample))")
            }
            #expect(checked > 100)
        }
    }
}
