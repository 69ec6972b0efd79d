import Content
import Dispatch
import Foundation
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

    /// Creates options; the defaults are the repository's layout.
    public init(contentDirectory: String = "content", themeDirectory: String = "themes/default",
                outputDirectory: String = "public", fileSystem: FileSystem = .local) {
        self.contentDirectory = contentDirectory
        self.themeDirectory = themeDirectory
        self.outputDirectory = outputDirectory
        self.fileSystem = fileSystem
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

/// The build pipeline: load ▸ validate ▸ assemble ▸ render ▸ write, each step timed.
public enum SiteBuilder {
    /// Builds the site and swaps it into the output folder. On any error nothing is written.
    public static func build(_ options: BuildOptions) throws(BuildFailure) -> BuildReport {
        var timer = StepTimer()
        let prepared = try prepare(options, timer: &timer)
        let jobs = outputJobs(prepared)
        try writeAll(jobs, prepared: prepared, options: options, timer: &timer)
        return BuildReport(
            pageCount: jobs.filter(\.isPage).count, fileCount: jobs.count, outputDirectory: options.outputDirectory,
            warnings: prepared.warnings, timings: timer.laps
        )
    }

    /// Writes the whole site. All input was validated before this point, so bad content never
    /// reaches the output. A new output folder is built beside and renamed into place; an
    /// existing one is updated in place, and only where bytes changed (see `updateInPlace`).
    static func writeAll(_ jobs: [OutputJob], prepared: Prepared, options: BuildOptions, timer: inout StepTimer) throws(BuildFailure) {
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: options.outputDirectory), existing.contains(where: { !$0.hasPrefix(".") }),
           try updateInPlace(jobs, prepared: prepared, options: options, timer: &timer) {
            return
        }
        let writer: OutputWriter
        do {
            writer = try OutputWriter(outputDirectory: options.outputDirectory)
        } catch {
            throw failure(options.outputDirectory, "folder keluaran tidak dapat disiapkan: \(error.localizedDescription)")
        }
        // Pages render concurrently in batches; each batch is written by one thread, in path
        // order, while the next renders. Concurrent file creation only made ext4 contend on its
        // inode allocator (system time doubled in perf) without writing any faster.
        let batchSize = 512
        let writeQueue = DispatchQueue(label: "desmigratif.write")
        let writeError = ConcurrentResults<String?>(count: 1, initial: nil)
        var renderError: BuildFailure?
        for start in stride(from: 0, to: jobs.count, by: batchSize) {
            let batch = Array(jobs[start..<min(start + batchSize, jobs.count)])
            let rendered = ConcurrentResults<Result<[UInt8], BuildFailure>>(count: batch.count, initial: .success([]))
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                do {
                    rendered[index] = .success(try produce(batch[index], prepared: prepared, fileSystem: options.fileSystem))
                } catch let error as BuildFailure {
                    rendered[index] = .failure(error)
                } catch {
                    rendered[index] = .failure(failure(batch[index].path, error.localizedDescription))
                }
            }
            let results = rendered.values
            if let failed = results.first(where: { if case .failure = $0 { return true } else { return false } }), case .failure(let error) = failed {
                renderError = error
                break
            }
            writeQueue.async {
                guard writeError[0] == nil else { return }
                for (job, result) in zip(batch, results) {
                    guard case .success(let bytes) = result else { continue }
                    do {
                        try writer.write(bytes, to: job.path)
                    } catch {
                        writeError[0] = "\(job.path): \(error.localizedDescription)"
                        return
                    }
                }
            }
        }
        writeQueue.sync {}
        timer.lap("render+write")
        if let renderError {
            writer.discard()
            throw renderError
        }
        if let message = writeError[0] {
            writer.discard()
            throw failure(options.outputDirectory, "berkas keluaran tidak dapat ditulis: \(message)")
        }
        do {
            try writer.commit()
        } catch {
            writer.discard()
            throw failure(options.outputDirectory, "folder keluaran tidak dapat diganti: \(error.localizedDescription)")
        }
        timer.lap("swap")
    }

    /// How many changed bytes an in-place update holds in memory before it falls back to
    /// building a fresh folder and swapping it in.
    static let inPlaceMemoryLimit = 512 << 20

    /// Updates an existing output folder: every file is rendered first and compared with what
    /// is on disk; only then are the changed ones written (each through a temporary file and a
    /// rename, so no reader sees half a file) and the files of pages that are gone removed.
    /// Unchanged files are not touched, which also spares the file system from allocating a new
    /// inode per page. Returns false (having written nothing) when the changes are too large to
    /// hold, so the caller swaps in a fresh folder instead.
    static func updateInPlace(_ jobs: [OutputJob], prepared: Prepared, options: BuildOptions, timer: inout StepTimer) throws(BuildFailure) -> Bool {
        let output = options.outputDirectory
        let changed = ConcurrentResults<[UInt8]?>(count: jobs.count, initial: nil)
        let failures = ConcurrentResults<BuildFailure?>(count: jobs.count, initial: nil)
        let held = ConcurrentResults<Int>(count: jobs.count, initial: 0)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            do {
                let bytes = try produce(jobs[index], prepared: prepared, fileSystem: options.fileSystem)
                let existing = FileManager.default.contents(atPath: joinPath(output, jobs[index].path))
                if existing.map({ !$0.elementsEqual(bytes) }) ?? true {
                    changed[index] = bytes
                    held[index] = bytes.count
                }
            } catch let error as BuildFailure {
                failures[index] = error
            } catch {
                failures[index] = failure(output, "berkas keluaran tidak dapat dibuat: \(jobs[index].path): \(error.localizedDescription)")
            }
        }
        if let error = failures.values.compactMap({ $0 }).first { throw error }
        guard held.values.reduce(0, +) <= inPlaceMemoryLimit else { return false }
        timer.lap("render")
        let paths = Set(jobs.map(\.path))
        let changedValues = changed.values
        let writeFailures = ConcurrentResults<String?>(count: jobs.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            guard let bytes = changedValues[index] else { return }
            do {
                try IncrementalBuilder.writeInPlace(bytes, to: jobs[index].path, output: output)
            } catch {
                writeFailures[index] = "\(jobs[index].path): \(error.localizedDescription)"
            }
        }
        if let message = writeFailures.values.compactMap({ $0 }).first {
            throw failure(output, "berkas keluaran tidak dapat ditulis: \(message)")
        }
        // Files of pages that no longer exist; hidden files at the top (.gitkeep) are not ours.
        let root = URL(fileURLWithPath: output).standardizedFileURL.path
        if let enumerator = FileManager.default.enumerator(atPath: root) {
            var stale: [String] = []
            while let relative = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                if relative.hasPrefix("."), !relative.contains("/") { continue }
                if !paths.contains(relative) { stale.append(relative) }
            }
            for relative in stale { IncrementalBuilder.remove(relative, output: output) }
        }
        timer.lap("write")
        return true
    }

    /// Generates the whole site in memory without writing anything (for tests and checks).
    public static func generate(_ options: BuildOptions) throws(BuildFailure) -> GeneratedSite {
        var timer = StepTimer()
        return try generate(try prepare(options, timer: &timer), fileSystem: options.fileSystem)
    }

    /// Renders every output file of prepared inputs in memory.
    static func generate(_ prepared: Prepared, fileSystem: FileSystem) throws(BuildFailure) -> GeneratedSite {
        let jobs = outputJobs(prepared)
        let results = ConcurrentResults<Result<[UInt8], BuildFailure>>(count: jobs.count, initial: .success([]))
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            do {
                results[index] = .success(try produce(jobs[index], prepared: prepared, fileSystem: fileSystem))
            } catch let error as BuildFailure {
                results[index] = .failure(error)
            } catch {
                results[index] = .failure(failure(jobs[index].path, error.localizedDescription))
            }
        }
        var files: [String: [UInt8]] = [:]
        for (job, result) in zip(jobs, results.values) {
            switch result {
            case .success(let bytes): files[job.path] = bytes
            case .failure(let failure): throw failure
            }
        }
        return GeneratedSite(files: files, pageCount: jobs.filter(\.isPage).count, warnings: prepared.warnings)
    }

    /// The checked inputs of a build: theme, graph and the view-model builder.
    struct Prepared: Sendable {
        let theme: Theme
        let graph: SiteGraph
        /// View-model builders by language code.
        let contexts: [String: PageContext]
        /// The loaded content, with its file hashes.
        let content: LoadedContent
        /// What the previous build left (incremental builds only).
        let cache: BuildCache?
        let warnings: [Diagnostic]

        /// The default language's view-model builder.
        var context: PageContext { contexts[graph.config.language]! }
    }

    /// Load, validate and assemble. Every diagnostic of every file is collected before failing.
    static func prepare(_ options: BuildOptions, timer: inout StepTimer, cache: BuildCache? = nil) throws(BuildFailure) -> Prepared {
        var diagnostics = Diagnostics()
        let content = ContentLoader.load(directory: options.contentDirectory, fileSystem: options.fileSystem, cache: cache, diagnostics: &diagnostics)
        let theme = Theme.load(directory: options.themeDirectory, languages: content?.config.languages.map(\.code) ?? ["id"],
                               fileSystem: options.fileSystem, diagnostics: &diagnostics)
        timer.lap("load+validate")
        guard let content, let theme, !diagnostics.hasErrors else {
            throw BuildFailure(diagnostics: diagnostics.errors + diagnostics.warnings)
        }
        guard let graph = SiteAssembler.assemble(content, strings: theme.strings, hasSearch: theme.library.contains("cari"), cache: cache,
                                                 diagnostics: &diagnostics), !diagnostics.hasErrors else {
            throw BuildFailure(diagnostics: diagnostics.errors + diagnostics.warnings)
        }
        timer.lap("assemble")
        var contexts: [String: PageContext] = [:]
        for language in graph.config.languages {
            contexts[language.code] = PageContext(graph: graph, language: language.code, strings: theme.strings)
        }
        return Prepared(theme: theme, graph: graph, contexts: contexts, content: content, cache: cache, warnings: diagnostics.warnings)
    }

    /// One file of the output and how to make it.
    struct OutputJob: Sendable {
        enum Source: Sendable {
            case page(Int)
            case text(@Sendable (Prepared) -> String)
            case bytes([UInt8])
            case file(String)
        }
        let path: String
        let source: Source

        var isPage: Bool {
            if case .page = source { return true }
            return false
        }
    }

    static func outputJobs(_ prepared: Prepared) -> [OutputJob] {
        var jobs: [OutputJob] = prepared.graph.pages.indices.map { OutputJob(path: prepared.graph.pages[$0].outputFile, source: .page($0)) }
        jobs.append(OutputJob(path: "sitemap.xml", source: .text { Feeds.sitemap($0.graph) }))
        jobs.append(OutputJob(path: "robots.txt", source: .text { Feeds.robots($0.graph) }))
        for language in prepared.graph.config.languages {
            let prefix = language.code == prepared.graph.config.language ? "" : "\(language.code)/"
            jobs.append(OutputJob(path: prefix + "berita/atom.xml", source: .text { Feeds.atom($0.graph, language: language.code, strings: $0.theme.strings[language.code]!) }))
        }
        let catalog = DataCatalog(graph: prepared.graph, strings: prepared.context.strings, figures: prepared.context.figures)
        for download in prepared.context.figures.downloads() {
            let meta = catalog.meta(for: download)
            let notice = catalog.sampleNotice
            jobs.append(OutputJob(path: String(Figures.downloadPath(id: download.id, "csv").dropFirst()), source: .text { _ in download.make().csv(notice: notice) }))
            jobs.append(OutputJob(path: String(Figures.downloadPath(id: download.id, "json").dropFirst()), source: .text { _ in download.make().json(meta: meta) }))
        }
        jobs.append(OutputJob(path: "data/\(DataPackage.fileName)", source: .text { prepared in
            OpenDataPackage(graph: prepared.graph, catalog: catalog, figures: prepared.context.figures).descriptor()
        }))
        if prepared.graph.pages.contains(where: { $0.subject == .cari }) {
            for language in prepared.graph.config.languages {
                let index = SearchDocuments(graph: prepared.graph, context: prepared.contexts[language.code]!)
                    .index(stopwords: prepared.theme.stopwords[language.code] ?? [], stems: language.code == "id", cache: prepared.cache?.searchTerms)
                for (path, text) in index.files.sorted(by: { $0.key < $1.key }) {
                    jobs.append(OutputJob(path: "cari/index/\(language.code)/\(path)", source: .bytes(Array(text.utf8))))
                }
            }
        }
        for asset in prepared.theme.assets {
            jobs.append(OutputJob(path: asset.path, source: .bytes(asset.bytes)))
        }
        for file in prepared.graph.staticFiles {
            jobs.append(OutputJob(path: file.path, source: .file(file.source)))
        }
        return jobs
    }

    static func produce(_ job: OutputJob, prepared: Prepared, fileSystem: FileSystem) throws -> [UInt8] {
        switch job.source {
        case .page(let index):
            let page = prepared.graph.pages[index]
            let context = prepared.contexts[page.language]!.context(for: page)
            do {
                let html = try prepared.theme.library.render(context, withTemplate: page.subject.template) ?? ""
                return Array(html.utf8)
            } catch {
                // A cycle of partials: name the tag that went round, in its theme file.
                throw BuildFailure(diagnostics: [Diagnostic(file: prepared.theme.file(of: error.template) ?? error.template,
                                                            at: SourcePosition(line: error.line, column: error.column), error.description,
                                                            hint: "periksa partial yang saling memanggil: \(Set(error.chain).sorted().joined(separator: ", "))")])
            }
        case .text(let make):
            return Array(make(prepared).utf8)
        case .bytes(let bytes):
            return bytes
        case .file(let source):
            return try fileSystem.read(source)
        }
    }

    static func failure(_ file: String, _ message: String) -> BuildFailure {
        BuildFailure(diagnostics: [Diagnostic(file: file, message)])
    }
}

/// Measures the pipeline's steps.
struct StepTimer {
    private var last = ContinuousClock.now
    private(set) var laps: [(step: String, seconds: Double)] = []

    mutating func lap(_ step: String) {
        let now = ContinuousClock.now
        let elapsed = now - last
        laps.append((step, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        last = now
    }
}
