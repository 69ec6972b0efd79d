import Content
import Foundation
import Templating
import Statistics

/// Builds the view model a template sees for each page. Templates are logic-less: everything
/// they show (formatted numbers, dates, grouped lists, flags) is prepared here, in typed Swift.
///
/// It is immutable once built and only read while pages render concurrently, hence
/// `@unchecked Sendable` (its shared values are dictionaries of value types).
final class PageContext: @unchecked Sendable {
    let graph: SiteGraph
    /// The language the pages are in.
    let language: String
    let strings: Strings
    let formatter: Formatter
    let figures: Figures
    /// Site-wide values shared by every page (the strings table among them), converted to
    /// template values once rather than once per page.
    let shared: TemplateObject

    /// The names the theme's templates look up (nil: all); fields named nowhere are not made.
    let shown: TemplateNameSet?
    /// The districts whose village pages were made last, with their villages as list items.
    private let districts = RecentValues<KodeWilayah, [(kode: KodeWilayah, item: Prerendered<DesaItem>)]>(capacity: 256)

    init(graph: SiteGraph, language: String, strings all: [String: Strings], assets: [PublishedAsset] = [], cache: BuildCache? = nil,
         shown: Set<String>? = nil) {
        self.shown = shown.map(TemplateNameSet.init)
        let config = graph.config
        // Safe: `Theme.load` fails unless every language of the site has its strings.
        let strings = all[language]!
        let prefix = language == config.language ? "" : "/\(language)"
        self.graph = graph
        self.language = language
        self.strings = strings
        self.formatter = Formatter(strings: strings)
        // A pillar's name is its page's title, in this language where the page is translated.
        var pilarNames: [String: String] = [:]
        for pilar in graph.pilar {
            guard let original = graph.pilarDocuments[pilar.id] else { continue }
            let shown = graph.translations[original]?[language] ?? original
            pilarNames[pilar.id] = graph.documents[shown].page.frontMatter.title ?? pilar.id
        }
        self.figures = Figures(statistics: graph.statistics, statisticsVersion: graph.statisticsVersion, strings: strings, language: language,
                               pilarNames: pilarNames, pathPrefix: prefix, cache: cache)
        let site = SiteView(
            lang: language,
            site: .init(title: config.title(in: language), description: config.description(in: language), baseURL: config.baseURL),
            sampleData: config.sampleData, publisher: config.publisher.isEmpty ? nil : config.publisher,
            contact: config.contact.isEmpty ? nil : config.contact, t: strings, asset: AssetTable(assets), root: prefix + "/",
            feedURL: prefix + "/berita/atom.xml"
        )
        self.shared = site.templateMembers
    }

    /// A site path as linked from this language's pages.
    func url(_ path: String) -> String {
        SiteAssembler.localized(path, language, graph.config)
    }

    /// The absolute address of a site path.
    func absolute(_ path: String) -> String {
        graph.config.baseURL + Escape.urlPath(String(path.dropFirst()))
    }

    /// The document shown for a default-language document in this language: its translation, or itself.
    func shown(_ index: DocumentID) -> Document {
        graph.documents[graph.translations[index]?[language] ?? index]
    }

    /// The full view model of one page: the site's values, the frame every page has, and what
    /// its subject adds.
    func context(for page: SitePage) -> TemplateValue {
        context(for: pageView(for: page))
    }

    /// What a page shows beyond the site-wide values: its frame and what its subject adds.
    func pageView(for page: SitePage) -> PageView {
        PageView(frame: frame(for: page), subject: subjectView(page))
    }

    /// The full view model of a page from its own typed values.
    func context(for view: PageView) -> TemplateValue {
        var members = shared
        members.merge(view.frame.templateMembers(named: shown))
        members.merge(view.subject.templateMembers(named: shown))
        return .object(members)
    }

    /// What every page has: itself, the menu, its languages and breadcrumbs.
    func frame(for page: SitePage) -> FrameView {
        let document = page.document.map { graph.documents[$0] }
        let description = (graph.config.sampleData ? strings["label_data_contoh"] + " — " : "")
            + (document.flatMap { $0.page.frontMatter.description } ?? document.map(\.summary).flatMap { $0.isEmpty ? nil : $0 } ?? graph.config.description)
        var info = PageInfo(title: page.title, url: page.path, canonical: absolute(page.path), description: description)
        if let document {
            info.content = document.rendered.html
            info.source = document.page.file
            let tocHeadings = document.rendered.headings.filter { (2...3).contains($0.level) }
            let wantsTOC = document.page.frontMatter.toc ?? (tocHeadings.count >= 3)
            if wantsTOC {
                info.toc = .of(tocHeadings.map { TOCEntry(text: $0.text, id: $0.id, sub: $0.level == 3) })
            }
            info.date = document.page.frontMatter.date.map(dateView)
            info.pilar = .of(document.page.frontMatter.pilar.compactMap { graph.pilar($0.id) }.map(pilarLink))
            info.sources = .of(sourceList(document))
            info.ilustrasi = document.page.frontMatter.ilustrasi
        }
        let menu = graph.config.menu.map { item in
            MenuItem(name: item.name(in: language), url: url(item.url), current: isCurrent(menu: item.url, page: page.basePath))
        }
        let alternates = graph.config.languages.map { other in
            let path = SiteAssembler.localized(page.basePath, other.code, graph.config)
            return LanguagesView.Item(code: other.code, name: other.name, url: path, absolute: absolute(path), current: other.code == language)
        }
        return FrameView(
            page: info, menu: menu,
            languages: alternates.count > 1 ? LanguagesView(items: alternates, xDefault: absolute(page.basePath)) : nil,
            untranslated: page.untranslated
                ? UntranslatedView(originalLang: graph.config.language, originalURL: page.basePath, hasText: page.document != nil) : nil,
            crumbs: .of(page.breadcrumbs.map { NamedLink(name: $0.name, url: $0.url) }),
            isHome: page.subject == .home
        )
    }

    /// A page's numbered source list: cited sources in the order of their numbers, then any it
    /// declares without citing. A translation's sources are its own and its original's.
    private func sourceList(_ document: Document) -> [SourceView] {
        let original = graph.translations.first { $0.value.values.contains { graph.documents[$0].page.file == document.page.file } }
            .map { graph.documents[$0.key].page.frontMatter.sumber } ?? []
        let declared = (document.page.frontMatter.sumber + original).map(\.source)
        var byID: [String: DataSource] = [:]
        for source in declared where byID[source.id ?? ""] == nil { byID[source.id ?? ""] = source }
        let cited = document.rendered.cited
        let order = cited + document.page.frontMatter.sumber.compactMap(\.source.id).filter { !cited.contains($0) }
        return order.enumerated().compactMap { index, id in
            guard let source = byID[id] else { return nil }
            return sourceView(source, number: index + 1)
        }
    }

    /// A source as lists show it: number, publisher, title (linked), date.
    func sourceView(_ source: DataSource, number: Int? = nil) -> SourceView {
        SourceView(number: number.map(String.init), id: source.id ?? "", title: source.title, publisher: source.publisher,
                   url: source.path.map { $0.hasPrefix("/") ? url($0) : $0 }, date: source.date.map(dateView))
    }

    func dateView(_ date: SimpleDate) -> DateView {
        DateView(iso: date.description, display: formatter.date(date))
    }

    /// A menu entry is current on its own page and below it ("/" only on the home page).
    private func isCurrent(menu url: String, page path: String) -> Bool {
        url == "/" ? path == "/" : path.hasPrefix(url)
    }

    private func pilarLink(_ pilar: Pilar) -> PilarLink {
        PilarLink(name: figures.pilarNames[pilar.id] ?? pilar.id, url: url("/pilar/\(pilar.id)/"), nomor: pilar.nomor, id: pilar.id)
    }

    private func count(_ value: Int) -> String {
        strings.format("jumlah_desa", ["jumlah": formatter.integer(value)])
    }

    /// The villages of a district as list items, each converted for templates once: every
    /// village page of the district lists the others (on a national registry, about 11 each).
    private func districtItems(_ kecamatan: KodeWilayah) -> [(kode: KodeWilayah, item: Prerendered<DesaItem>)] {
        districts.value(for: kecamatan) {
            graph.registry.desa(in: kecamatan).map { ($0.kode, Prerendered(desaItem($0))) }
        }
    }

    private func desaItem(_ desa: Desa) -> DesaItem {
        DesaItem(
            name: desa.nama, url: url(graph.registry.path(of: desa)), kode: desa.kode.dotted,
            tahun: String(desa.tahunBerdiri), tahunURL: url(Subject.tahunPath(desa.tahunBerdiri)),
            kecamatan: desa.kecamatan.nama, hasNarrative: graph.narratives[desa.kode] != nil,
            // Where the year and the membership come from: a source, or the illustrative sample
            // (said where they stand, not only in the banner).
            bukti: desa.sumberTahun.map { sourceView($0) }, ilustrasiTahun: desa.sumberTahun == nil,
            anggotaBukti: desa.sumber.map { sourceView($0) }
        )
    }

    private func newsItem(_ index: DocumentID) -> NewsItem {
        let document = shown(index)
        return NewsItem(title: document.page.frontMatter.title ?? "", url: url(graph.documents[index].path), summary: document.summary,
                        date: document.page.frontMatter.date.map(dateView))
    }

    /// Whether the theme's templates name `field` anywhere.
    func shows(_ field: String) -> Bool { shown?.contains(field) ?? true }

    /// What a page adds to every page's values, by subject.
    func subjectView(_ page: SitePage) -> any ViewModel {
        let registry = graph.registry
        switch page.subject {
        case .home:
            let summary = graph.summary
            return HomeView(
                glance: [
                    GlanceItem(label: strings["label_desa"], value: formatter.integer(summary.desaCount)),
                    GlanceItem(label: strings["label_kecamatan"], value: formatter.integer(summary.kecamatanCount)),
                    GlanceItem(label: strings["label_kabupaten"], value: formatter.integer(summary.kabupatenCount)),
                    GlanceItem(label: strings["label_provinsi"], value: formatter.integer(summary.provinsiCount)),
                ],
                perYear: perYearRows(), pilarList: pilarWithSummaries(), latestNews: .of(graph.news.prefix(3).map(newsItem)),
                provinsiList: provinsiRows(),
                // The glance and the per-year table count the registry's villages.
                sumber: figures.sourceLine("desa-per-tahun")
            )
        case .daftarPilar:
            return DaftarPilarView(pilarList: pilarWithSummaries())
        case .statistik:
            return StatistikView(sections: figures.statistikSections())
        case .cari:
            return CariView(provinsiList: provinsiRows(), indexURL: "/cari/index/\(language)/")
        case .data:
            return DataCatalog(graph: graph, strings: strings, figures: figures).view()
        case .pilar(let pilar):
            let related = graph.news.filter { graph.documents[$0].page.frontMatter.pilar.contains { $0.id == pilar.id } }
            return PilarView(figures: figures.pilarFigures(pilar), pilar: pilarLink(pilar), relatedNews: .of(related.map(newsItem)),
                             otherPilar: graph.pilar.filter { $0 != pilar }.map(pilarLink))
        case .wilayah:
            return WilayahView(provinsiList: provinsiRows(), total: count(graph.summary.desaCount))
        case .provinsi(let provinsi):
            let rows = registry.kabupaten(in: provinsi.kode).map { kab in
                KabupatenRow(name: kab.nama, url: url(registry.path(of: kab)), count: count(registry.desa(in: kab.kode).count))
            }
            return ProvinsiView(figure: figures.wilayahFigure(provinsi.kode, name: provinsi.nama),
                                provinsi: WilayahRef(name: provinsi.nama, kode: provinsi.kode.dotted),
                                kabupatenList: rows, total: count(registry.desa(in: provinsi.kode).count))
        case .kabupaten(let kabupaten):
            let desa = registry.desa(in: kabupaten.kode)
            var groups: [(Kecamatan, [Desa])] = []
            for village in desa {
                if groups.last?.0 == village.kecamatan {
                    groups[groups.count - 1].1.append(village)
                } else {
                    groups.append((village.kecamatan, [village]))
                }
            }
            return KabupatenView(figure: figures.wilayahFigure(kabupaten.kode, name: kabupaten.nama),
                                 kabupaten: WilayahRef(name: kabupaten.nama, kode: kabupaten.kode.dotted),
                                 kecamatanList: groups.map { KecamatanGroup(name: $0.0.nama, kode: $0.0.kode.dotted, desa: $0.1.map(desaItem)) },
                                 total: count(desa.count))
        case .desa(let place):
            let desa = place.desa
            // The other villages of its district: as many as the district has, so on a national
            // registry the largest part of a village page; made only for a theme that shows them.
            let neighbours = shows("neighbours") ? districtItems(desa.kecamatan.kode).filter { $0.kode != desa.kode }.map(\.item) : []
            let detail = DesaDetail(
                desa: desaItem(desa),
                kabupaten: NamedLink(name: place.kabupaten.nama, url: url(registry.path(of: place.kabupaten))),
                provinsi: NamedLink(name: place.provinsi.nama, url: url(registry.path(of: place.provinsi))),
                kelurahan: desa.kode.isKelurahan,
                established: strings.format(desa.sumberTahun == nil ? "desa_berdiri_sampel" : "desa_berdiri", ["tahun": String(desa.tahunBerdiri)])
            )
            return DesaView(
                desa: detail, pilarList: graph.pilar.map(pilarLink), figures: figures.desaFigures(place),
                downloads: graph.statistics.hasIndikator
                    ? DownloadLinks(csv: "/data/desa/\(desa.kode.digits).csv", json: "/data/desa/\(desa.kode.digits).json") : nil,
                neighbours: .of(neighbours)
            )
        case .daftarTahun:
            return DaftarTahunView(perYear: perYearRows(), sumber: figures.sourceLine("desa-per-tahun"))
        case .tahun(let year, let halaman):
            let total = registry.desaCount(establishedIn: year), perHalaman = graph.config.desaPerHalaman
            let shown = Subject.halamanItems(halaman, of: total, perHalaman: perHalaman)
            let rows = registry.desa(establishedIn: year, at: shown).map { village in
                let place = registry.place(of: village)
                return DesaInYear(desa: desaItem(village), kabupaten: place.kabupaten.nama, provinsi: place.provinsi.nama)
            }
            return TahunView(
                total: count(total), tahun: String(year), desaList: .of(rows),
                previous: year > registry.tahunBerdiri.lowerBound ? NamedLink(name: String(year - 1), url: url(Subject.tahunPath(year - 1))) : nil,
                next: year < registry.tahunBerdiri.upperBound ? NamedLink(name: String(year + 1), url: url(Subject.tahunPath(year + 1))) : nil,
                halaman: halamanNav(halaman, of: Subject.halamanCount(of: total, perHalaman: perHalaman), shown: shown, total: total,
                                    labelKey: "label_halaman", summaryKey: "halaman_posisi") { url(Subject.tahunPath(year, halaman: $0)) }
            )
        case .daftarBerita(let halaman):
            let total = graph.news.count, perHalaman = graph.config.beritaPerHalaman
            let shown = Subject.halamanItems(halaman, of: total, perHalaman: perHalaman)
            return DaftarBeritaView(
                news: .of(graph.news[shown].map(newsItem)),
                halaman: halamanNav(halaman, of: Subject.halamanCount(of: total, perHalaman: perHalaman), shown: shown, total: total,
                                    labelKey: "label_halaman_berita", summaryKey: "halaman_posisi_berita") { url(Subject.listPath("/berita/", halaman: $0)) }
            )
        case .bagian(let section):
            return BagianView(children: .of((graph.sectionChildren[section] ?? []).map { index in
                let document = shown(index)
                return ChildItem(title: document.page.frontMatter.title ?? "", url: url(graph.documents[index].path), summary: document.summary)
            }))
        case .berita, .halaman, .notFound:
            return NoSubjectView()
        case .alias(let target):
            return AliasView(target: target, targetAbsolute: absolute(target))
        }
    }

    /// The navigation of page `halaman` of `count` pages, which shows the list's items `shown`
    /// (from 0) of `total`; nil when the list fits on one page. `labelKey` and `summaryKey` name
    /// the strings that name the navigation and say where the page stands; `address` gives a
    /// page's URL.
    func halamanNav(_ halaman: Int, of count: Int, shown: Range<Int>, total: Int, labelKey: String, summaryKey: String,
                    address: (Int) -> String) -> HalamanNav? {
        guard count > 1 else { return nil }
        // The first and last pages, and two each side of this one: a few numbers to tap on a
        // phone, however long the list.
        let numbers = Set([1, count] + Array(max(1, halaman - 2)...min(count, halaman + 2))).sorted()
        let items = numbers.enumerated().map { position, number in
            HalamanItem(number: formatter.integer(number), url: address(number), current: number == halaman,
                        gap: position > 0 && numbers[position - 1] != number - 1)
        }
        let summary = strings.format(summaryKey, [
            "halaman": formatter.integer(halaman), "jumlah": formatter.integer(count),
            "awal": formatter.integer(shown.lowerBound + 1), "akhir": formatter.integer(shown.upperBound), "total": formatter.integer(total),
        ])
        return HalamanNav(
            label: strings[labelKey], summary: summary,
            previousPage: halaman > 1 ? NamedLink(name: strings["halaman_sebelumnya"], url: address(halaman - 1)) : nil,
            nextPage: halaman < count ? NamedLink(name: strings["halaman_berikutnya"], url: address(halaman + 1)) : nil,
            items: items
        )
    }

    private func perYearRows() -> [PerYearRow] {
        graph.summary.perYear.map { row in
            PerYearRow(tahun: row.label, url: url("/tahun/\(row.label)/"), count: formatter.integer(row.value),
                       cumulative: formatter.integer(row.cumulative), none: row.value == 0)
        }
    }

    private func provinsiRows() -> [ProvinsiRow] {
        graph.registry.provinsi.map { provinsi in
            ProvinsiRow(name: provinsi.nama, url: url(graph.registry.path(of: provinsi)),
                        count: count(graph.registry.desa(in: provinsi.kode).count),
                        kabupaten: graph.registry.kabupaten(in: provinsi.kode).map { NamedLink(name: $0.nama, url: url(graph.registry.path(of: $0))) })
        }
    }

    private func pilarWithSummaries() -> [PilarSummary] {
        graph.pilar.map { pilar in
            PilarSummary(link: pilarLink(pilar), summary: graph.pilarDocuments[pilar.id].map { shown($0).summary } ?? "")
        }
    }
}

/// The values made for the keys asked for last, up to `capacity` of them, the oldest let go of
/// first; safe to use from the threads that render. Pages render in address order, so the pages
/// that share a value (the villages of one district) come close together, and a few hundred
/// values hold them all while holding little.
final class RecentValues<Key: Hashable, Value>: @unchecked Sendable {
    private let capacity: Int
    private var values: [Key: Value] = [:]
    private var order: [Key] = []
    private var oldest = 0
    private let lock = NSLock()

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value for `key`, made by `make` when it is not held (outside the lock: two threads may
    /// both make it, and either's is kept, so `make` must give the same value each time).
    func value(for key: Key, make: () -> Value) -> Value {
        if let known = lock.withLock({ values[key] }) { return known }
        let made = make()
        lock.withLock {
            guard values[key] == nil else { return }
            if order.count < capacity {
                order.append(key)
            } else {
                values[order[oldest]] = nil
                order[oldest] = key
                oldest = (oldest + 1) % capacity
            }
            values[key] = made
        }
        return made
    }
}
