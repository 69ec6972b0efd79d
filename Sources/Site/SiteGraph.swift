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
    case provinsi(KodeWilayah)
    case kabupaten(KodeWilayah)
    case desa(KodeWilayah)
    case tahun(Int)
    case daftarTahun
    case berita
    case daftarBerita
    case statistik
    case data
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
        case .data: return "data"
        case .notFound: return "404"
        case .alias: return "alias"
        }
    }
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
struct SitePage: Sendable {
    /// The site path: `/desa/jawa-barat/` (written as `.../index.html`) or `/404.html`.
    let path: String
    let subject: Subject
    let title: String
    /// The ancestors, home first; the page itself is not included.
    let breadcrumbs: [Link]
    /// The document giving its text, if any.
    let document: Int?

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
    let documents: [Document]
    let pages: [SitePage]
    /// Documents that are village narratives, by village code.
    let narratives: [KodeWilayah: Int]
    /// Documents that are pillar pages.
    let pilarDocuments: [Pilar: Int]
    /// Documents that introduce a section (`<section>/_index.md`).
    let sectionDocuments: [String: Int]
    /// News documents, newest first.
    let news: [Int]
    /// Plain pages by the section folder they sit in.
    let sectionChildren: [String: [Int]]
    /// The home document, if `content/_index.md` exists.
    let homeDocument: Int?
    /// Static files copied from `content/`.
    let staticFiles: [(path: String, source: String)]
    /// Source data files published under `/data/sumber/`.
    let dataFiles: [(name: String, meta: DataSetMeta, source: String)]

    /// Program figures at a glance.
    var summary: ProgramSummary { statistics.summary }
}

/// Puts the site graph together and checks what only the whole site can show (unknown village
/// codes, two pages on one URL).
enum SiteAssembler {
    /// Sections whose list pages the generator makes itself; their `_index.md` only adds text.
    static let generatedSections: Set<String> = ["pilar", "desa", "berita", "tahun", "statistik", "data"]

    static func assemble(_ content: LoadedContent, strings: Strings, diagnostics: inout Diagnostics) -> SiteGraph? {
        let registry = content.registry
        let options = MarkdownOptions(allowUnsafeHTML: content.config.unsafeMarkdown)
        let before = diagnostics.all.count

        // Paths first: a village narrative lives at its registry village's URL.
        var paths: [String?] = []
        for page in content.pages {
            paths.append(path(of: page, registry: registry, diagnostics: &diagnostics))
        }

        let rendered = ConcurrentResults<RenderedMarkdown?>(count: content.pages.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: content.pages.count) { index in
            rendered[index] = MarkdownRenderer.render(content.pages[index].body, options: options)
        }
        var documents: [Document] = []
        var narratives: [KodeWilayah: Int] = [:]
        var pilarDocuments: [Pilar: Int] = [:]
        var sectionDocuments: [String: Int] = [:]
        var news: [Int] = []
        var sectionChildren: [String: [Int]] = [:]
        var homeDocument: Int?
        for (index, page) in content.pages.enumerated() {
            guard let path = paths[index], let markdown = rendered[index] else { continue }
            let documentIndex = documents.count
            documents.append(Document(page: page, rendered: markdown, path: path, summary: page.frontMatter.summary ?? shorten(markdown.firstParagraph)))
            switch page.kind {
            case .home: homeDocument = documentIndex
            case .desa:
                let kode = page.frontMatter.kode!
                if let other = narratives[kode] {
                    diagnostics.error(page.file, page.frontMatter.keyPositions["kode"] ?? .start,
                                      "desa \(kode) sudah punya uraian di \(documents[other].page.file)",
                                      hint: "satu desa hanya boleh punya satu berkas uraian")
                } else {
                    narratives[kode] = documentIndex
                }
            case .pilar(let pilar): pilarDocuments[pilar] = documentIndex
            case .section(let section): sectionDocuments[section] = documentIndex
            case .berita: news.append(documentIndex)
            case .halaman: sectionChildren[page.directories.joined(separator: "/"), default: []].append(documentIndex)
            }
        }
        news.sort { lhs, rhs in
            let (a, b) = (documents[lhs].page.frontMatter.date!, documents[rhs].page.frontMatter.date!)
            return a != b ? a > b : documents[lhs].path < documents[rhs].path
        }
        for key in sectionChildren.keys {
            sectionChildren[key]!.sort { byWeightThenTitle(documents[$0], documents[$1]) }
        }

        let home = Link(name: strings["beranda"], url: "/")
        var pages: [SitePage] = []
        func title(_ index: Int?, _ fallback: String) -> String {
            index.flatMap { documents[$0].page.frontMatter.title } ?? fallback
        }

        pages.append(SitePage(path: "/", subject: .home, title: title(homeDocument, content.config.title), breadcrumbs: [], document: homeDocument))

        let pilarListTitle = title(sectionDocuments["pilar"], strings["pilar_judul"])
        pages.append(SitePage(path: "/pilar/", subject: .daftarPilar, title: pilarListTitle, breadcrumbs: [home], document: sectionDocuments["pilar"]))
        for pilar in Pilar.allCases {
            let document = pilarDocuments[pilar]
            pages.append(SitePage(path: "/pilar/\(pilar.id)/", subject: .pilar(pilar), title: title(document, strings["pilar_\(pilar.id)"]),
                                  breadcrumbs: [home, Link(name: pilarListTitle, url: "/pilar/")], document: document))
        }

        let wilayahTitle = title(sectionDocuments["desa"], strings["wilayah_judul"])
        pages.append(SitePage(path: "/desa/", subject: .wilayah, title: wilayahTitle, breadcrumbs: [home], document: sectionDocuments["desa"]))
        for provinsi in registry.provinsi {
            pages.append(SitePage(path: registry.path(of: provinsi), subject: .provinsi(provinsi.kode), title: provinsi.nama, breadcrumbs: [home], document: nil))
        }
        for kabupaten in registry.kabupaten {
            let provinsi = registry.provinsi(kabupaten.provinsi)!
            pages.append(SitePage(path: registry.path(of: kabupaten), subject: .kabupaten(kabupaten.kode), title: kabupaten.nama,
                                  breadcrumbs: [home, Link(name: provinsi.nama, url: registry.path(of: provinsi))], document: nil))
        }
        for desa in registry.desa {
            let provinsi = registry.provinsi(desa.provinsi)!
            let kabupaten = registry.kabupaten(desa.kabupaten)!
            let document = narratives[desa.kode]
            pages.append(SitePage(path: registry.path(of: desa), subject: .desa(desa.kode), title: title(document, desa.nama),
                                  breadcrumbs: [home, Link(name: provinsi.nama, url: registry.path(of: provinsi)),
                                                Link(name: kabupaten.nama, url: registry.path(of: kabupaten))],
                                  document: document))
        }

        let tahunTitle = title(sectionDocuments["tahun"], strings["tahun_judul"])
        pages.append(SitePage(path: "/tahun/", subject: .daftarTahun, title: tahunTitle, breadcrumbs: [home], document: sectionDocuments["tahun"]))
        for year in ProgramYears.establishment {
            pages.append(SitePage(path: "/tahun/\(year)/", subject: .tahun(year), title: strings.format("tahun_halaman_judul", ["tahun": String(year)]),
                                  breadcrumbs: [home, Link(name: tahunTitle, url: "/tahun/")], document: nil))
        }

        let beritaTitle = title(sectionDocuments["berita"], strings["berita_judul"])
        pages.append(SitePage(path: "/berita/", subject: .daftarBerita, title: beritaTitle, breadcrumbs: [home], document: sectionDocuments["berita"]))
        for index in news {
            pages.append(SitePage(path: documents[index].path, subject: .berita, title: documents[index].page.frontMatter.title!,
                                  breadcrumbs: [home, Link(name: beritaTitle, url: "/berita/")], document: index))
        }

        for (section, index) in sectionDocuments.sorted(by: { $0.key < $1.key }) where !generatedSections.contains(section) {
            pages.append(SitePage(path: documents[index].path, subject: .bagian(section), title: title(index, strings["bagian_judul"]),
                                  breadcrumbs: [home], document: index))
        }
        for (section, children) in sectionChildren.sorted(by: { $0.key < $1.key }) {
            var crumbs = [home]
            if let parent = sectionDocuments[section] {
                crumbs.append(Link(name: title(parent, section), url: documents[parent].path))
            }
            for index in children {
                pages.append(SitePage(path: documents[index].path, subject: .halaman, title: documents[index].page.frontMatter.title!, breadcrumbs: crumbs, document: index))
            }
        }

        pages.append(SitePage(path: "/statistik/", subject: .statistik, title: title(sectionDocuments["statistik"], strings["statistik_judul"]),
                              breadcrumbs: [home], document: sectionDocuments["statistik"]))
        pages.append(SitePage(path: "/data/", subject: .data, title: title(sectionDocuments["data"], strings["data_judul"]),
                              breadcrumbs: [home], document: sectionDocuments["data"]))

        pages.append(SitePage(path: "/404.html", subject: .notFound, title: strings["halaman_tidak_ditemukan"], breadcrumbs: [], document: nil))

        // Aliases: old addresses that redirect to a page.
        for page in pages {
            guard let index = page.document else { continue }
            for alias in documents[index].page.frontMatter.aliases {
                pages.append(SitePage(path: alias, subject: .alias(target: page.path), title: page.title, breadcrumbs: [], document: index))
            }
        }

        checkUniquePaths(pages, documents: documents, diagnostics: &diagnostics)
        guard !diagnostics.all[before...].contains(where: { $0.severity == .error }) else { return nil }
        return SiteGraph(
            config: content.config, registry: registry,
            statistics: ProgramStatistics(registry: registry, indicators: content.indicators, evaluation: content.evaluation),
            documents: documents, pages: pages,
            narratives: narratives, pilarDocuments: pilarDocuments, sectionDocuments: sectionDocuments, news: news,
            sectionChildren: sectionChildren, homeDocument: homeDocument, staticFiles: content.staticFiles, dataFiles: content.dataFiles
        )
    }

    /// The URL of a content page, or nil (with a diagnostic) when it cannot have one.
    static func path(of page: ContentPage, registry: Registry, diagnostics: inout Diagnostics) -> String? {
        switch page.kind {
        case .home: return "/"
        case .section(let section): return "/" + section.split(separator: "/").map { Slug.make(String($0)) }.joined(separator: "/") + "/"
        case .pilar(let pilar): return "/pilar/\(pilar.id)/"
        case .desa:
            let kode = page.frontMatter.kode!
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
    static func checkUniquePaths(_ pages: [SitePage], documents: [Document], diagnostics: inout Diagnostics) {
        var owners: [String: SitePage] = [:]
        for page in pages {
            guard let other = owners[page.path] else {
                owners[page.path] = page
                continue
            }
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
        guard text.count > limit else { return text }
        var cut = text.prefix(limit)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        return cut.trimmingCharacters(in: .punctuationCharacters) + "…"
    }
}
