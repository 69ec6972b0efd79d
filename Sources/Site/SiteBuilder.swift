import Content
import Dispatch
import Foundation
import Statistics
import Templating

/// Where a build reads from and writes to.
public struct BuildOptions: Sendable {
    /// The content folder (`content`).
    public var contentDirectory: String
    /// The theme folder (`themes/default`).
    public var themeDirectory: String
    /// The output folder (`public`).
    public var outputDirectory: String
    /// How input files are read.
    public var fileSystem: FileSystem
    /// How output files are written.
    public var outputFiles: OutputFiles
    /// Whether every text file also gets Brotli and gzip siblings (`.br`, `.gz`).
    public var precompress = false

    /// Creates options; the defaults are the repository's layout.
    public init(contentDirectory: String = "content", themeDirectory: String = "themes/default",
                outputDirectory: String = "public", fileSystem: FileSystem = .local, outputFiles: OutputFiles = .local) {
        self.contentDirectory = contentDirectory
        self.themeDirectory = themeDirectory
        self.outputDirectory = outputDirectory
        self.fileSystem = fileSystem
        self.outputFiles = outputFiles
    }
}

/// What a successful build did.
public struct BuildReport: Sendable {
    /// HTML pages written.
    public let pageCount: Int
    /// All files written (pages, feeds, assets).
    public let fileCount: Int
    /// Where the site is.
    public let outputDirectory: String
    /// Problems that did not fail the build.
    public let warnings: [Diagnostic]
    /// Seconds spent in each step of the pipeline, in order.
    public let timings: [(step: String, seconds: Double)]
}

/// A build that found errors in its input. The output folder was not touched.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    /// Every error and warning of the run, sorted by file and position.
    public let diagnostics: [Diagnostic]

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// A site generated in memory: output paths and their bytes.
public struct GeneratedSite: Sendable {
    /// Every output file by path relative to the output folder.
    public let files: [String: [UInt8]]
    /// HTML pages among them.
    public let pageCount: Int
    /// Problems that did not fail the build.
    public let warnings: [Diagnostic]
}

/// The generator's entry points; each runs the `Pipeline`.
public enum SiteBuilder {
    /// Builds the site and swaps it into the output folder. On any error nothing is written.
    public static func build(_ options: BuildOptions) throws(BuildFailure) -> BuildReport {
        var pipeline = Pipeline(options: options)
        let prepared = try pipeline.prepare(keepingBodies: false)
        let jobs = try pipeline.planAndWrite(prepared)
        let report = BuildReport(
            pageCount: jobs.filter(\.isPage).count, fileCount: jobs.count, outputDirectory: options.outputDirectory,
            warnings: prepared.warnings, timings: pipeline.timings
        )
        // Letting go of a national site's graph and jobs takes half a second: another thread
        // does it, so the caller goes on (a command reports and exits, and the process's end
        // frees everything at once). The box holds the only references once these end here.
        Leftovers.release((consume prepared, consume jobs))
        return report
    }

    /// Generates the whole site in memory without writing anything (for tests and checks).
    public static func generate(_ options: BuildOptions) throws(BuildFailure) -> GeneratedSite {
        var pipeline = Pipeline(options: options)
        let prepared = try pipeline.prepare()
        return try pipeline.generate(prepared)
    }

    /// The checked inputs of a build: theme, graph and the view-model builder.
    struct Prepared: Sendable {
        let theme: Theme
        let graph: SiteGraph
        /// View-model builders by language code.
        let contexts: [String: PageContext]
        /// The loaded content, with its file hashes; its pages are the graph's documents' (and
        /// not kept here when the bodies were let go of, see `Pipeline.prepare`).
        let content: LoadedContent
        /// What the previous build left (incremental builds only).
        let cache: BuildCache?
        let warnings: [Diagnostic]

        /// The default language's view-model builder.
        var context: PageContext { context(graph.config.language) }

        /// The view-model builder of one of the site's languages.
        func context(_ language: String) -> PageContext {
            // Safe: `Pipeline.prepare` makes one for every language of the site, and pages and
            // feeds exist only in those.
            contexts[language]!
        }
    }

    /// One file of the output and how to make it.
    struct OutputJob: Sendable {
        enum Source: Sendable {
            case page(PageID)
            case text(@Sendable (Prepared) -> String)
            case bytes([UInt8])
            case file(String)
        }
        let path: String
        let source: Source
        /// A hash of every value the file is made from, when that is known without making it
        /// (a download: its table's inputs, its provenance and notice); rebuilds then skip
        /// making files whose inputs did not change. Nil: the file's bytes are its key.
        var inputKey: Int? = nil
        /// Made from the site graph and the theme alone (the sitemap, the feeds): a rebuild
        /// keeps its key, as a page's, while every page, the structure and the documents it read
        /// are as they were (`PageMemo`).
        var fromGraph = false
        /// Made from the whole site at once (a sitemap, a feed, an open-data table or the data
        /// package's descriptor): a fresh build makes these one after another on a thread of
        /// their own beside the pages' batches (`Pipeline.writeFresh`), since some run to tens
        /// of megabytes at a national registry.
        var wholeSite = false

        var isPage: Bool {
            if case .page = source { return true }
            return false
        }
    }

    /// The files of the search index (`searchIndex`: each language's, by language).
    static func searchIndexJobs(_ searchIndex: [String: [String: [UInt8]]], languages: [String]) -> [OutputJob] {
        languages.flatMap { language in
            (searchIndex[language] ?? [:]).sorted(by: { $0.key < $1.key }).map { path, bytes in
                OutputJob(path: "cari/index/\(language)/\(path)", source: .bytes(bytes))
            }
        }
    }

    /// Every file of the output and how to make it; `searchIndex` holds the search index's files
    /// by language (built by the pipeline's index step).
    static func outputJobs(_ prepared: Prepared, searchIndex: [String: [String: [UInt8]]]) -> [OutputJob] {
        var jobs: [OutputJob] = prepared.graph.pageIDs.map { OutputJob(path: prepared.graph[$0].outputFile, source: .page($0)) }
        // One sitemap file, or (past the protocol's 50,000 URLs) an index and its parts, made
        // together by whichever of their jobs comes first.
        let sitemapFiles = Feeds.sitemapFileCount(listing: prepared.graph.pages.lazy.filter(\.inSitemap).count)
        if sitemapFiles == 1 {
            jobs.append(OutputJob(path: "sitemap.xml", source: .text { Feeds.sitemapFiles($0.graph)[0].text }, fromGraph: true, wholeSite: true))
        } else {
            let sitemaps = Once<[(path: String, text: String)]>()
            for number in 0..<sitemapFiles {
                let path = number == 0 ? "sitemap.xml" : "sitemap-\(number).xml"
                jobs.append(OutputJob(path: path, source: .text { prepared in sitemaps.value { Feeds.sitemapFiles(prepared.graph) }[number].text },
                                      fromGraph: true, wholeSite: true))
            }
        }
        jobs.append(OutputJob(path: "robots.txt", source: .text { Feeds.robots($0.graph) }, fromGraph: true))
        for language in prepared.graph.config.languages {
            let prefix = language.code == prepared.graph.config.language ? "" : "\(language.code)/"
            jobs.append(OutputJob(path: prefix + "berita/atom.xml", source: .text { Feeds.atom($0.graph, language: language.code, strings: $0.context(language.code).strings) },
                                  fromGraph: true, wholeSite: true))
        }
        let catalog = DataCatalog(graph: prepared.graph, strings: prepared.context.strings, figures: prepared.context.figures)
        let figures = prepared.context.figures
        // Every download with its provenance, paths and keys: the same for as long as the
        // figures' inputs and the site's settings are (thousands at a national registry, so
        // kept for rebuilds).
        let siteKey = prepared.content.fileHashes["site.yml"] ?? 0
        // (A one-off build keeps none: at a national registry they are tens of megabytes.)
        let memo = prepared.cache?.remembering == true ? figures.memo : nil
        let downloads = memo?.downloads(siteKey: siteKey) { DownloadFile.all(figures: figures, catalog: catalog) }
            ?? DownloadFile.all(figures: figures, catalog: catalog)
        let notice = catalog.sampleNotice
        for file in downloads {
            // The CSV and the JSON share one computation of the table.
            let table = SharedTable(uses: 2, file.download.make)
            let meta = file.meta
            jobs.append(OutputJob(path: file.csvPath, source: .text { _ in table.take().csv(notice: notice) }, inputKey: file.csvKey, wholeSite: true))
            jobs.append(OutputJob(path: file.jsonPath, source: .text { _ in table.take().json(meta: meta) }, inputKey: file.jsonKey, wholeSite: true))
        }
        // The descriptor reads the site's settings (site.yml), the data package and statistics,
        // the strings and figures: `figures.version` covers all but the first.
        var descriptorKey = Hasher()
        descriptorKey.combine(figures.version)
        descriptorKey.combine(prepared.content.fileHashes["site.yml"])
        jobs.append(OutputJob(path: "data/\(DataPackage.fileName)", source: .text { prepared in
            OpenDataPackage(graph: prepared.graph, catalog: catalog, figures: prepared.context.figures).descriptor()
        }, inputKey: descriptorKey.finalize(), wholeSite: true))
        jobs += searchIndexJobs(searchIndex, languages: prepared.graph.config.languages.map(\.code))
        for asset in prepared.theme.assets {
            jobs.append(OutputJob(path: asset.path, source: .bytes(asset.bytes)))
        }
        for file in prepared.graph.staticFiles {
            // A copy: its key is the hash of the bytes the loader read.
            jobs.append(OutputJob(path: file.path, source: .file(file.source), inputKey: prepared.content.fileHashes[file.path]))
        }
        return jobs
    }

    static func produce(_ job: OutputJob, prepared: Prepared, fileSystem: FileSystem) throws -> [UInt8] {
        switch job.source {
        case .page(let id):
            let page = prepared.graph[id]
            return try render(page, context: prepared.context(page.language).context(for: page), prepared: prepared)
        case .text(let make):
            return Array(make(prepared).utf8)
        case .bytes(let bytes):
            return bytes
        case .file(let source):
            return try fileSystem.read(source)
        }
    }

    /// Renders a page from its view model with its template.
    static func render(_ page: SitePage, context: TemplateValue, prepared: Prepared) throws(BuildFailure) -> [UInt8] {
        do {
            let html = try prepared.theme.library.render(context, withTemplate: page.subject.template) ?? ""
            return Array(html.utf8)
        } catch {
            // A cycle of partials: name the tag that went round, in its theme file.
            throw BuildFailure(diagnostics: [Diagnostic(file: prepared.theme.file(of: error.template) ?? error.template,
                                                        at: SourcePosition(line: error.line, column: error.column), error.description,
                                                        hint: "periksa partial yang saling memanggil: \(Set(error.chain).sorted().joined(separator: ", "))")])
        }
    }

    static func failure(_ file: String, _ message: String) -> BuildFailure {
        BuildFailure(diagnostics: [Diagnostic(file: file, message)])
    }
}

/// Values handed to another thread to be let go of there.
final class Leftovers: @unchecked Sendable {
    // Set once before the hand-off, cleared once by the receiving thread.
    private var value: Any?
    private init(_ value: Any) { self.value = value }

    /// Lets go of `value` on another thread; the caller must hold no other reference to it.
    static func release(_ value: consuming Any) {
        let leftovers = Leftovers(value)
        DispatchQueue.global(qos: .utility).async { leftovers.value = nil }
    }
}

/// A download's two files (CSV and JSON): where they go, the provenance the JSON carries, and
/// each file's key, a hash of every value it is made from.
struct DownloadFile: Sendable {
    let download: Figures.Download
    let meta: [(String, String)]
    let csvPath: String, jsonPath: String
    let csvKey: Int, jsonKey: Int

    /// Every download of the figures.
    static func all(figures: Figures, catalog: DataCatalog) -> [DownloadFile] {
        let notice = catalog.sampleNotice
        return figures.downloads().map { download in
            let meta = catalog.meta(for: download)
            func key(_ format: String) -> Int {
                var hasher = Hasher()
                hasher.combine(figures.version)
                hasher.combine(download.id)
                hasher.combine(format)
                hasher.combine(notice)
                for (name, value) in meta {
                    hasher.combine(name)
                    hasher.combine(value)
                }
                return hasher.finalize()
            }
            return DownloadFile(download: download, meta: meta, csvPath: String(Figures.downloadPath(id: download.id, "csv").dropFirst()),
                                jsonPath: String(Figures.downloadPath(id: download.id, "json").dropFirst()), csvKey: key("csv"), jsonKey: key("json"))
        }
    }
}

/// A table computed at most once for the files made from it (its CSV and its JSON), and let go
/// when the last of them has taken it: a site of every village has 83,762 such tables, which
/// must not all stay in memory until the build ends.
final class SharedTable: @unchecked Sendable {
    private let lock = NSLock()
    private let make: @Sendable () -> DataTable
    private var computed: DataTable?
    private var usesLeft: Int

    /// A table that `uses` files will take.
    init(uses: Int, _ make: @escaping @Sendable () -> DataTable) {
        self.make = make
        self.usesLeft = uses
    }

    /// The table, for one of its files.
    func take() -> DataTable {
        lock.withLock {
            let table = computed ?? make()
            usesLeft -= 1
            computed = usesLeft > 0 ? table : nil
            return table
        }
    }
}
