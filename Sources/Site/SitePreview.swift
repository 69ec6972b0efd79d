import Content
import Foundation

/// What the studio needs to know about a site, from the same pipeline as `build`: every
/// problem of every file, every Markdown file (drafts included), the registry's villages, the
/// pillars, and a page rendered from text that is not saved yet.
///
/// Unsaved text is laid over the disk through the pipeline's `FileSystem` seam, so a preview is
/// exactly the page `build` would write from that text, and its diagnostics are `check`'s.
public final class SitePreview: @unchecked Sendable {
    /// One Markdown file of `content/`.
    public struct PageEntry: Sendable {
        /// The path below `content/` (`desa/kenanga.md`).
        public let path: String
        /// What kind of page it makes.
        public let kind: PageKind
        /// Its front matter title (villages: none; their name comes from the registry).
        public let title: String?
        /// Whether it is a draft.
        public let draft: Bool
        /// The language of a translation; nil for the default language.
        public let language: String?
        /// A village narrative's registry code.
        public let kode: KodeWilayah?
        /// Its address on the site (with the language prefix of a translation), when published.
        public let url: String?

        /// An entry for a file known only by its path (one that cannot be read as a page yet).
        public init(path: String, kind: PageKind) {
            self.init(path: path, kind: kind, title: nil, draft: false, language: nil, kode: nil, url: nil)
        }

        init(path: String, kind: PageKind, title: String?, draft: Bool, language: String?, kode: KodeWilayah?, url: String?) {
            (self.path, self.kind, self.title, self.draft, self.language, self.kode, self.url) = (path, kind, title, draft, language, kode, url)
        }
    }

    /// One village of the registry.
    public struct VillageEntry: Sendable {
        public let kode: KodeWilayah
        public let nama: String
        public let kecamatan: String
        public let kabupaten: String
        public let provinsi: String
        /// The village's page on the site.
        public let url: String
    }

    /// What one inspection found.
    public struct Inspection: Sendable {
        /// Every error and warning of the site, errors first, each sorted by file and position.
        public let diagnostics: [Diagnostic]
        /// Every Markdown file that could be read, drafts included, sorted by path.
        public let pages: [PageEntry]
        /// The registry's villages (empty when the data package cannot be read).
        public let villages: [VillageEntry]
        /// The pillars' slugs and titles, in page order.
        public let pillars: [(id: String, title: String)]
        /// The site's languages, default first.
        public let languages: [String]
        /// The HTML of the page made from the file asked for, when the site has no error.
        public let html: String?

        /// An inspection with only the given parts (for tests of what is shown from one).
        public init(diagnostics: [Diagnostic] = [], pages: [PageEntry] = [], villages: [VillageEntry] = [], pillars: [(id: String, title: String)] = [],
                    languages: [String] = ["id"], html: String? = nil) {
            (self.diagnostics, self.pages, self.villages, self.pillars, self.languages, self.html) = (diagnostics, pages, villages, pillars, languages, html)
        }
    }

    private let options: BuildOptions
    // Separate from the preview server's builder cache: previews lay unsaved text over files,
    // and must not make `serve`'s own rebuilds think those files changed.
    private let cache = BuildCache()
    private let lock = NSLock()

    /// A preview of the site that `options` describe (its output folder is never written).
    public init(options: BuildOptions) {
        self.options = options
    }

    /// Inspects the site, with `text` standing in for the file at `path` (below `content/`)
    /// when given, and renders that file's page. With `asPublished`, a draft is rendered as it
    /// will look once published.
    public func inspect(path: String? = nil, text: String? = nil, asPublished: Bool = false) -> Inspection {
        lock.lock()
        defer { lock.unlock() }
        var options = self.options
        let contentDirectory = options.contentDirectory
        let base = options.fileSystem
        if let path, let text {
            let target = joinPath(contentDirectory, path)
            let bytes = Array(text.utf8)
            options.fileSystem = FileSystem(
                read: { $0 == target ? bytes : try base.read($0) },
                list: { directory in
                    guard var files = base.list(directory) else { return nil }
                    if directory == contentDirectory, !files.contains(path) { files = (files + [path]).sorted() }
                    return files
                }
            )
        }
        var diagnostics = Diagnostics()
        guard let content = ContentLoader.load(directory: contentDirectory, fileSystem: options.fileSystem, cache: cache, diagnostics: &diagnostics) else {
            return Inspection(diagnostics: diagnostics.errors + diagnostics.warnings, pages: [], villages: [], pillars: [], languages: ["id"], html: nil)
        }
        let villages = content.registry.places.map { place in
            let desa = place.desa
            return VillageEntry(kode: desa.kode, nama: desa.nama, kecamatan: desa.kecamatan.nama, kabupaten: content.registry.nama(of: desa.kabupaten),
                                provinsi: content.registry.nama(of: desa.provinsi), url: "")
        }
        var toRender = content
        if asPublished, let path, let draft = content.drafts.first(where: { $0.relativePath == path }) {
            var published = draft
            published.frontMatter.draft = false
            toRender = content.replacingPages(with: (content.pages + [published]).sorted { $0.relativePath < $1.relativePath })
        }
        var html: String?
        var graph: SiteGraph?
        let theme = Theme.load(directory: options.themeDirectory, languages: content.config.languages.map(\.code), fileSystem: options.fileSystem,
                               diagnostics: &diagnostics)
        theme?.checkViews(diagnostics: &diagnostics)
        if let theme, !diagnostics.hasErrors {
            graph = SiteAssembler.assemble(toRender, strings: theme.strings, hasSearch: theme.library.contains("cari"), cache: cache, diagnostics: &diagnostics)
            if let graph, !diagnostics.hasErrors, let path {
                html = Self.render(path, graph: graph, theme: theme, content: toRender, cache: cache)
            }
        }
        var urls: [String: String] = [:]
        if let graph {
            for id in graph.documents.ids { urls[graph.documents[id].page.relativePath] = graph.documents[id].path }
        }
        let pages = (content.pages + content.drafts).sorted { $0.relativePath < $1.relativePath }.map { page in
            PageEntry(path: page.relativePath, kind: page.kind, title: page.frontMatter.title, draft: page.frontMatter.draft, language: page.language,
                      kode: page.frontMatter.kode, url: urls[page.relativePath])
        }
        let pillarPages = content.pages.filter { if case .pilar = $0.kind { $0.language == nil } else { false } }
            .sorted { ($0.frontMatter.weight, $0.relativePath) < ($1.frontMatter.weight, $1.relativePath) }
        let pillars = pillarPages.compactMap { page -> (id: String, title: String)? in
            guard case .pilar(let id) = page.kind else { return nil }
            return (id, page.frontMatter.title ?? id)
        }
        let villageURLs = graph.map(Self.villageURLs) ?? [:]
        let placed = villages.map { village in
            VillageEntry(kode: village.kode, nama: village.nama, kecamatan: village.kecamatan, kabupaten: village.kabupaten, provinsi: village.provinsi,
                         url: villageURLs[village.kode] ?? "")
        }
        return Inspection(diagnostics: diagnostics.errors + diagnostics.warnings, pages: pages, villages: placed, pillars: pillars,
                          languages: content.config.languages.map(\.code), html: html)
    }

    /// The HTML of the page a content file makes, rendered as `build` renders it.
    private static func render(_ path: String, graph: SiteGraph, theme: Theme, content: LoadedContent, cache: BuildCache) -> String? {
        guard let document = graph.documents.ids.first(where: { graph.documents[$0].page.relativePath == path }),
              let page = graph.pages.first(where: { $0.document == document && !$0.untranslated && $0.inSitemap }) ?? graph.pages.first(where: { $0.document == document })
        else { return nil }
        var contexts: [String: PageContext] = [:]
        for language in graph.config.languages {
            contexts[language.code] = PageContext(graph: graph, language: language.code, strings: theme.strings, assets: theme.assets, cache: cache,
                                                    shown: theme.shownNames)
        }
        let prepared = SiteBuilder.Prepared(theme: theme, graph: graph, contexts: contexts, content: content, cache: cache, warnings: [])
        let context = prepared.context(page.language)
        guard let bytes = try? SiteBuilder.render(page, context: context.context(for: context.pageView(for: page)), prepared: prepared) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The address of every village's page in the default language, in one pass over the pages.
    private static func villageURLs(_ graph: SiteGraph) -> [KodeWilayah: String] {
        var urls: [KodeWilayah: String] = [:]
        for page in graph.pages where page.language == graph.config.language {
            if case .desa(let place) = page.subject { urls[place.desa.kode] = page.path }
        }
        return urls
    }
}

extension LoadedContent {
    /// The same content with another list of published pages.
    func replacingPages(with pages: [ContentPage]) -> LoadedContent {
        LoadedContent(config: config, package: package, packageFile: packageFile, registry: registry, indicators: indicators, tables: tables,
                      fileHashes: fileHashes, pages: pages, drafts: drafts, staticFiles: staticFiles, synonyms: synonyms)
    }
}
