import Content
import Dispatch
import Foundation
import Precompress
import Templating

/// The build pipeline as one value: load ▸ validate ▸ assemble ▸ index ▸ render ▸ write, each
/// step named and timed. `build`, `check`, `serve` (through `IncrementalBuilder`) and the
/// in-memory `generate` all run it; they differ only in where the rendered files go.
///
/// Every input problem is found before anything is rendered; all writes go through
/// `BuildOptions.outputFiles`, staged beside the output and moved in only when complete.
struct Pipeline {
    let options: BuildOptions
    /// What the previous build left (incremental builds only).
    let cache: BuildCache?
    private var timer = StepTimer()

    init(options: BuildOptions, cache: BuildCache? = nil) {
        self.options = options
        self.cache = cache
    }

    /// Seconds spent in each step so far, in order.
    var timings: [(step: String, seconds: Double)] { timer.laps }

    /// Ends a step run outside the pipeline's own methods (the incremental builder's render).
    mutating func lap(_ step: String) { timer.lap(step) }

    typealias Prepared = SiteBuilder.Prepared
    typealias OutputJob = SiteBuilder.OutputJob

    // MARK: load ▸ validate ▸ assemble

    /// Reads and checks every input and assembles the site graph. Every diagnostic of every file
    /// is collected before failing. Without `keepingBodies` (a one-off build that writes the
    /// site and reads no page's Markdown again, as `check` does to place a broken link), the
    /// pages' bodies are let go of once rendered.
    mutating func prepare(keepingBodies: Bool = true) throws(BuildFailure) -> Prepared {
        var diagnostics = Diagnostics()
        let content = ContentLoader.load(directory: options.contentDirectory, fileSystem: options.fileSystem, cache: cache, diagnostics: &diagnostics)
        let theme = Theme.load(directory: options.themeDirectory, languages: content?.config.languages.map(\.code) ?? ["id"],
                               fileSystem: options.fileSystem, cache: cache, diagnostics: &diagnostics)
        timer.lap("load")
        theme?.checkViews(diagnostics: &diagnostics)
        timer.lap("validate")
        guard let content, let theme, !diagnostics.hasErrors else {
            throw BuildFailure(diagnostics: diagnostics.errors + diagnostics.warnings)
        }
        // A cache (a rebuild) keeps the pages it read, bodies and all.
        let keepsBodies = keepingBodies || cache != nil
        guard let graph = SiteAssembler.assemble(content, strings: theme.strings, hasSearch: theme.library.contains("cari"), cache: cache,
                                                 keepingBodies: keepsBodies, diagnostics: &diagnostics), !diagnostics.hasErrors else {
            throw BuildFailure(diagnostics: diagnostics.errors + diagnostics.warnings)
        }
        // When the bodies are let go of, the graph's documents hold the pages (without their
        // bodies) and the content keeps none: a copy of every page here, without its body,
        // cost a tenth of a second at a national site.
        let kept = keepsBodies ? content : content.replacingPages(with: [])
        var contexts: [String: PageContext] = [:]
        for language in graph.config.languages {
            contexts[language.code] = PageContext(graph: graph, language: language.code, strings: theme.strings, assets: theme.assets, cache: cache,
                                                    shown: theme.shownNames)
        }
        timer.lap("assemble")
        return Prepared(theme: theme, graph: graph, contexts: contexts, content: kept, cache: cache, warnings: diagnostics.warnings)
    }

    // MARK: index

    /// Builds the search index of each language (when the theme has a search page) and lists
    /// every output file.
    /// With `versions` (a rebuild), pages' search documents and the index are kept between builds.
    mutating func plan(_ prepared: Prepared, versions: SiteVersions? = nil) -> [OutputJob] {
        let jobs = SiteBuilder.outputJobs(prepared, searchIndex: Self.searchIndex(prepared, versions: versions))
        timer.lap("index")
        return jobs
    }

    /// Plans and writes a whole build. The search index needs only the graph, and no other file
    /// needs it: it is made on another thread while the other files render (on two cores this
    /// fills what the index's own steps leave idle), and its files are written among theirs as
    /// soon as it is made. Returns every output file.
    mutating func planAndWrite(_ prepared: Prepared) throws(BuildFailure) -> [OutputJob] {
        guard Self.hasSearch(prepared) else {
            let jobs = plan(prepared)
            try write(jobs, prepared: prepared)
            return jobs
        }
        let index = Background { Self.searchIndex(prepared, versions: nil) }
        let jobs = SiteBuilder.outputJobs(prepared, searchIndex: [:])
        var indexJobs: [OutputJob] = []
        // Waited for on failure too, so that no index is still being made when the build ends.
        defer { _ = index.value }
        try write(jobs, prepared: prepared) { timer, wait in
            guard wait || index.isDone else { return nil }
            let (files, seconds) = index.timedValue
            timer.record("index", seconds: seconds)
            indexJobs = SiteBuilder.searchIndexJobs(files, languages: prepared.graph.config.languages.map(\.code))
            return indexJobs
        }
        return jobs + indexJobs
    }

    /// Whether the site has a search page, and so a search index.
    private static func hasSearch(_ prepared: Prepared) -> Bool {
        prepared.graph.pages.contains(where: { $0.subject == .cari })
    }

    /// The search index's files of each language, by language.
    private static func searchIndex(_ prepared: Prepared, versions: SiteVersions?) -> [String: [String: [UInt8]]] {
        guard hasSearch(prepared) else { return [:] }
        let languages = prepared.graph.config.languages.map(\.code)
        let made = ConcurrentResults<[String: [UInt8]]>(count: languages.count, initial: [:])
        @Sendable func build(_ number: Int) {
            let language = languages[number]
            let memo = versions.flatMap { versions in prepared.cache?.searchIndex(language).map { (versions, $0) } }
            made[number] = SearchDocuments(graph: prepared.graph, context: prepared.context(language))
                .index(stopwords: prepared.theme.stopwords[language] ?? [], stems: language == "id", synonyms: prepared.content.synonyms, memo: memo)
                .files
        }
        // A rebuild updates the languages' indexes at once (each mostly on one core); a full
        // build makes them one after the other, so that two national indexes are never in
        // memory together.
        if versions != nil {
            DispatchQueue.concurrentPerform(iterations: languages.count, execute: build)
        } else {
            languages.indices.forEach(build)
        }
        var index: [String: [String: [UInt8]]] = [:]
        for (number, language) in languages.enumerated() { index[language] = made[number] }
        return index
    }

    // MARK: render ▸ write

    /// Renders every file and writes the site: into a fresh folder swapped in when complete, or,
    /// when the output exists, as a staged update of the files whose bytes changed.
    /// `later`, when given, lists further files made meanwhile (the search index), recording
    /// its step's time: asked with `wait` false before each batch, it returns nil until they are
    /// made; asked with `wait` true, once `jobs` are rendered, it waits for them.
    mutating func write(_ jobs: [OutputJob], prepared: Prepared, later: Later? = nil) throws(BuildFailure) {
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: options.outputDirectory), existing.contains(where: { !$0.hasPrefix(".") }) {
            // Compared with the output all together: the later files are waited for first.
            let all = jobs + (later?(&timer, true) ?? [])
            if try updateInPlace(all, prepared: prepared) { return }
            try writeFresh(all, prepared: prepared)
            return
        }
        try writeFresh(jobs, prepared: prepared, later: later)
    }

    /// Further files of a build, made while its other files render: `(timer, wait)` returns
    /// them, or nil when `wait` is false and they are not made yet.
    typealias Later = (_ timer: inout StepTimer, _ wait: Bool) -> [OutputJob]?

    /// Writes the whole site into a staging folder and swaps it in.
    private mutating func writeFresh(_ jobs: [OutputJob], prepared: Prepared, later: Later? = nil) throws(BuildFailure) {
        let writer: OutputWriter
        do {
            writer = try OutputWriter(outputDirectory: options.outputDirectory, files: options.outputFiles)
        } catch {
            throw SiteBuilder.failure(options.outputDirectory, "folder keluaran tidak dapat disiapkan: \(error.localizedDescription)")
        }
        // Pages render concurrently in batches; each batch is written by one thread, in path
        // order, while the next renders (so render and write overlap, and are timed apart).
        // Concurrent file creation only made ext4 contend on its inode allocator (system time
        // doubled in perf) without writing any faster.
        let batchSize = 512
        let writeQueue = DispatchQueue(label: "desmigratif.write")
        let laterWriteQueue = DispatchQueue(label: "desmigratif.write-later")
        let backlog = DispatchSemaphore(value: 4)
        // The first failure and the time spent of each writer: the pages' [0], the later
        // files' [1].
        let writeError = ConcurrentResults<String?>(count: 2, initial: nil)
        let writeTime = ConcurrentResults<Double>(count: 2, initial: 0)
        var renderError: BuildFailure?
        let options = self.options
        var renderSeconds = 0.0
        // Writes files on the writer's thread, in the order given; the first failure is kept.
        @Sendable func enqueueWrite(_ results: [Result<[(path: String, bytes: [UInt8])], BuildFailure>], then: (@Sendable () -> Void)? = nil) {
            writeQueue.async {
                defer { then?() }
                guard writeError[0] == nil else { return }
                let began = ContinuousClock.now
                defer { writeTime[0] += StepTimer.seconds(ContinuousClock.now - began) }
                for result in results {
                    guard case .success(let files) = result else { continue }
                    for file in files {
                        do {
                            try writer.write(file.bytes, to: file.path)
                        } catch {
                            writeError[0] = "\(file.path): \(error.localizedDescription)"
                            return
                        }
                    }
                }
            }
        }
        // The files made from the whole site (sitemaps, feeds, open data) are made one after
        // another on a thread of their own, beside the pages' batches, from when the search
        // index is made (so that their tens of megabytes at a national registry are not held
        // at its peak), or from the start when there is none. As jobs of the batches they were
        // a tail at the end of a national build with one core idle.
        let aside = jobs.filter(\.wholeSite)
        var jobs = jobs.filter { !$0.wholeSite }[...], later = later
        let asideDone = DispatchGroup(), asideState = AsideState()
        var asideStarted = false
        func startAside() {
            asideStarted = true
            DispatchQueue.global().async(group: asideDone) {
                for job in aside {
                    guard !asideState.isStopped else { return }
                    switch Self.produce(job, prepared: prepared, options: options) {
                    case .success(let bytes): enqueueWrite([.success(Self.files(of: job, bytes, options: options))])
                    case .failure(let failure):
                        asideState.fail(failure)
                        return
                    }
                }
            }
        }
        var start = 0
        while renderError == nil, asideState.failure == nil {
            // The later files are written as soon as they are made, while the pages still to
            // render are: written after the last page, they were a second's tail on one core at
            // a national registry (88,000 index files), the other core idle.
            if let pending = later, let more = pending(&timer, start >= jobs.count) {
                later = nil
                if options.precompress {
                    // Their encodings are made with the batches', on every core.
                    jobs = Self.interleave(jobs[start...], more)[...]
                    start = 0
                } else {
                    // Written on a thread of their own beside the pages' writer: interleaved
                    // with the pages, a national index's 25,000 files kept that one writer
                    // busy through the build (both cores 80–90 % used while rendering waited
                    // for it), and the build took 0.23 s longer (median of 7 pairs, 83,762
                    // villages).
                    laterWriteQueue.async {
                        let began = ContinuousClock.now
                        defer { writeTime[1] += StepTimer.seconds(ContinuousClock.now - began) }
                        for job in more {
                            guard writeError[1] == nil, !asideState.isStopped else { return }
                            switch Self.produce(job, prepared: prepared, options: options) {
                            case .success(let bytes):
                                do {
                                    try writer.write(bytes, to: job.path)
                                } catch {
                                    writeError[1] = "\(job.path): \(error.localizedDescription)"
                                    return
                                }
                            case .failure(let failure):
                                asideState.fail(failure)
                                return
                            }
                        }
                    }
                }
            }
            if later == nil, !asideStarted { startAside() }
            guard start < jobs.count else { break }
            let began = ContinuousClock.now
            let batch = Array(jobs[start..<min(start + batchSize, jobs.count)])
            start = min(start + batchSize, jobs.count)
            let rendered = ConcurrentResults<Result<[(path: String, bytes: [UInt8])], BuildFailure>>(count: batch.count, initial: .success([]))
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                rendered[index] = Self.produce(batch[index], prepared: prepared, options: options).map { [(batch[index].path, $0)] }
            }
            if options.precompress { Self.addEncodings(to: rendered) }
            renderSeconds += StepTimer.seconds(ContinuousClock.now - began)
            let results = rendered.values
            if let failed = results.first(where: { if case .failure = $0 { return true } else { return false } }), case .failure(let error) = failed {
                renderError = error
                break
            }
            // At most a few rendered batches wait for the writer: when it falls behind, rendering
            // waits, instead of holding the rendered site in memory (hundreds of megabytes at a
            // national registry).
            backlog.wait()
            enqueueWrite(results) { backlog.signal() }
        }
        if !asideStarted, renderError == nil { startAside() }
        if renderError != nil { asideState.stop() }
        asideDone.wait()
        writeQueue.sync {}
        laterWriteQueue.sync {}
        if let failure = renderError ?? asideState.failure {
            writer.discard()
            throw failure
        }
        if let message = writeError[0] ?? writeError[1] {
            writer.discard()
            throw SiteBuilder.failure(options.outputDirectory, "berkas keluaran tidak dapat ditulis: \(message)")
        }
        let began = ContinuousClock.now
        do {
            try writer.commit()
        } catch {
            writer.discard()
            throw SiteBuilder.failure(options.outputDirectory, "folder keluaran tidak dapat diganti: \(error.localizedDescription)")
        }
        timer.record("render", seconds: renderSeconds)
        timer.record("write", seconds: writeTime[0] + writeTime[1] + StepTimer.seconds(ContinuousClock.now - began))
    }

    /// `first` and `second` merged, each in its order, `second` spread evenly over `first`.
    static func interleave(_ first: ArraySlice<OutputJob>, _ second: [OutputJob]) -> [OutputJob] {
        guard !first.isEmpty else { return second }
        var merged: [OutputJob] = []
        merged.reserveCapacity(first.count + second.count)
        var taken = 0
        for (number, job) in first.enumerated() {
            merged.append(job)
            let due = (number + 1) * second.count / first.count
            merged += second[taken..<due]
            taken = due
        }
        return merged
    }

    /// How many changed bytes an in-place update holds in memory before it falls back to
    /// building a fresh folder and swapping it in.
    static let inPlaceMemoryLimit = 512 << 20

    /// Updates an existing output folder: every file is rendered first and compared with what
    /// is on disk; only the changed ones are staged and moved in (`StagedUpdate`), and the files
    /// of pages that are gone removed. Unchanged files are not touched. Returns false (having
    /// written nothing) when the changes are too large to hold, so the caller writes afresh.
    private mutating func updateInPlace(_ jobs: [OutputJob], prepared: Prepared) throws(BuildFailure) -> Bool {
        let output = options.outputDirectory
        let changed = ConcurrentResults<[(path: String, bytes: [UInt8])]>(count: jobs.count, initial: [])
        let failures = ConcurrentResults<BuildFailure?>(count: jobs.count, initial: nil)
        let options = self.options
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            switch Self.produce(jobs[index], prepared: prepared, options: options) {
            case .success(let bytes):
                let job = jobs[index]
                let existing = FileManager.default.contents(atPath: joinPath(output, job.path))
                if existing.map({ !Self.same($0, bytes) }) ?? true {
                    changed[index] = Self.files(of: job, bytes, options: options)
                } else if Self.outputPaths(of: job.path, options: options).dropFirst().contains(where: { !FileManager.default.fileExists(atPath: joinPath(output, $0)) }) {
                    // Unchanged, but the last build wrote no encodings: write them (compressing
                    // every unchanged file again would cost more than the rest of the update).
                    changed[index] = Array(Self.files(of: job, bytes, options: options).dropFirst())
                }
            case .failure(let error):
                failures[index] = error
            }
        }
        if let error = failures.values.compactMap({ $0 }).first { throw error }
        let updates = changed.values.flatMap { $0 }
        guard updates.reduce(0, { $0 + $1.bytes.count }) <= Self.inPlaceMemoryLimit else { return false }
        timer.lap("render")
        // Files of pages that no longer exist (and encodings a build without them leaves);
        // hidden files at the top (.gitkeep) are not ours.
        let paths = Set(jobs.flatMap { Self.outputPaths(of: $0.path, options: options) })
        var stale: [String] = []
        let root = URL(fileURLWithPath: output).standardizedFileURL.path
        if let enumerator = FileManager.default.enumerator(atPath: root) {
            while let relative = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                if relative.hasPrefix("."), !relative.contains("/") { continue }
                if !paths.contains(relative) { stale.append(relative) }
            }
        }
        try commit(updates, removing: stale)
        timer.lap("write")
        return true
    }

    /// Whether a file's bytes on disk are `bytes`, compared with memcmp: through `Data`'s
    /// iterator, a byte at a time, the comparison was a sixth of the CPU of a national build
    /// into an existing output (perf).
    static func same(_ existing: Data, _ bytes: [UInt8]) -> Bool {
        existing.count == bytes.count && existing.withUnsafeBytes { stored in
            bytes.withUnsafeBytes { made in made.isEmpty || memcmp(stored.baseAddress!, made.baseAddress!, made.count) == 0 }
        }
    }

    /// Stages changed files and removals and moves them into the output all at once.
    func commit(_ updates: [(path: String, bytes: [UInt8])], removing gone: [String]) throws(BuildFailure) {
        var update = StagedUpdate(output: options.outputDirectory, files: options.outputFiles)
        do {
            try update.write(updates)
            for path in gone { try update.remove(path) }
            try update.commit()
        } catch {
            update.discard()
            throw SiteBuilder.failure(options.outputDirectory, "berkas keluaran tidak dapat ditulis (folder keluaran tidak diubah): \(error.localizedDescription)")
        }
    }

    /// Renders every output file in memory.
    mutating func generate(_ prepared: Prepared) throws(BuildFailure) -> GeneratedSite {
        let jobs = plan(prepared)
        let results = ConcurrentResults<Result<[UInt8], BuildFailure>>(count: jobs.count, initial: .success([]))
        let options = self.options
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            results[index] = Self.produce(jobs[index], prepared: prepared, options: options)
        }
        var files: [String: [UInt8]] = [:]
        for (job, result) in zip(jobs, results.values) {
            switch result {
            case .success(let bytes): files[job.path] = bytes
            case .failure(let failure): throw failure
            }
        }
        timer.lap("render")
        return GeneratedSite(files: files, pageCount: jobs.filter(\.isPage).count, warnings: prepared.warnings)
    }

    /// The paths a file of the output occupies: its own and, with `--precompress`, those of its
    /// Brotli and gzip encodings.
    static func outputPaths(of path: String, options: BuildOptions) -> [String] {
        guard options.precompress, Precompress.isText(path) else { return [path] }
        return [path] + Precompress.Encoding.allCases.map { path + $0.suffix }
    }

    /// A file of the output and, with `--precompress`, its Brotli and gzip encodings.
    static func files(of job: OutputJob, _ bytes: [UInt8], options: BuildOptions) -> [(path: String, bytes: [UInt8])] {
        guard options.precompress, Precompress.isText(job.path) else { return [(job.path, bytes)] }
        return [(job.path, bytes)] + Precompress.Encoding.allCases.map { (job.path + $0.suffix, $0.encode(bytes)) }
    }

    /// Adds to each rendered text file of a batch its encodings, in the order `files(of:)` gives
    /// them. One encoding at a time goes over the whole batch: each thread then runs the same
    /// compressor on many files in a row, its tables still in the core's cache. Encoding each
    /// file both ways just after rendering it took a quarter more CPU (user time 9.0–9.2 s
    /// against 6.8–7.8 s for the 10,000-village site with the default theme).
    static func addEncodings(to rendered: ConcurrentResults<Result<[(path: String, bytes: [UInt8])], BuildFailure>>) {
        for encoding in Precompress.Encoding.allCases {
            DispatchQueue.concurrentPerform(iterations: rendered.count) { index in
                guard case .success(var files) = rendered[index], let original = files.first, Precompress.isText(original.path) else { return }
                files.append((original.path + encoding.suffix, encoding.encode(original.bytes)))
                rendered[index] = .success(files)
            }
        }
    }

    /// One output file's bytes, or the failure that stops the build.
    static func produce(_ job: OutputJob, prepared: Prepared, options: BuildOptions) -> Result<[UInt8], BuildFailure> {
        do {
            return .success(try SiteBuilder.produce(job, prepared: prepared, fileSystem: options.fileSystem))
        } catch let error as BuildFailure {
            return .failure(error)
        } catch {
            return .failure(SiteBuilder.failure(job.path, error.localizedDescription))
        }
    }
}

/// Measures the pipeline's steps.
struct StepTimer {
    private var last = ContinuousClock.now
    private(set) var laps: [(step: String, seconds: Double)] = []

    /// Ends a step that ran since the previous one ended.
    mutating func lap(_ step: String) {
        let now = ContinuousClock.now
        laps.append((step, Self.seconds(now - last)))
        last = now
    }

    /// Records a step measured apart (steps that overlap, as render and write do).
    mutating func record(_ step: String, seconds: Double) {
        laps.append((step, seconds))
        last = ContinuousClock.now
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A value made on another thread, from when this is made until someone asks for it.
final class Background<Value>: @unchecked Sendable {
    // `made` and `seconds` are written once, before `done` is signalled, and read after it.
    private var made: Value?
    private var seconds = 0.0
    private let done = DispatchSemaphore(value: 0)

    init(_ make: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            let began = ContinuousClock.now
            self.made = make()
            self.seconds = StepTimer.seconds(ContinuousClock.now - began)
            self.done.signal()
        }
    }

    /// The value and how long it took to make, waiting for it.
    var timedValue: (value: Value, seconds: Double) {
        done.wait()
        done.signal()  // for whoever asks next
        return (made!, seconds)
    }

    /// The value, waiting for it.
    var value: Value { timedValue.value }

    /// Whether the value is made (asking does not wait).
    var isDone: Bool {
        guard done.wait(timeout: .now()) == .success else { return false }
        done.signal()
        return true
    }
}

/// What the thread making a fresh build's whole-site files (`Pipeline.writeFresh`) shares with
/// the build: whether to stop (a page failed), and the failure that stopped it.
private final class AsideState: @unchecked Sendable {
    // Every access under the lock.
    private let lock = NSLock()
    private var stopped = false
    private var failed: BuildFailure?

    var isStopped: Bool { lock.withLock { stopped } }
    var failure: BuildFailure? { lock.withLock { failed } }
    func stop() { lock.withLock { stopped = true } }
    func fail(_ failure: BuildFailure) { lock.withLock { failed = failure } }
}
