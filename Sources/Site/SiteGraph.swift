import Content
import Foundation
import Dispatch
import Markdown
import Statistics

/// A named link: a breadcrumb, a menu entry, an item in a list.
struct Link: Sendable, Hashable {
    let name: String
    let url: String
}

/// What a page of the site is about; decides its template and what its view model holds.
enum Subject: Sendable, Hashable {
    case home
    case halaman
    case bagian(String)
    case pilar(Pilar)
    case daftarPilar
    case wilayah
    case provinsi(Provinsi)
    case kabupaten(Kabupaten)
    /// A village page carries its village, resolved with its regency and province.
    case desa(DesaPlace)
    /// A year's villages; a year with more than `SiteConfig.desaPerHalaman` of them continues
    /// on further pages, numbered from 1.
    case tahun(Int, halaman: Int)
    case daftarTahun
    case berita
    /// The news list; past `SiteConfig.beritaPerHalaman` items it continues on further pages,
    /// numbered from 1.
    case daftarBerita(halaman: Int)
    case statistik
    case data
    case cari
    case notFound
    case alias(target: String)

    /// The theme template that renders it.
    var template: String {
        switch self {
        case .home: return "home"
        case .halaman: return "halaman"
        case .bagian: return "bagian"
        case .pilar: return "pilar"
        case .daftarPilar: return "daftar-pilar"
        case .wilayah: return "wilayah"
        case .provinsi: return "provinsi"
        case .kabupaten: return "kabupaten"
        case .desa: return "desa"
        case .tahun: return "tahun"
        case .daftarTahun: return "daftar-tahun"
        case .berita: return "berita"
        case .daftarBerita: return "daftar-berita"
        case .statistik: return "statistik"
        case .cari: return "cari"
        case .data: return "data"
        case .notFound: return "404"
        case .alias: return "alias"
        }
    }

    /// How many pages a list of `count` items takes at `perHalaman` a page: one at least, so a
    /// year without villages (or a site without news) still has its page.
    static func halamanCount(of count: Int, perHalaman: Int) -> Int {
        // Not rounded up by adding `perHalaman - 1`: site.yml may give any whole number, and
        // near `Int.max` that sum overflowed (the build crashed).
        count == 0 ? 1 : (count - 1) / perHalaman + 1
    }

    /// The positions (from 0) of the items page `halaman` (one of `halamanCount`'s) shows of a
    /// list of `count` items at `perHalaman` a page. A page past the first exists only when
    /// the items before it are fewer than `count`, so nothing here overflows either.
    static func halamanItems(_ halaman: Int, of count: Int, perHalaman: Int) -> Range<Int> {
        let start = min(count, (halaman - 1) * perHalaman)
        return start..<(start + min(perHalaman, count - start))
    }

    /// The site path of page `halaman` of a year's villages: the first at `/tahun/<tahun>/`, the
    /// next at `/tahun/<tahun>/halaman/2/`.
    static func tahunPath(_ year: Int, halaman: Int = 1) -> String {
        listPath("/tahun/\(year)/", halaman: halaman)
    }

    /// The site path of page `halaman` of the list whose first page is at `first`.
    static func listPath(_ first: String, halaman: Int) -> String {
        halaman == 1 ? first : first + "halaman/\(halaman)/"
    }
}

/// Which document of the site: its place in `SiteGraph.documents`. Pages, lists and
/// translations refer to documents by it, never by a bare number.
struct DocumentID: Sendable, Hashable, Comparable {
    let index: Int
    static func < (lhs: DocumentID, rhs: DocumentID) -> Bool { lhs.index < rhs.index }
}

/// The site's documents, looked up by `DocumentID`. Every lookup is noted to the recording
/// open on the thread (`DocumentReads`), so a page's view knows which documents it shows.
struct DocumentStore: Sendable, Sequence {
    private let all: [Document]

    init(_ documents: [Document]) { all = documents }

    // Yielded in place (`_read`), not returned: returning copied the document, retaining each of
    // its fields, where most callers read one field (a title, a date).
    subscript(id: DocumentID) -> Document {
        _read {
            DocumentReads.note(id.index)
            yield all[id.index]
        }
    }

    /// Every document's id, in content order.
    var ids: [DocumentID] { all.indices.map(DocumentID.init) }

    var count: Int { all.count }

    func makeIterator() -> IndexingIterator<[Document]> {
        DocumentReads.noteAll()
        return all.makeIterator()
    }

    /// The documents, without noting a read: for versions of the documents themselves.
    var unrecorded: [Document] { all }
}

/// Which page of the site: its place in `SiteGraph.pages`.
struct PageID: Sendable, Hashable {
    let index: Int
}

/// A content page with its Markdown rendered (once) and its place in the site.
struct Document: Sendable {
    let page: ContentPage
    let rendered: RenderedMarkdown
    /// The site path it is published at.
    let path: String
    /// The summary for lists and feeds: front matter `summary`, else the first paragraph, shortened.
    let summary: String
}

/// One page of the output.
struct SitePage: Sendable, Hashable {
    /// The site path: `/desa/jawa-barat/` (written as `.../index.html`) or `/404.html`.
    let path: String
    let subject: Subject
    let title: String
    /// The ancestors, home first; the page itself is not included.
    let breadcrumbs: [Link]
    /// The document giving its text, if any.
    let document: DocumentID?
    /// The date its document gives (the sitemap's `lastmod`).
    var date: SimpleDate?
    /// The page's language code.
    var language: String = ""
    /// In a non-default language, the page has no translation: its text (if shown) is the
    /// default language's, and the page says so.
    var untranslated = false
    /// The page's path in the default language; the same page in another language is that path
    /// with the language prefix.
    var basePath: String = ""

    /// Whether search engines should list it.
    var inSitemap: Bool {
        switch subject {
        case .notFound, .alias: return false
        default: return true
        }
    }

    /// The output file path relative to the output folder.
    var outputFile: String {
        path.hasSuffix("/") ? String(path.dropFirst()) + "index.html" : String(path.dropFirst())
    }
}

/// The whole site as one immutable value: pages, regions, documents and statistics.
/// Nothing after assembly reads a file.
struct SiteGraph: Sendable {
    let config: SiteConfig
    let registry: Registry
    let statistics: ProgramStatistics
    /// A hash of everything the statistics are computed from (see `SiteAssembler.statisticsKey`).
    let statisticsVersion: Int
    let documents: DocumentStore
    let pages: [SitePage]
    /// Documents that are village narratives, by village code.
    let narratives: [KodeWilayah: DocumentID]
    /// Documents that are pillar pages, by pillar id.
    let pilarDocuments: [String: DocumentID]
    /// Documents that introduce a section (`<section>/_index.md`).
    let sectionDocuments: [String: DocumentID]
    /// News documents, newest first.
    let news: [DocumentID]
    /// Plain pages by the section folder they sit in.
    let sectionChildren: [String: [DocumentID]]
    /// The home document, if `content/_index.md` exists.
    let homeDocument: DocumentID?
    /// Translations of default-language documents: document → language → translated document.
    let translations: [DocumentID: [String: DocumentID]]
    /// Static files copied from `content/`.
    let staticFiles: [(path: String, source: String)]
    /// The data package the figures come from.
    let package: DataPackage

    /// Program figures at a glance.
    var summary: ProgramSummary { statistics.summary }

    /// Every page's id, in page order.
    var pageIDs: [PageID] { pages.indices.map(PageID.init) }

    /// The page with that id.
    subscript(id: PageID) -> SitePage {
        _read { yield pages[id.index] }
    }

    /// The pillars, in program order.
    var pilar: [Pilar] { statistics.pilar }

    /// The pillar with that id.
    func pilar(_ id: String) -> Pilar? { statistics.pilar.first { $0.id == id } }
}

/// Puts the site graph together and checks what only the whole site can show (unknown village
/// codes, two pages on one URL).
enum SiteAssembler {
    /// Sections whose list pages the generator makes itself; their `_index.md` only adds text.
    static let generatedSections: Set<String> = ["pilar", "desa", "berita", "tahun", "statistik", "data", "cari"]

    /// Assembles the site graph. Without `keepingBodies`, its documents hold their pages
    /// without the Markdown bodies, once rendered (`ContentPage.withoutBody`).
    static func assemble(_ content: LoadedContent, strings: [String: Strings], hasSearch: Bool = false, cache: BuildCache? = nil,
                         keepingBodies: Bool = true, diagnostics: inout Diagnostics) -> SiteGraph? {
        let registry = content.registry
        let config = content.config
        let options = MarkdownOptions(allowUnsafeHTML: config.unsafeMarkdown)
        let before = diagnostics.all.count

        // Each page's document: its URL (a village narrative lives at its registry village's
        // URL), body and summary, made concurrently; the URLs' diagnostics are then reported in
        // file order. Made in place of the page, without its body when it is let go of:
        // copying 84,000 pages on one core afterwards took a tenth of a second.
        let made = ConcurrentResults<(document: Document?, diagnostics: [Diagnostic])>(count: content.pages.count, initial: (nil, []))
        let cache = cache ?? BuildCache.oneOff()
        DispatchQueue.concurrentPerform(iterations: content.pages.count) { index in
            let page = content.pages[index]
            var local = Diagnostics()
            let path = path(of: page, registry: registry, diagnostics: &local)
            let markdown = cache.markdown(page.body, source: content.fileHashes[page.relativePath], options: options) {
                MarkdownRenderer.render(page.body, options: options)
            }
            let document = path.map { path in
                Document(page: keepingBodies ? page : page.withoutBody(), rendered: markdown, path: page.language.map { localized(path, $0, config) } ?? path,
                         summary: page.frontMatter.summary ?? shorten(markdown.firstParagraph))
            }
            made[index] = (document, local.all)
        }
        var documentList: [Document] = []
        documentList.reserveCapacity(content.pages.count)
        made.takeEach { made in
            let (document, found) = made
            diagnostics.add(contentsOf: found)
            if let document { documentList.append(document) }
        }
        let documents = DocumentStore(documentList)
        var narratives: [KodeWilayah: DocumentID] = [:]
        narratives.reserveCapacity(documents.count)
        var pilarDocuments: [String: DocumentID] = [:]
        var sectionDocuments: [String: DocumentID] = [:]
        var news: [DocumentID] = []
        var sectionChildren: [String: [DocumentID]] = [:]
        var homeDocument: DocumentID?
        var pendingTranslations: [(document: DocumentID, language: String)] = []
        // Fields are read in place (`documents[id].page...`): a copy of each page retained all
        // its fields.
        for documentIndex in documents.ids {
            if let language = documents[documentIndex].page.language {
                pendingTranslations.append((documentIndex, language))
                continue
            }
            switch documents[documentIndex].page.kind {
            case .home: homeDocument = documentIndex
            case .desa:
                // A narrative without `kode` was reported by its front matter check.
                guard let kode = documents[documentIndex].page.frontMatter.kode else { continue }
                if let other = narratives[kode] {
                    let page = documents[documentIndex].page
                    diagnostics.error(page.file, page.frontMatter.keyPositions["kode"] ?? .start,
                                      "desa \(kode) sudah punya uraian di \(documents[other].page.file)",
                                      hint: "satu desa hanya boleh punya satu berkas uraian")
                } else {
                    narratives[kode] = documentIndex
                }
            case .pilar(let pilar): pilarDocuments[pilar] = documentIndex
            case .bagian(let section): sectionDocuments[section] = documentIndex
            case .berita: news.append(documentIndex)
            case .halaman: sectionChildren[documents[documentIndex].page.directories.joined(separator: "/"), default: []].append(documentIndex)
            }
        }
        // The pages that translations translate, by path: only those are looked for (a table of
        // every page's path cost more than the rest of this step).
        let translated = Set(pendingTranslations.map { documents[$0.document].page.basePath })
        var originals: [String: DocumentID] = [:]
        if !translated.isEmpty {
            for documentIndex in documents.ids where documents[documentIndex].page.language == nil {
                let path = documents[documentIndex].page.relativePath
                if translated.contains(path) { originals[path] = documentIndex }
            }
        }
        var translations: [DocumentID: [String: DocumentID]] = [:]
        for (index, language) in pendingTranslations {
            let page = documents[index].page
            guard let original = originals[page.basePath] else {
                diagnostics.error(page.file, .start, "terjemahan tanpa halaman asli: \(page.basePath) tidak ada",
                                  hint: "terjemahan \(page.relativePath) diletakkan di samping berkas aslinya")
                continue
            }
            if page.kind == .desa, page.frontMatter.kode != documents[original].page.frontMatter.kode {
                diagnostics.error(page.file, page.frontMatter.keyPositions["kode"] ?? .start,
                                  "kode terjemahan berbeda dari kode di \(documents[original].page.file)")
            }
            translations[original, default: [:]][language] = index
        }
        checkCitations(documents, translations: translations, diagnostics: &diagnostics)
        news.sort { lhs, rhs in
            // News items have a date (their front matter check requires one).
            let undated = SimpleDate(year: 1, month: 1, day: 1)
            let (a, b) = (documents[lhs].page.frontMatter.date ?? undated, documents[rhs].page.frontMatter.date ?? undated)
            return a != b ? a > b : documents[lhs].path < documents[rhs].path
        }
        sectionChildren = sectionChildren.mapValues { $0.sorted { byWeightThenTitle(documents[$0], documents[$1]) } }

        let pilar = pillars(pilarDocuments, documents: documents, content: content, diagnostics: &diagnostics)
        // Each language's pages, made at once; listed in the site's language order.
        let languagePages = ConcurrentResults<[SitePage]>(count: config.languages.count, initial: [])
        DispatchQueue.concurrentPerform(iterations: config.languages.count) {
            [news, sectionChildren, translations, homeDocument, sectionDocuments, pilarDocuments, narratives] number in
            let language = config.languages[number].code
            let builder = PageListBuilder(
                language: language, isDefault: language == config.language, config: config, strings: strings[language] ?? Strings([:]),
                registry: registry, documents: documents, translations: translations, hasSearch: hasSearch
            )
            languagePages[number] = builder.pages(home: homeDocument, sections: sectionDocuments, pilar: pilar, pilarDocuments: pilarDocuments,
                                                  narratives: narratives, news: news, sectionChildren: sectionChildren)
        }
        // The first language's list moved, not copied; the others appended to it.
        var pages: [SitePage] = []
        languagePages.takeEach { list in
            if pages.isEmpty { pages = list } else { pages.append(contentsOf: list) }
        }

        checkUniquePaths(pages, documents: documents, diagnostics: &diagnostics)
        guard !diagnostics.all[before...].contains(where: { $0.severity == .error }) else { return nil }
        let statisticsVersion = statisticsKey(content, pilar: pilar)
        return SiteGraph(
            config: config, registry: registry,
            statistics: cache.statistics(key: statisticsVersion) {
                ProgramStatistics(registry: registry, pilar: pilar, indicators: content.indicators, tables: content.tables)
            },
            statisticsVersion: statisticsVersion,
            documents: documents, pages: pages,
            narratives: narratives, pilarDocuments: pilarDocuments, sectionDocuments: sectionDocuments, news: news,
            sectionChildren: sectionChildren, homeDocument: homeDocument, translations: translations,
            staticFiles: content.staticFiles, package: content.package
        )
    }

    /// Every `[@id]` in a page's text must name a source of its `sumber:` (a translation may
    /// cite its original's too): an unknown one is an error at the citation. A declared source
    /// that the page never cites is a warning at its declaration.
    static func checkCitations(_ documents: DocumentStore, translations: [DocumentID: [String: DocumentID]], diagnostics: inout Diagnostics) {
        var originalOf: [DocumentID: DocumentID] = [:]
        for (original, byLanguage) in translations {
            for translated in byLanguage.values { originalOf[translated] = original }
        }
        for index in documents.ids {
            // Read in place: most pages neither cite nor declare a source, and a copy of each
            // document retained all its fields.
            let citations = documents[index].rendered.citations
            let own = documents[index].page.frontMatter.sumber
            if citations.isEmpty, own.isEmpty { continue }
            let page = documents[index].page
            let inherited = originalOf[index].map { documents[$0].page.frontMatter.sumber } ?? []
            let known = (own + inherited).compactMap(\.source.id)
            for citation in citations where !known.contains(citation.id) {
                let position = SourcePosition(line: page.bodyFirstLine + citation.line - 1, column: citation.column)
                diagnostics.error(page.file, position, "sumber tidak dikenal \"\(citation.id)\"",
                                  hint: known.isEmpty ? "daftarkan sumbernya di front matter: sumber: - id: \(citation.id)"
                                      : Suggestion.hint(for: citation.id, in: known, noun: "sumber"))
            }
            let cited = Set(citations.map(\.id))
            for (source, position) in own where !cited.contains(source.id ?? "") {
                diagnostics.warning(page.file, position, "sumber \"\(source.id ?? "")\" tidak pernah dikutip di teks",
                                    hint: "kutip di kalimat yang didukungnya: [@\(source.id ?? "")], atau hapus dari sumber:")
            }
        }
    }

    /// The pillars, from the pillar pages: in the order of their `weight` (then slug), each with
    /// its main indicator (`indikator_utama`, else its first indicator). Checks what joins pages
    /// and data: every indicator's pillar has a page, every main indicator measures its pillar,
    /// every `pilar:` a page names exists.
    static func pillars(_ pilarDocuments: [String: DocumentID], documents: DocumentStore, content: LoadedContent, diagnostics: inout Diagnostics) -> [Pilar] {
        let ordered = pilarDocuments.sorted { a, b in
            let (wa, wb) = (documents[a.value].page.frontMatter.weight, documents[b.value].page.frontMatter.weight)
            return wa != wb ? wa < wb : a.key < b.key
        }
        let indikator = content.indicators?.indikator ?? []
        var pillars: [Pilar] = []
        for (number, entry) in ordered.enumerated() {
            let page = documents[entry.value].page
            let own = indikator.filter { $0.pilar == entry.key }
            var main = own.first
            if let id = page.frontMatter.indikatorUtama {
                if let chosen = own.first(where: { $0.id == id }) {
                    main = chosen
                } else {
                    let other = indikator.first { $0.id == id }
                    diagnostics.error(page.file, page.frontMatter.keyPositions["indikator_utama"] ?? .start,
                                      other.map { "indikator \"\(id)\" mengukur pilar \"\($0.pilar)\", bukan \"\(entry.key)\"" } ?? "indikator tidak dikenal \"\(id)\"",
                                      hint: own.isEmpty ? "pilar ini belum punya indikator di datapackage.json"
                                          : Suggestion.hint(for: id, in: own.map(\.id), noun: "nilai"))
                }
            }
            pillars.append(Pilar(id: entry.key, nomor: number + 1, indikatorUtama: main))
        }
        let ids = pillars.map(\.id)
        if let resource = content.package.resource(role: .indikator) {
            for indicator in indikator where !ids.contains(indicator.pilar) {
                let position = resource.schema.field(indicator.id)?.position ?? resource.position
                diagnostics.error(content.packageFile, position,
                                  "indikator \"\(indicator.id)\" menyebut pilar \"\(indicator.pilar)\" yang tidak punya halaman",
                                  hint: ids.isEmpty ? "buat halaman content/pilar/\(indicator.pilar).md" : Suggestion.hint(for: indicator.pilar, in: ids, noun: "nilai"))
            }
        }
        for document in documents {
            for (id, position) in document.page.frontMatter.pilar where !ids.contains(id) {
                diagnostics.error(document.page.file, position, "pilar tidak dikenal \"\(id)\"", hint: Suggestion.hint(for: id, in: ids, noun: "nilai"))
            }
        }
        return pillars
    }

    /// What the statistics are computed from, as one hash: the data package's files and the
    /// pillar pages (their order and main indicators).
    static func statisticsKey(_ content: LoadedContent, pilar: [Pilar]) -> Int {
        var hasher = Hasher()
        for (file, hash) in content.fileHashes.filter({ $0.key.hasPrefix("data/") }).sorted(by: { $0.key < $1.key }) {
            hasher.combine(file)
            hasher.combine(hash)
        }
        hasher.combine(pilar)
        return hasher.finalize()
    }

    /// A site path in a language: the default language has none, others a `/<code>` prefix.
    static func localized(_ path: String, _ language: String, _ config: SiteConfig) -> String {
        language == config.language ? path : "/\(language)" + path
    }

    /// The URL of a content page, or nil (with a diagnostic) when it cannot have one.
    static func path(of page: ContentPage, registry: Registry, diagnostics: inout Diagnostics) -> String? {
        switch page.kind {
        case .home: return "/"
        case .bagian(let section): return "/" + section.split(separator: "/").map { Slug.make(String($0)) }.joined(separator: "/") + "/"
        case .pilar(let pilar): return "/pilar/\(pilar)/"
        case .desa:
            // A narrative without `kode` was reported by its front matter check.
            guard let kode = page.frontMatter.kode else { return nil }
            guard let desa = registry.desa(kode) else {
                let sameRegency = kode.kabupaten.map { registry.desa(in: $0).prefix(3) } ?? []
                let suggestions = sameRegency.map { "\($0.kode) (\($0.nama))" }
                diagnostics.error(page.file, page.frontMatter.keyPositions["kode"] ?? .start,
                                  "kode \(kode) tidak ada di registri desa",
                                  hint: suggestions.isEmpty
                                      ? "periksa kode di content/data/desa.json; halaman desa hanya untuk desa yang terdaftar"
                                      : "desa terdaftar di kabupaten yang sama antara lain: \(suggestions.joined(separator: ", "))")
                return nil
            }
            return registry.path(of: desa)
        case .berita: return "/berita/\(page.slug)/"
        case .halaman: return "/" + (page.directories + [page.slug]).joined(separator: "/") + "/"
        }
    }

    /// Two pages on one URL would overwrite each other: name both sources.
    static func checkUniquePaths(_ pages: [SitePage], documents: DocumentStore, diagnostics: inout Diagnostics) {
        // Indices, not pages: a national site has 84,000 pages per language, and copying each cost more
        // than the check.
        var owners: [String: Int] = [:]
        owners.reserveCapacity(pages.count)
        for index in pages.indices {
            guard let otherIndex = owners[pages[index].path] else {
                owners[pages[index].path] = index
                continue
            }
            let (page, other) = (pages[index], pages[otherIndex])
            let source = page.document.map { documents[$0].page.file }
            let otherSource = other.document.map { documents[$0].page.file } ?? "halaman yang dibuat generator (\(other.subject.template))"
            diagnostics.error(source ?? otherSource, .start, "dua halaman memakai alamat yang sama \(page.path): berkas ini dan \(otherSource)",
                              hint: "ganti nama berkas, atau tulis slug: lain di front matter")
        }
    }

    static func byWeightThenTitle(_ a: Document, _ b: Document) -> Bool {
        let (wa, wb) = (a.page.frontMatter.weight, b.page.frontMatter.weight)
        if wa != wb { return wa < wb }
        let (ta, tb) = (a.page.frontMatter.title ?? "", b.page.frontMatter.title ?? "")
        return ta != tb ? ta < tb : a.path < b.path
    }

    /// Shortens a paragraph to about 200 characters at a word boundary.
    static func shorten(_ text: String, limit: Int = 200) -> String {
        // Counting stops at the limit: a paragraph is not walked to its end to learn it is long.
        guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end < text.endIndex else { return text }
        var scalars = text.unicodeScalars[..<end]
        if let space = scalars.lastIndex(of: " ") { scalars = scalars[..<space] }
        // Punctuation (general category P*) is trimmed from both ends, as before the ellipsis.
        while let first = scalars.first, first.isPunctuation { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isPunctuation { scalars = scalars.dropLast() }
        return String(scalars) + "…"
    }
}

/// Lists the pages of the site in one language. Every language has the same pages at the same
/// paths (prefixed for non-default languages); a page's text comes from its translation when
/// there is one.
struct PageListBuilder {
    let language: String
    let isDefault: Bool
    let config: SiteConfig
    let strings: Strings
    let registry: Registry
    let documents: DocumentStore
    let translations: [DocumentID: [String: DocumentID]]
    /// Whether the theme has a search page (`templates/cari.mustache`).
    let hasSearch: Bool

    /// The document to show for a default-language document, and whether it lacks a translation.
    /// Pages built from data (villages, pillars, generated lists) drop an untranslated narrative
    /// and say it exists only in the default language; other pages show the original text.
    func resolve(_ original: DocumentID?, fromData: Bool) -> (document: DocumentID?, untranslated: Bool) {
        guard let original, !isDefault else { return (original, false) }
        if let translated = translations[original]?[language] { return (translated, false) }
        return fromData ? (nil, true) : (original, true)
    }

    func url(_ path: String) -> String { SiteAssembler.localized(path, language, config) }

    func page(_ path: String, _ subject: Subject, title: String, crumbs: [Link], original: DocumentID?, fromData: Bool) -> SitePage {
        let resolved = resolve(original, fromData: fromData)
        let frontMatter = resolved.document.map { documents[$0].page.frontMatter }
        var page = SitePage(path: url(path), subject: subject, title: frontMatter?.title ?? title,
                            breadcrumbs: crumbs.map { Link(name: $0.name, url: url($0.url)) }, document: resolved.document)
        page.date = frontMatter?.date
        page.language = language
        page.untranslated = resolved.untranslated
        page.basePath = path
        return page
    }

    /// The title of page `halaman` of `count` of a list titled `title`: the list's own on its
    /// first page, with the page's number on the others (written as the pager writes it, so a
    /// list past 999 pages reads "1.000" in both).
    func listTitle(_ title: String, halaman: Int, of count: Int) -> String {
        Self.listTitle(title, halaman: halaman, of: count, strings: strings)
    }

    /// `listTitle` in a language's `strings`.
    static func listTitle(_ title: String, halaman: Int, of count: Int, strings: Strings) -> String {
        guard halaman > 1 else { return title }
        let formatter = Formatter(strings: strings)
        return strings.format("halaman_ke_judul", ["judul": title, "halaman": formatter.integer(halaman), "jumlah": formatter.integer(count)])
    }

    func pages(home homeDocument: DocumentID?, sections: [String: DocumentID], pilar: [Pilar], pilarDocuments: [String: DocumentID],
               narratives: [KodeWilayah: DocumentID], news: [DocumentID], sectionChildren: [String: [DocumentID]]) -> [SitePage] {
        let home = Link(name: strings["beranda"], url: "/")
        var pages: [SitePage] = []
        func title(_ original: DocumentID?, _ fallback: String, fromData: Bool = true) -> String {
            resolve(original, fromData: fromData).document.flatMap { documents[$0].page.frontMatter.title } ?? fallback
        }

        pages.append(page("/", .home, title: config.title(in: language), crumbs: [], original: homeDocument, fromData: false))

        let pilarListTitle = title(sections["pilar"], strings["pilar_judul"])
        pages.append(page("/pilar/", .daftarPilar, title: pilarListTitle, crumbs: [home], original: sections["pilar"], fromData: true))
        for pilar in pilar {
            // A pillar exists because its page does: its title is the page's (or its translation's).
            let original = pilarDocuments[pilar.id]
            pages.append(page("/pilar/\(pilar.id)/", .pilar(pilar), title: original.flatMap { documents[$0].page.frontMatter.title } ?? pilar.id,
                              crumbs: [home, Link(name: pilarListTitle, url: "/pilar/")], original: original, fromData: true))
        }

        let wilayahTitle = title(sections["desa"], strings["wilayah_judul"])
        pages.append(page("/desa/", .wilayah, title: wilayahTitle, crumbs: [home], original: sections["desa"], fromData: true))
        for provinsi in registry.provinsi {
            pages.append(page(registry.path(of: provinsi), .provinsi(provinsi), title: provinsi.nama, crumbs: [home], original: nil, fromData: true))
        }
        for kabupaten in registry.kabupaten {
            let provinsi = registry.provinsi(of: kabupaten)
            pages.append(page(registry.path(of: kabupaten), .kabupaten(kabupaten), title: kabupaten.nama,
                              crumbs: [home, Link(name: provinsi.nama, url: registry.path(of: provinsi))], original: nil, fromData: true))
        }
        // A village page per registry row: most of a national site's pages, made concurrently.
        let villages = registry.places
        let desaPages = ConcurrentResults<SitePage?>(count: villages.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: villages.count) { index in
            let place = villages[index]
            let desa = place.desa
            desaPages[index] = page(registry.path(of: desa), .desa(place), title: desa.nama,
                                    crumbs: [home, Link(name: place.provinsi.nama, url: registry.path(of: place.provinsi)),
                                             Link(name: place.kabupaten.nama, url: registry.path(of: place.kabupaten))],
                                    original: narratives[desa.kode], fromData: true)
        }
        pages.reserveCapacity(pages.count + villages.count + 100)
        for index in villages.indices {
            if let desaPage = desaPages[index] { pages.append(desaPage) }
        }

        let tahunTitle = title(sections["tahun"], strings["tahun_judul"])
        pages.append(page("/tahun/", .daftarTahun, title: tahunTitle, crumbs: [home], original: sections["tahun"], fromData: true))
        for year in registry.tahunBerdiri {
            let yearTitle = strings.format("tahun_halaman_judul", ["tahun": String(year)])
            let count = Subject.halamanCount(of: registry.desaCount(establishedIn: year), perHalaman: config.desaPerHalaman)
            for halaman in 1...count {
                // Each page of a long year is a page of its own, titled with its number (two
                // pages with one title are two results a reader cannot tell apart), under the
                // year's first page.
                let title = listTitle(yearTitle, halaman: halaman, of: count)
                var crumbs = [home, Link(name: tahunTitle, url: "/tahun/")]
                if halaman > 1 { crumbs.append(Link(name: yearTitle, url: Subject.tahunPath(year))) }
                pages.append(page(Subject.tahunPath(year, halaman: halaman), .tahun(year, halaman: halaman), title: title, crumbs: crumbs,
                                  original: nil, fromData: true))
            }
        }

        let beritaTitle = title(sections["berita"], strings["berita_judul"])
        let beritaCount = Subject.halamanCount(of: news.count, perHalaman: config.beritaPerHalaman)
        for halaman in 1...beritaCount {
            // The section's own text (`berita/_index.md`) introduces the first page only.
            let title = listTitle(beritaTitle, halaman: halaman, of: beritaCount)
            pages.append(page(Subject.listPath("/berita/", halaman: halaman), .daftarBerita(halaman: halaman), title: title,
                              crumbs: halaman == 1 ? [home] : [home, Link(name: beritaTitle, url: "/berita/")],
                              original: halaman == 1 ? sections["berita"] : nil, fromData: true))
        }
        for index in news {
            pages.append(page(documents[index].path, .berita, title: documents[index].page.frontMatter.title ?? "",
                              crumbs: [home, Link(name: beritaTitle, url: "/berita/")], original: index, fromData: false))
        }

        for (section, index) in sections.sorted(by: { $0.key < $1.key }) where !SiteAssembler.generatedSections.contains(section) {
            pages.append(page(documents[index].path, .bagian(section), title: strings["bagian_judul"], crumbs: [home], original: index, fromData: false))
        }
        for (section, children) in sectionChildren.sorted(by: { $0.key < $1.key }) {
            var crumbs = [home]
            if let parent = sections[section] {
                crumbs.append(Link(name: title(parent, section, fromData: false), url: documents[parent].path))
            }
            for index in children {
                pages.append(page(documents[index].path, .halaman, title: documents[index].page.frontMatter.title ?? "", crumbs: crumbs, original: index, fromData: false))
            }
        }

        pages.append(page("/statistik/", .statistik, title: title(sections["statistik"], strings["statistik_judul"]), crumbs: [home],
                          original: sections["statistik"], fromData: true))
        if hasSearch {
            pages.append(page("/cari/", .cari, title: title(sections["cari"], strings["cari_judul"]), crumbs: [home], original: sections["cari"], fromData: true))
        }
        pages.append(page("/data/", .data, title: title(sections["data"], strings["data_judul"]), crumbs: [home], original: sections["data"], fromData: true))
        pages.append(page("/404.html", .notFound, title: strings["halaman_tidak_ditemukan"], crumbs: [], original: nil, fromData: true))

        // Aliases: old addresses that redirect to a page.
        for target in pages {
            guard let index = target.document else { continue }
            let original = documents[index].page.language == nil ? index : translations.first { $0.value.values.contains(index) }?.key
            for alias in original.map({ documents[$0].page.frontMatter.aliases }) ?? [] {
                var redirect = SitePage(path: url(alias), subject: .alias(target: target.path), title: target.title, breadcrumbs: [], document: index)
                redirect.language = language
                redirect.basePath = alias
                pages.append(redirect)
            }
        }
        return pages
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is punctuation (general category P*), as Foundation's
    /// `punctuationCharacters` set.
    fileprivate var isPunctuation: Bool {
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}
