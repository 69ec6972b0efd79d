import Content
import Templating
import Statistics

/// Builds the view model a template sees for each page. Templates are logic-less: everything
/// they show (formatted numbers, dates, grouped lists, flags) is prepared here, in typed Swift.
///
/// It is immutable once built and only read while pages render concurrently, hence
/// `@unchecked Sendable` (its shared values are dictionaries of value types).
struct PageContext: @unchecked Sendable {
    let graph: SiteGraph
    /// The language the pages are in.
    let language: String
    let strings: Strings
    let formatter: Formatter
    let figures: Figures
    /// Site-wide values shared by every page (the strings table among them), converted to
    /// template values once rather than once per page.
    let shared: [String: TemplateValue]

    init(graph: SiteGraph, language: String, strings all: [String: Strings]) {
        let config = graph.config
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
        self.figures = Figures(statistics: graph.statistics, strings: strings, formatter: formatter, language: language, pilarNames: pilarNames,
                               localize: { prefix + $0 })
        self.shared = ([
            "lang": language,
            "site": [
                "title": config.title(in: language),
                "description": config.description(in: language),
                "base_url": config.baseURL,
            ] as [String: Any],
            "sample_data": config.sampleData,
            "publisher": config.publisher.isEmpty ? false : config.publisher,
            "contact": config.contact.isEmpty ? false : config.contact,
            "t": strings.table,
            "root": prefix + "/",
            "feed_url": prefix + "/berita/atom.xml",
        ] as [String: Any]).mapValues { TemplateValue($0) }
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
    func shown(_ index: Int) -> Document {
        graph.documents[graph.translations[index]?[language] ?? index]
    }

    /// The full view model of one page.
    func context(for page: SitePage) -> TemplateValue {
        var members = shared
        for (key, value) in pageContext(for: page) { members[key] = TemplateValue(value) }
        return .object(members)
    }

    /// The values of one page, without the shared ones.
    func pageContext(for page: SitePage) -> [String: Any] {
        var context: [String: Any] = [:]
        let document = page.document.map { graph.documents[$0] }
        var pageValues: [String: Any] = [
            "title": page.title,
            "url": page.path,
            "canonical": absolute(page.path),
            "description": (graph.config.sampleData ? strings["label_data_contoh"] + " — " : "")
                + (document.flatMap { $0.page.frontMatter.description } ?? document.map(\.summary).flatMap { $0.isEmpty ? nil : $0 } ?? graph.config.description),
        ]
        if let document {
            pageValues["content"] = document.rendered.html
            pageValues["source"] = document.page.file
            let tocHeadings = document.rendered.headings.filter { (2...3).contains($0.level) }
            let wantsTOC = document.page.frontMatter.toc ?? (tocHeadings.count >= 3)
            if wantsTOC, !tocHeadings.isEmpty {
                pageValues["toc"] = listSection(tocHeadings.map { ["text": $0.text, "id": $0.id, "sub": $0.level == 3] as [String: Any] })
            }
            if let date = document.page.frontMatter.date {
                pageValues["date"] = ["iso": date.description, "display": formatter.date(date)]
            }
            let pilar = document.page.frontMatter.pilar
            pageValues["pilar"] = listSection(pilar.compactMap { graph.pilar($0.id) }.map(pilarLink))
            pageValues["sources"] = listSection(sourceList(document))
            pageValues["ilustrasi"] = document.page.frontMatter.ilustrasi
        }
        context["page"] = pageValues
        context["menu"] = graph.config.menu.map { item -> [String: Any] in
            ["name": item.name(in: language), "url": url(item.url), "current": isCurrent(menu: item.url, page: page.basePath)]
        }
        let alternates = graph.config.languages.map { other -> [String: Any] in
            let path = SiteAssembler.localized(page.basePath, other.code, graph.config)
            return ["code": other.code, "name": other.name, "url": path, "absolute": absolute(path), "current": other.code == language]
        }
        context["languages"] = alternates.count > 1 ? ["items": alternates, "x_default": absolute(page.basePath)] : nil
        if page.untranslated {
            context["untranslated"] = ["original_lang": graph.config.language, "original_url": page.basePath,
                                       "has_text": page.document != nil]
        }
        context["crumbs"] = listSection(page.breadcrumbs.map { ["name": $0.name, "url": $0.url] })
        context["is_home"] = page.subject == .home
        for (key, value) in subjectValues(page) {
            if let value { context[key] = value }
        }
        return context
    }

    /// A page's numbered source list: cited sources in the order of their numbers, then any it
    /// declares without citing. A translation's sources are its own and its original's.
    private func sourceList(_ document: Document) -> [[String: Any]] {
        let original = graph.translations.first { $0.value.values.contains { graph.documents[$0].page.file == document.page.file } }
            .map { graph.documents[$0.key].page.frontMatter.sumber } ?? []
        let declared = (document.page.frontMatter.sumber + original).map(\.source)
        var byID: [String: DataSource] = [:]
        for source in declared where byID[source.id ?? ""] == nil { byID[source.id ?? ""] = source }
        let cited = document.rendered.cited
        let order = cited + document.page.frontMatter.sumber.compactMap(\.source.id).filter { !cited.contains($0) }
        return order.enumerated().compactMap { index, id in
            guard let source = byID[id] else { return nil }
            return sourceItem(source, number: index + 1)
        }
    }

    /// A source as lists show it: number, publisher, title (linked), date.
    func sourceItem(_ source: DataSource, number: Int? = nil) -> [String: Any] {
        [
            "number": number.map(String.init) ?? false, "id": source.id ?? "", "title": source.title,
            "publisher": source.publisher ?? false, "url": source.path.map { $0.hasPrefix("/") ? url($0) : $0 } ?? false,
            "date": source.date.map { ["iso": $0.description, "display": formatter.date($0)] } ?? false,
        ]
    }

    /// A menu entry is current on its own page and below it ("/" only on the home page).
    private func isCurrent(menu url: String, page path: String) -> Bool {
        url == "/" ? path == "/" : path.hasPrefix(url)
    }

    private func pilarLink(_ pilar: Pilar) -> [String: Any] {
        ["name": figures.pilarNames[pilar.id] ?? pilar.id, "url": url("/pilar/\(pilar.id)/"), "nomor": pilar.nomor, "id": pilar.id]
    }

    private func count(_ value: Int) -> String {
        strings.format("jumlah_desa", ["jumlah": formatter.integer(value)])
    }

    private func desaItem(_ desa: Desa) -> [String: Any] {
        [
            "name": desa.nama, "url": url(graph.registry.path(of: desa)), "kode": desa.kode.dotted,
            "tahun": String(desa.tahunBerdiri), "tahun_url": url("/tahun/\(desa.tahunBerdiri)/"),
            "kecamatan": desa.kecamatan.nama, "has_narrative": graph.narratives[desa.kode] != nil,
            // Where the year and the membership come from: a source, or the illustrative sample
            // (said where they stand, not only in the banner).
            "bukti": desa.sumberTahun.map { sourceItem($0) } ?? false,
            "ilustrasi_tahun": desa.sumberTahun == nil,
            "anggota_bukti": desa.sumber.map { sourceItem($0) } ?? false,
        ]
    }

    private func newsItem(_ index: Int) -> [String: Any] {
        let document = shown(index)
        var item: [String: Any] = ["title": document.page.frontMatter.title ?? "", "url": url(graph.documents[index].path), "summary": document.summary]
        if let date = document.page.frontMatter.date {
            item["date"] = ["iso": date.description, "display": formatter.date(date)]
        }
        return item
    }

    /// Values only some pages have, by subject.
    private func subjectValues(_ page: SitePage) -> [String: Any?] {
        let registry = graph.registry
        switch page.subject {
        case .home:
            let summary = graph.summary
            return [
                "glance": [
                    ["label": strings["label_desa"], "value": formatter.integer(summary.desaCount)],
                    ["label": strings["label_kecamatan"], "value": formatter.integer(summary.kecamatanCount)],
                    ["label": strings["label_kabupaten"], "value": formatter.integer(summary.kabupatenCount)],
                    ["label": strings["label_provinsi"], "value": formatter.integer(summary.provinsiCount)],
                ],
                "per_year": perYearRows(),
                "pilar_list": pillarsWithSummaries(),
                "latest_news": listSection(graph.news.prefix(3).map(newsItem)),
                "provinsi_list": provinsiRows(),
                // The glance and the per-year table count the registry's villages.
                "sumber": figures.sourceLine("desa-per-tahun"),
            ]
        case .daftarPilar:
            return ["pilar_list": pillarsWithSummaries()]
        case .statistik:
            return ["sections": figures.statistikSections()]
        case .cari:
            return ["provinsi_list": provinsiRows(), "index_url": "/cari/index/\(language)/"]
        case .data:
            return DataCatalog(graph: graph, strings: strings, figures: figures).context()
        case .pilar(let pilar):
            let related = graph.news.filter { graph.documents[$0].page.frontMatter.pilar.contains { $0.id == pilar.id } }
            return [
                "figures": listSection(figures.pilarFigures(pilar)),
                "pilar": pilarLink(pilar),
                "related_news": listSection(related.map(newsItem)),
                "other_pilar": graph.pilar.filter { $0 != pilar }.map(pilarLink),
            ]
        case .wilayah:
            return ["provinsi_list": provinsiRows(), "total": count(graph.summary.desaCount)]
        case .provinsi(let kode):
            let provinsi = registry.provinsi(kode)!
            let kabupaten = registry.kabupaten(in: kode)
            let rows = kabupaten.map { kab -> [String: Any] in
                ["name": kab.nama, "url": url(registry.path(of: kab)), "count": count(registry.desa(in: kab.kode).count)]
            }
            return [
                "figure": figures.wilayahFigure(kode, name: provinsi.nama),
                "provinsi": ["name": provinsi.nama, "kode": kode.dotted],
                "kabupaten_list": rows,
                "total": count(registry.desa(in: kode).count),
            ]
        case .kabupaten(let kode):
            let kabupaten = registry.kabupaten(kode)!
            let desa = registry.desa(in: kode)
            var groups: [(Kecamatan, [Desa])] = []
            for village in desa {
                if groups.last?.0 == village.kecamatan {
                    groups[groups.count - 1].1.append(village)
                } else {
                    groups.append((village.kecamatan, [village]))
                }
            }
            return [
                "figure": figures.wilayahFigure(kode, name: kabupaten.nama),
                "kabupaten": ["name": kabupaten.nama, "kode": kode.dotted],
                "kecamatan_list": groups.map { ["name": $0.0.nama, "kode": $0.0.kode.dotted, "desa": $0.1.map(desaItem)] as [String: Any] },
                "total": count(desa.count),
            ]
        case .desa(let kode):
            let desa = registry.desa(kode)!
            let provinsi = registry.provinsi(desa.provinsi)!
            let kabupaten = registry.kabupaten(desa.kabupaten)!
            let neighbours = registry.desa(in: desa.kecamatan.kode).filter { $0.kode != kode }
            return [
                "desa": desaItem(desa).merging([
                    "kabupaten": ["name": kabupaten.nama, "url": url(registry.path(of: kabupaten))],
                    "provinsi": ["name": provinsi.nama, "url": url(registry.path(of: provinsi))],
                    "kelurahan": kode.isKelurahan,
                    "established": strings.format(desa.sumberTahun == nil ? "desa_berdiri_sampel" : "desa_berdiri", ["tahun": String(desa.tahunBerdiri)]),
                ]) { $1 },
                "pilar_list": graph.pilar.map(pilarLink),
                "figures": listSection(figures.desaFigures(kode)),
                "downloads": graph.statistics.hasIndicators ? ["csv": "/data/desa/\(kode.digits).csv", "json": "/data/desa/\(kode.digits).json"] : nil,
                "neighbours": listSection(neighbours.map(desaItem)),
            ]
        case .daftarTahun:
            return ["per_year": perYearRows(), "sumber": figures.sourceLine("desa-per-tahun")]
        case .tahun(let year):
            let desa = registry.desa(establishedIn: year)
            let rows = desa.map { village -> [String: Any] in
                var item = desaItem(village)
                item["kabupaten"] = registry.kabupaten(village.kabupaten)!.nama
                item["provinsi"] = registry.provinsi(village.provinsi)!.nama
                return item
            }
            let previous = year > registry.tahunBerdiri.lowerBound ? ["name": String(year - 1), "url": url("/tahun/\(year - 1)/")] : nil
            let next = year < registry.tahunBerdiri.upperBound ? ["name": String(year + 1), "url": url("/tahun/\(year + 1)/")] : nil
            var values: [String: Any?] = ["total": count(rows.count), "tahun": String(year)]
            values["desa_list"] = listSection(rows)
            if let previous { values["previous"] = previous }
            if let next { values["next"] = next }
            return values
        case .daftarBerita:
            return ["news": listSection(graph.news.map(newsItem))]
        case .berita:
            return [:]
        case .bagian(let section):
            return ["children": listSection((graph.sectionChildren[section] ?? []).map { index -> [String: Any] in
                let document = shown(index)
                return ["title": document.page.frontMatter.title ?? "", "url": url(graph.documents[index].path), "summary": document.summary]
            })]
        case .halaman, .notFound:
            return [:]
        case .alias(let target):
            return ["target": target, "target_absolute": absolute(target)]
        }
    }

    /// A list a template shows inside a wrapper (a heading, a `<table>`): `{"items": [...]}`, or nil
    /// when empty, so `{{#list}}` draws the wrapper once and `{{^list}}` says "none".
    private func listSection(_ items: [[String: Any]]) -> [String: Any]? {
        items.isEmpty ? nil : ["items": items]
    }

    private func perYearRows() -> [[String: Any]] {
        graph.summary.perYear.map { row in
            ["tahun": row.label, "url": url("/tahun/\(row.label)/"), "count": formatter.integer(row.value), "cumulative": formatter.integer(row.cumulative), "none": row.value == 0]
        }
    }

    private func provinsiRows() -> [[String: Any]] {
        graph.registry.provinsi.map { provinsi in
            let kabupaten = graph.registry.kabupaten(in: provinsi.kode)
            return [
                "name": provinsi.nama, "url": url(graph.registry.path(of: provinsi)),
                "count": count(graph.registry.desa(in: provinsi.kode).count),
                "kabupaten": kabupaten.map { ["name": $0.nama, "url": url(graph.registry.path(of: $0))] },
            ]
        }
    }

    private func pillarsWithSummaries() -> [[String: Any]] {
        graph.pilar.map { pilar in
            var item = pilarLink(pilar)
            item["summary"] = graph.pilarDocuments[pilar.id].map { shown($0).summary } ?? ""
            return item
        }
    }
}
