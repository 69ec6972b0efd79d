import Content
import Dispatch
import Foundation
import Templating

/// Rebuilds a site in place after edits, redoing only what the edit affects, with the same bytes
/// as a clean build. Used by `serve`.
///
/// Each output file's key is derived from what produces it, never listed by hand: a page's key
/// is a hash of its whole view model (the values its template can show), the version of its
/// template with every partial and parent it uses, and the site-wide values of its language;
/// any other file's key is a hash of its bytes. An input a page shows therefore changes its
/// key by construction. Inputs are only re-parsed when their bytes change (`BuildCache`);
/// pages are only rendered, and files only written, when their key changes. A page's view is
/// only made again when something it was made from changed: the documents it read, recorded
/// while it was made, or anything else of the site (`PageMemo`, `SiteVersions`).
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
        /// Seconds spent in each step of the pipeline.
        public let timings: [(step: String, seconds: Double)]
        /// Pages whose view model was made (the others kept their key from the last build).
        public var viewsMade = 0
    }

    /// Where the site is read from and written to.
    public let options: BuildOptions
    private let cache = BuildCache()
    /// Every file in the output with its key and (for a page) what the key was computed from
    /// (`PageMemo`); empty until the first build is written.
    private var known = KnownFiles()
    /// The output folder's device and inode when the keys were last recorded.
    private var outputIdentity: [UInt64]?
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
        var pipeline = Pipeline(options: options, cache: cache)
        let prepared = try pipeline.prepare()
        let versions = SiteVersions(prepared)
        let jobs = pipeline.plan(prepared, versions: versions)
        // Files of the output are known by their keys; if the output folder was removed or
        // replaced since (someone deleted `public/`), none of them is there any more.
        if outputIdentity != Self.identity(of: options.outputDirectory) {
            known = KnownFiles()
        }
        let isFirst = known.paths.isEmpty
        let paths = jobs.map(\.path)
        // The first build writes everything through the pipeline's own write step; here it only
        // needs the keys (pages are not rendered twice).
        let outputs = Self.render(jobs, prepared: prepared, versions: versions, options: options, previous: aligned(known.files, at: known.paths, to: paths),
                                  keysOnly: isFirst)
        var newKnown = KnownFiles(paths: paths, files: [])
        newKnown.files.reserveCapacity(jobs.count)
        var viewsMade = 0
        var updates: [(path: String, bytes: [UInt8])] = []
        for (job, output) in zip(jobs, outputs) {
            switch output {
            case .failure(let failure): throw failure
            case .success(let output):
                newKnown.files.append(Known(key: output.key, memo: output.memo))
                if output.madeView { viewsMade += 1 }
                if let bytes = output.bytes { updates.append((job.path, bytes)) }
            }
        }
        pipeline.lap("render")
        // Files of pages that are gone.
        let gone = isFirst || known.paths == paths ? [] : Set(known.paths).subtracting(paths).sorted()
        if isFirst {
            // The first build writes everything afresh (as `build` does).
            try pipeline.write(jobs, prepared: prepared)
        } else {
            do {
                try pipeline.commit(updates, removing: gone)
            } catch {
                // The output is as it was; forget it so the next build rewrites every file.
                known = KnownFiles()
                throw error
            }
            pipeline.lap("write")
        }
        let previous = known
        known = newKnown
        outputIdentity = Self.identity(of: options.outputDirectory)
        let written = isFirst ? jobs.map(\.path) : updates.map(\.path)
        let report = Report(written: written.count, unchanged: jobs.count - written.count, removed: gone.count, warnings: prepared.warnings,
                            seconds: StepTimer.seconds(ContinuousClock.now - start), writtenPaths: written, timings: pipeline.timings, viewsMade: viewsMade)
        // The last build's keys and this build's graph and jobs are let go of on another thread
        // (a millisecond of every rebuild), while the editor looks at the result.
        Leftovers.release((consume previous, consume prepared, consume jobs, consume outputs))
        return report
    }

    /// A folder's device and inode, or nil when it does not exist.
    static func identity(of folder: String) -> [UInt64]? {
        var info = stat()
        guard stat(folder, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// A file of the output as the last build left it.
    struct Known {
        let key: Int
        let memo: PageMemo?
    }

    /// The output's files as the last build left them: paths, and each one's `Known`.
    struct KnownFiles {
        var paths: [String] = []
        /// Optional, so that `aligned` hands them on as they are.
        var files: [Known?] = []
    }

    /// One file's key; its bytes when they must be written; for a page, what its key was
    /// computed from.
    struct Output {
        let key: Int
        var bytes: [UInt8]? = nil
        var memo: PageMemo? = nil
        /// Whether the page's view model was made for this build.
        var madeView = false
    }

    /// Each file's key and, when the key differs from `previous`, its bytes; with `keysOnly`,
    /// only what a key needs is made. A page (or a file made from the whole graph) whose memo
    /// still holds keeps its key without its view being made again.
    static func render(_ jobs: [SiteBuilder.OutputJob], prepared: SiteBuilder.Prepared, versions: SiteVersions, options: BuildOptions,
                       previous: [Known?], keysOnly: Bool = false) -> [Result<Output, BuildFailure>] {
        var templateKeys: [String: Int] = [:]
        for name in Subject.viewShapes.keys { templateKeys[name] = prepared.theme.templateVersion(name) }
        let (shared, templates) = (versions.shared, templateKeys)
        let (pageHashes, graphInputs) = (versions.pages, versions.graph)
        let results = ConcurrentResults<Result<Output, BuildFailure>>(count: jobs.count, initial: .success(Output(key: 0)))
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            let known = previous[index]
            let old = known?.key
            // The output folder is the builder's: its files are as the keys say (a file deleted
            // there by hand comes back with the next change to it, or the next start, as in Hugo).
            func changed(_ key: Int) -> Bool { old != key }
            switch job.source {
            case .page(let id):
                let language = prepared.graph[id].language
                let template = templates[prepared.graph[id].subject.template]
                var inputs = Hasher()
                inputs.combine(versions.structure[language])
                inputs.combine(template)
                inputs.combine(pageHashes[id.index])
                let pageInputs = inputs.finalize()
                func pageKey(_ view: PageView) -> Int {
                    var hasher = Hasher()
                    hasher.combine(shared[language])
                    hasher.combine(template)
                    hasher.combine(view)
                    return hasher.finalize()
                }
                var view: PageView?
                let key: Int
                var memo = known?.memo
                if let last = memo, last.holds(inputs: pageInputs, versions: versions.documents) {
                    key = last.key
                } else {
                    let (page, context) = (prepared.graph[id], prepared.context(language))
                    let (made, reads) = DocumentReads.recording { context.pageView(for: page) }
                    view = made
                    key = pageKey(made)
                    memo = PageMemo.recorded(inputs: pageInputs, reads: reads, versions: versions.documents, key: key)
                }
                guard !keysOnly, changed(key) else {
                    results[index] = .success(Output(key: key, memo: memo, madeView: view != nil))
                    return
                }
                let (page, context) = (prepared.graph[id], prepared.context(language))
                let shown = view ?? context.pageView(for: page)
                results[index] = Result { () throws(BuildFailure) in
                    Output(key: key, bytes: try SiteBuilder.render(page, context: context.context(for: shown), prepared: prepared), memo: memo,
                           madeView: true)
                }
            case .text where job.fromGraph:
                var memo = known?.memo
                if let last = memo, last.holds(inputs: graphInputs, versions: versions.documents) {
                    guard !keysOnly, changed(last.key) else {
                        results[index] = .success(Output(key: last.key, memo: last))
                        return
                    }
                }
                let (made, reads) = DocumentReads.recording { Pipeline.produce(job, prepared: prepared, options: options) }
                results[index] = made.map { bytes in
                    let key = contentHash(bytes)
                    memo = PageMemo.recorded(inputs: graphInputs, reads: reads, versions: versions.documents, key: key)
                    return Output(key: key, bytes: changed(key) ? bytes : nil, memo: memo)
                }
            case .text where job.inputKey != nil, .file where job.inputKey != nil:
                // Known from its inputs: made only when they changed.
                let key = job.inputKey ?? 0
                guard !keysOnly, changed(key) else {
                    results[index] = .success(Output(key: key))
                    return
                }
                results[index] = Pipeline.produce(job, prepared: prepared, options: options).map { Output(key: key, bytes: $0) }
            case .text(let make):
                // A text made from inputs not known apart (the search index's files): its key is
                // its bytes, hashed in place; copied to bytes only when they changed.
                let text = make(prepared)
                let key = text.utf8.withContiguousStorageIfAvailable { contentHash($0) } ?? contentHash(Array(text.utf8))
                results[index] = .success(Output(key: key, bytes: changed(key) ? Array(text.utf8) : nil))
            case .bytes, .file:
                // Any other file: its key is its bytes (copied files are read).
                results[index] = Pipeline.produce(job, prepared: prepared, options: options).map { bytes in
                    let key = contentHash(bytes)
                    return Output(key: key, bytes: changed(key) ? bytes : nil)
                }
            }
        }
        return results.values
    }
}
