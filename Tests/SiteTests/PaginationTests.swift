import Foundation
@testable import Site
import Testing

/// A year's list of villages continues on numbered pages past `desa_per_halaman` (site.yml), the
/// news list past `berita_per_halaman`: the pages together list exactly what the one long page
/// did, in the same order, each page with its own address, title and navigation.
@Suite struct PaginationTests {
    /// The bundled site with `desa_per_halaman` set (nil: left at its default), built in memory;
    /// `settings` are further lines of site.yml, `news` more news items added.
    static func build(perHalaman: Int?, settings: String = "", news: Int = 0) throws -> [String: String] {
        let temp = try TemporaryDirectory()
        let content = temp.url.appendingPathComponent("content")
        try copySite(Paths.content, to: content)
        let config = content.appendingPathComponent("site.yml")
        let yml = try String(contentsOf: config, encoding: .utf8)
        try (yml + (perHalaman.map { "desa_per_halaman: \($0)\n" } ?? "") + settings).write(to: config, atomically: true, encoding: .utf8)
        for number in stride(from: 1, through: news, by: 1) {
            let day = String(format: "%02d", number)
            try "---\ntitle: Kabar uji \(day)\ndate: 2024-08-\(day)\nilustrasi: true\n---\n\nIsi kabar uji \(number).\n"
                .write(to: content.appendingPathComponent("berita/2024-08-\(day)-kabar-uji.md"), atomically: true, encoding: .utf8)
        }
        let site = try SiteBuilder.generate(BuildOptions(contentDirectory: content.path, themeDirectory: Paths.theme.path))
        return site.files.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// The village rows of a year page's table, as written.
    static func rows(_ html: String) -> [String] {
        html.split(separator: "\n").filter { $0.hasPrefix("<tr><th scope=\"row\">") }.map(String.init)
    }

    static func title(_ html: String) -> String {
        String(html.components(separatedBy: "<title>")[1].prefix { $0 != "<" })
    }

    @Test func longYearsContinueOnNumberedPagesThatListEveryVillageOnce() throws {
        let whole = try Self.build(perHalaman: nil)
        let perHalaman = 10
        let paged = try Self.build(perHalaman: perHalaman)
        var split = 0
        for language in ["", "en/"] {
            for year in 2016...2022 {
                let base = "\(language)tahun/\(year)/"
                let expected = Self.rows(try #require(whole[base + "index.html"], "\(base)"))
                // The default (500) keeps every bundled year on one page, as before.
                #expect(whole[base + "halaman/2/index.html"] == nil)
                #expect(!whole[base + "index.html"]!.contains("class=\"pages\""))
                let count = max(1, (expected.count + perHalaman - 1) / perHalaman)
                var listed: [String] = []
                var titles = Set<String>()
                for number in 1...count {
                    let path = base + (number == 1 ? "" : "halaman/\(number)/") + "index.html"
                    let html = try #require(paged[path], "\(path)")
                    let rows = Self.rows(html)
                    #expect(rows.count == (number < count ? perHalaman : expected.count - perHalaman * (count - 1)), "\(path)")
                    listed += rows
                    titles.insert(Self.title(html))
                    let address = "/" + path.dropLast("index.html".count)
                    #expect(html.contains("<link rel=\"canonical\" href=\"https://desmigratif.example\(address)\">"), "\(path)")
                    guard count > 1 else {
                        #expect(!html.contains("class=\"pages\""), "\(path)")
                        continue
                    }
                    let nav = html.components(separatedBy: "<nav class=\"pages\"")[1].components(separatedBy: "</nav>")[0]
                    #expect(nav.contains("<span aria-current=\"page\">\(number)</span>"), "\(path)")
                    func page(_ other: Int) -> String { "/\(base)" + (other == 1 ? "" : "halaman/\(other)/") }
                    #expect(nav.contains("<a href=\"\(page(1))\">1</a>") == (number != 1), "\(path)")
                    #expect(nav.contains("<a href=\"\(page(count))\">\(count)</a>") == (number != count), "\(path)")
                    if number > 1 { #expect(nav.contains("<a href=\"\(page(number - 1))\">← "), "\(path)") }
                    if number < count { #expect(nav.contains("<a href=\"\(page(number + 1))\">"), "\(path)") }
                    if number > 1 { #expect(html.contains("<a href=\"/\(base)\">"), "\(path): the breadcrumb leads to the year's first page") }
                }
                #expect(paged[base + "halaman/\(count + 1)/index.html"] == nil, "\(base)")
                #expect(listed == expected, "\(base): the pages list the year's villages in order, each once")
                #expect(titles.count == count, "\(base): every page has a title of its own")
                if count > 2 { split += 1 }
            }
        }
        #expect(split >= 6, "years of the bundled site long enough to take three pages or more")
        // Every page is in the sitemap; only the first is a search result.
        let sitemap = try #require(paged["sitemap.xml"])
        #expect(sitemap.contains("<loc>https://desmigratif.example/tahun/2018/halaman/2/</loc>"))
        let records = paged.filter { $0.key.hasPrefix("cari/index/") && $0.key.contains("/r/") }.values
        #expect(records.contains { $0.contains("\"u\":\"/tahun/2018/\"") })
        #expect(!records.contains { $0.contains("/halaman/") })
    }

    @Test func theNewsListContinuesPastBeritaPerHalaman() throws {
        let whole = try Self.build(perHalaman: nil, news: 12)
        let paged = try Self.build(perHalaman: nil, settings: "berita_per_halaman: 5\n", news: 12)
        func cards(_ html: String) -> [String] { html.split(separator: "\n").filter { $0.hasPrefix("<h3><a href=\"") }.map(String.init) }
        for language in ["", "en/"] {
            let expected = cards(try #require(whole[language + "berita/index.html"]))
            #expect(expected.count > 10 && whole[language + "berita/halaman/2/index.html"] == nil)
            let count = (expected.count + 4) / 5
            var listed: [String] = []
            for number in 1...count {
                let path = language + "berita/" + (number == 1 ? "" : "halaman/\(number)/") + "index.html"
                let html = try #require(paged[path], "\(path)")
                listed += cards(html)
                #expect(html.contains("<span aria-current=\"page\">\(number)</span>"), "\(path)")
                #expect(html.contains("<nav class=\"pages\" aria-label=\"\(language.isEmpty ? "Halaman daftar berita" : "Pages of the news list")\">"), "\(path)")
                if number > 1 { #expect(Self.title(html).contains(language.isEmpty ? "halaman \(number) dari \(count)" : "page \(number) of \(count)"), "\(path)") }
            }
            #expect(paged[language + "berita/halaman/\(count + 1)/index.html"] == nil)
            #expect(listed == expected, "\(language)berita: the pages list the news in order, each once")
        }
        let records = paged.filter { $0.key.hasPrefix("cari/index/") && $0.key.contains("/r/") }.values
        #expect(records.contains { $0.contains("\"u\":\"/berita/\"") } && !records.contains { $0.contains("/halaman/") })
    }

    /// Rebuilds of `serve` as villages move between years and the page size changes: pages
    /// appear and go, and each rebuild leaves exactly what a clean build writes.
    @Test func rebuildsMatchCleanBuildsAsPagesComeAndGo() throws {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.content, to: site)
        let config = site.appendingPathComponent("site.yml"), registry = site.appendingPathComponent("data/desa.json")
        try (try String(contentsOf: config, encoding: .utf8) + "desa_per_halaman: 10\n").write(to: config, atomically: true, encoding: .utf8)
        let output = temp.url.appendingPathComponent("public")
        let builder = IncrementalBuilder(options: BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: output.path))
        _ = try builder.build()
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("tahun/2021/halaman/6/index.html").path))

        func edit(_ file: URL, _ change: (inout [String]) -> Void) throws {
            var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            change(&lines)
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        }
        let unsourced = ", \"sumber\": null, \"sumber_tahun\": null}"
        let edits: [(String, () throws -> Void)] = [
            ("a village of 2021 (51, six pages) moves to 2016", {
                try edit(registry) { lines in
                    let index = lines.firstIndex { $0.contains("\"tahun_berdiri\": 2021" + unsourced) }!
                    lines[index] = lines[index].replacingOccurrences(of: "\"tahun_berdiri\": 2021", with: "\"tahun_berdiri\": 2016")
                }
            }),
            ("25 villages a page", { try edit(config) { $0 = $0.map { $0 == "desa_per_halaman: 10" ? "desa_per_halaman: 25" : $0 } } }),
            ("10 villages a page again", { try edit(config) { $0 = $0.map { $0 == "desa_per_halaman: 25" ? "desa_per_halaman: 10" : $0 } } }),
            ("a village of 2018 renamed", {
                try edit(registry) { lines in
                    let index = lines.indices.filter { lines[$0].contains("\"tahun_berdiri\": 2018") }[75]
                    lines[index] = lines[index].replacingOccurrences(of: "\", \"kecamatan\"", with: " Baru\", \"kecamatan\"")
                }
            }),
        ]
        for (step, (what, apply)) in edits.enumerated() {
            try apply()
            _ = try builder.build()
            let clean = temp.url.appendingPathComponent("clean-\(step)")
            _ = try SiteBuilder.build(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: clean.path))
            let expected = try snapshot(clean), actual = try snapshot(output)
            let differing = Set(actual.keys).union(expected.keys).filter { actual[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "after \(what): differs from a clean build in \(differing.prefix(8))")
        }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("tahun/2021/halaman/6/index.html").path))
        let year = try listFiles(output.appendingPathComponent("tahun/2018")).map { try String(contentsOf: output.appendingPathComponent("tahun/2018/" + $0), encoding: .utf8) }
        #expect(year.count == 13 && year.filter { $0.contains(" Baru</a>") }.count == 1)
    }

    @Test func pageNumbersInTitlesAreWrittenAsThePagerWritesThem() {
        let months = (1...12).map { ("bulan_\($0)", "m") }
        let strings = Strings(Dictionary(uniqueKeysWithValues: months + [("format_ribuan", "."), ("halaman_ke_judul", "{judul} — halaman {halaman} dari {jumlah}")]))
        #expect(PageListBuilder.listTitle("Berita", halaman: 1, of: 1_200, strings: strings) == "Berita")
        #expect(PageListBuilder.listTitle("Berita", halaman: 2, of: 1_200, strings: strings) == "Berita — halaman 2 dari 1.200")
        #expect(PageListBuilder.listTitle("Berita", halaman: 1_000, of: 1_200, strings: strings) == "Berita — halaman 1.000 dari 1.200")
    }

    @Test func theLargestPageSizesGiveOnePageEach() throws {
        let temp = try TemporaryDirectory()
        let content = temp.url.appendingPathComponent("content")
        try copySite(Paths.validSite, to: content)
        let config = content.appendingPathComponent("site.yml")
        try (try String(contentsOf: config, encoding: .utf8) + "desa_per_halaman: \(Int.max)\nberita_per_halaman: \(Int.max)\n")
            .write(to: config, atomically: true, encoding: .utf8)
        let site = try SiteBuilder.generate(BuildOptions(contentDirectory: content.path, themeDirectory: Paths.theme.path))
        let listed = site.files.keys.filter { $0.hasPrefix("tahun/") || $0.hasPrefix("berita/") }
        #expect(listed.contains("tahun/2016/index.html") && listed.contains("berita/index.html"))
        #expect(!listed.contains { $0.contains("/halaman/") })
    }

    @Test func pageSizesAreWholeNumbersOfAtLeastTheirMinimum() throws {
        let temp = try TemporaryDirectory()
        for (setting, message) in [("desa_per_halaman: 3", "desa_per_halaman paling sedikit 10, bukan 3"),
                                   ("desa_per_halaman: sepuluh", "\"desa_per_halaman\" harus bilangan bulat, bukan \"sepuluh\""),
                                   ("berita_per_halaman: 2", "berita_per_halaman paling sedikit 5, bukan 2")] {
            let content = temp.url.appendingPathComponent(setting.replacingOccurrences(of: ": ", with: "-"))
            try copySite(Paths.validSite, to: content)
            let config = content.appendingPathComponent("site.yml")
            let yml = try String(contentsOf: config, encoding: .utf8)
            let line = yml.split(separator: "\n", omittingEmptySubsequences: false).count
            try (yml + setting + "\n").write(to: config, atomically: true, encoding: .utf8)
            #expect {
                try SiteBuilder.generate(BuildOptions(contentDirectory: content.path, themeDirectory: Paths.theme.path))
            } throws: { error in
                "\(error)".contains("site.yml:\(line):\(setting.prefix { $0 != ":" }.count + 3): error: \(message)")
            }
        }
    }
}
