import Content
import Dispatch
import Foundation

/// Rebuilds a site in place after edits, redoing only what the edit affects, with the same bytes
/// as a clean build. Used by `serve`.
///
/// Each output file has a dependency key: a hash of the versions of every input it is made from
/// (its Markdown file and translations, the data it shows, the templates and strings it is
/// rendered with, the lists it appears in). Inputs are only re-parsed when their bytes change
/// (`BuildCache`); outputs are only rendered and written when their key changes.
public final class IncrementalBuilder: @unchecked Sendable {
    /// What one rebuild did.
    public struct Report: Sendable {
        /// Files rendered and written.
        public let written: Int
        /// Files whose inputs had not changed.
        public let unchanged: Int
        /// Files removed because their page is gone.
        public let removed: Int
        /// Problems that did not fail the build.
        public let warnings: [Diagnostic]
        /// Wall time of the rebuild.
        public let seconds: Double
        /// The output paths written (relative to the output folder).
        public let writtenPaths: [String]
    }

    /// Where the site is read from and written to.
    public let options: BuildOptions
    private let cache = BuildCache()
    private var keys: [String: Int] = [:]
    private var hasBuilt = false
    private let lock = NSLock()

    /// A builder whose first `build()` writes the whole site.
    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds: the first time completely (swapping the output in), then only what changed.
    /// On errors nothing is written and the last good output stays.
    public func build() throws(BuildFailure) -> Report {
        lock.lock()
        defer { lock.unlock() }
        let start = ContinuousClock.now
        var timer = StepTimer()
        let prepared = try SiteBuilder.prepare(options, timer: &timer, cache: cache)
        let jobs = SiteBuilder.outputJobs(prepared)
        let versions = Versions(prepared)
        var newKeys: [String: Int] = [:]
        for job in jobs { newKeys[job.path] = versions.key(for: job, prepared: prepared) }

        if !hasBuilt {
            try SiteBuilder.writeAll(jobs, prepared: prepared, options: options, timer: &timer)
            hasBuilt = true
            keys = newKeys
            return Report(written: jobs.count, unchanged: 0, removed: 0, warnings: prepared.warnings, seconds: seconds(since: start), writtenPaths: jobs.map(\.path))
        }

        let changed = jobs.filter { keys[$0.path] != newKeys[$0.path] || !FileManager.default.fileExists(atPath: joinPath(options.outputDirectory, $0.path)) }
        let errors = ConcurrentResults<String?>(count: changed.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: changed.count) { index in
            let job = changed[index]
            do {
                try Self.writeInPlace(try SiteBuilder.produce(job, prepared: prepared, fileSystem: options.fileSystem),
                                      to: job.path, output: options.outputDirectory)
            } catch {
                errors[index] = "\(job.path): \(error.localizedDescription)"
            }
        }
        if let message = errors.values.compactMap({ $0 }).first {
            // Some files may be new and some old: forget every key so the next build rewrites all.
            keys = [:]
            throw SiteBuilder.failure(options.outputDirectory, "berkas keluaran tidak dapat ditulis: \(message)")
        }
        let gone = Set(keys.keys).subtracting(newKeys.keys).sorted()
        for path in gone { Self.remove(path, output: options.outputDirectory) }
        keys = newKeys
        return Report(written: changed.count, unchanged: jobs.count - changed.count, removed: gone.count, warnings: prepared.warnings,
                      seconds: seconds(since: start), writtenPaths: changed.map(\.path))
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Writes through a temporary file and a rename, so the server never sends half a file.
    static func writeInPlace(_ bytes: [UInt8], to relativePath: String, output: String) throws {
        let url = URL(fileURLWithPath: joinPath(output, relativePath))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url, options: .atomic)
    }

    /// Removes an output file whose page is gone, and the folders it leaves empty.
    static func remove(_ relativePath: String, output: String) {
        var url = URL(fileURLWithPath: joinPath(output, relativePath))
        try? FileManager.default.removeItem(at: url)
        let root = URL(fileURLWithPath: output).standardizedFileURL.path
        url.deleteLastPathComponent()
        while url.standardizedFileURL.path.count > root.count,
              let entries = try? FileManager.default.contentsOfDirectory(atPath: url.path), entries.isEmpty {
            try? FileManager.default.removeItem(at: url)
            url.deleteLastPathComponent()
        }
    }
}

/// The versions of a build's inputs, and which of them each output file depends on.
struct Versions {
    let config: Int
    let registry: Int
    let statistics: Int
    let dataFiles: Int
    let news: Int
    let pilar: Int
    let sectionIndexes: Int
    /// All Markdown files of one folder (a section's children).
    let folders: [String: Int]
    /// A document with all its translations, by base path.
    let documents: [String: Int]
    let strings: [String: Int]
    let templates: [String: Int]
    let staticFiles: [String: Int]
    /// Every page's path and date: what the sitemap lists.
    let pageList: Int

    init(_ prepared: SiteBuilder.Prepared) {
        let hashes = prepared.content.fileHashes
        func combine(_ files: [String]) -> Int {
            var hasher = Hasher()
            for file in files.sorted() {
                hasher.combine(file)
                hasher.combine(hashes[file])
            }
            return hasher.finalize()
        }
        let markdown = hashes.keys.filter { $0.hasSuffix(".md") }
        config = combine(["site.yml"])
        registry = combine(hashes.keys.filter { $0.hasPrefix("data/") })
        statistics = SiteAssembler.statisticsKey(prepared.content, pilar: prepared.graph.pilar)
        dataFiles = combine(hashes.keys.filter { $0.hasPrefix("data/") })
        news = combine(markdown.filter { $0.hasPrefix("berita/") })
        pilar = combine(markdown.filter { $0.hasPrefix("pilar/") })
        sectionIndexes = combine(markdown.filter { $0.split(separator: "/").last?.hasPrefix("_index") == true })
        var byFolder: [String: [String]] = [:]
        var byBase: [String: [String]] = [:]
        for document in prepared.graph.documents {
            let page = document.page
            byFolder[page.basePath.split(separator: "/").dropLast().joined(separator: "/"), default: []].append(page.relativePath)
            byBase[page.basePath, default: []].append(page.relativePath)
        }
        folders = byFolder.mapValues(combine)
        documents = byBase.mapValues(combine)
        strings = Dictionary(uniqueKeysWithValues: prepared.graph.config.languages.map { ($0.code, prepared.theme.stringsVersion($0.code)) })
        templates = Dictionary(uniqueKeysWithValues: Subject.allTemplates.map { ($0, prepared.theme.templateVersion($0)) })
        staticFiles = Dictionary(uniqueKeysWithValues: prepared.graph.staticFiles.map { ($0.path, hashes[$0.path] ?? 0) })
        var pageHasher = Hasher()
        for page in prepared.graph.pages {
            pageHasher.combine(page.path)
            pageHasher.combine(page.basePath)
            pageHasher.combine(page.document.flatMap { prepared.graph.documents[$0].page.frontMatter.date })
        }
        pageList = pageHasher.finalize()
    }

    func key(for job: SiteBuilder.OutputJob, prepared: SiteBuilder.Prepared) -> Int {
        var hasher = Hasher()
        hasher.combine(job.path)
        switch job.source {
        case .page(let index):
            let page = prepared.graph.pages[index]
            // Every page: the menu and languages (config), its strings and templates, breadcrumb
            // titles (section indexes) and pillar names (used in links across the site).
            hasher.combine(config)
            hasher.combine(strings[page.language])
            hasher.combine(templates[page.subject.template])
            hasher.combine(sectionIndexes)
            hasher.combine(pilar)
            if let document = page.document { hasher.combine(documents[prepared.graph.documents[document].page.basePath]) }
            switch page.subject {
            case .home: [news, registry, statistics].forEach { hasher.combine($0) }
            case .pilar: [news, statistics].forEach { hasher.combine($0) }
            case .daftarPilar, .halaman, .berita, .notFound, .alias: break
            case .wilayah, .daftarTahun, .tahun: hasher.combine(registry)
            case .provinsi, .kabupaten: [registry, statistics].forEach { hasher.combine($0) }
            case .desa(let place):
                [registry, statistics].forEach { hasher.combine($0) }
                // Untranslated village pages in other languages have no document but still
                // depend on whether one exists.
                if let narrative = prepared.graph.narratives[place.desa.kode] { hasher.combine(documents[prepared.graph.documents[narrative].page.basePath]) }
            case .daftarBerita: hasher.combine(news)
            case .bagian(let section): hasher.combine(folders[section])
            case .statistik, .data: [registry, statistics, dataFiles].forEach { hasher.combine($0) }
            case .cari: hasher.combine(registry)
            }
        case .text:
            hasher.combine(config)
            if job.path.hasPrefix("data/") {
                // Downloads and the open-data descriptor: the computed tables, their provenance,
                // titles and column labels (pillar names among them).
                [registry, statistics, dataFiles, pilar, strings[prepared.graph.config.language] ?? 0].forEach { hasher.combine($0) }
            } else if job.path.hasSuffix("atom.xml") {
                hasher.combine(news)
                hasher.combine(strings.sorted { $0.key < $1.key }.map(\.value))
            } else if job.path == "sitemap.xml" {
                hasher.combine(pageList)
            }
        case .bytes(let bytes):
            hasher.combine(contentHash(bytes))
        case .file(let source):
            hasher.combine(source)
            hasher.combine(staticFiles[job.path])
            hasher.combine(dataFiles)
        }
        return hasher.finalize()
    }
}
