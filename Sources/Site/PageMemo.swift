import Content
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The documents a view model read while it was made, recorded on the thread making it.
///
/// `DocumentStore` reports every lookup here when a recording is open on the current thread, so
/// what a page's view depends on is observed, never listed by hand: a rebuild can tell that a
/// page's view cannot have changed when none of the documents it read did (`PageMemo`).
final class DocumentReads {
    /// The documents read, by index, in the order first read.
    private(set) var indices: [Int] = []
    private var seen = Set<Int>()
    /// Whether the whole store was iterated (the view then depends on every document).
    private(set) var readAll = false

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The recording open on this thread, if any.
    private static var current: DocumentReads? {
        pthread_getspecific(key).map { Unmanaged<DocumentReads>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` with a recording open on this thread and returns what it read. A recording
    /// already open (a view made inside another) also gets the reads, so neither misses one.
    static func recording<T>(_ body: () throws -> T) rethrows -> (value: T, reads: DocumentReads) {
        let reads = DocumentReads()
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(reads).toOpaque())
        defer {
            pthread_setspecific(key, outer)
            if let outer {
                let enclosing = Unmanaged<DocumentReads>.fromOpaque(outer).takeUnretainedValue()
                reads.indices.forEach(enclosing.note)
                if reads.readAll { enclosing.readAll = true }
            }
        }
        let value = try withExtendedLifetime(reads) { try body() }
        return (value, reads)
    }

    /// Notes a lookup of one document (called by `DocumentStore`).
    static func note(_ index: Int) {
        current?.note(index)
    }

    /// Notes that every document was read.
    static func noteAll() {
        current?.readAll = true
    }

    private func note(_ index: Int) {
        if seen.insert(index).inserted { indices.append(index) }
    }
}

/// What a page's key was computed from in the last build, so that the next build can reuse the
/// key without making the view again when none of it changed.
///
/// A page's view model is a function of its `SitePage`, its template, the site-wide values of
/// its language (`SiteVersions.structure`) and the documents it reads. When all of these are as
/// they were, the view is the same value, and so is the key hashed from it.
struct PageMemo {
    /// A hash of the page, its template's version and its language's structure version.
    let inputs: Int
    /// Each document read, with its version at the time.
    let reads: [(index: Int, version: Int)]
    /// The key computed from the view.
    let key: Int

    /// The memo of something made from `inputs` that read `reads` (each document with its
    /// version in `versions`); nil when it went through every document, as such a thing is
    /// made again every time.
    static func recorded(inputs: Int, reads: DocumentReads, versions: [Int], key: Int) -> PageMemo? {
        reads.readAll ? nil : PageMemo(inputs: inputs, reads: reads.indices.map { ($0, versions[$0]) }, key: key)
    }

    /// Whether the memo still holds for a page whose inputs hash to `inputs`, in a site whose
    /// documents have `versions`.
    func holds(inputs: Int, versions: [Int]) -> Bool {
        self.inputs == inputs && reads.allSatisfy { $0.index < versions.count && versions[$0.index] == $0.version }
    }
}

/// Versions of what page views are made from, apart from the page itself: one per document,
/// and one per language for everything else (the structure).
struct SiteVersions {
    /// Per document (by index): a hash of its file's bytes and what the site made of it.
    let documents: [Int]
    /// Per language: a hash of every input other than the documents' own files.
    let structure: [String: Int]
    /// Per language: a hash of the site-wide values every page of it shows.
    let shared: [String: Int]
    /// Per page of the graph (by index): a hash of the page.
    let pages: [Int]
    /// A hash of the whole structure and every page: the inputs of a file made from the whole
    /// graph (the sitemap, the feeds), besides the documents it reads.
    let graph: Int

    /// The stored properties of `SiteGraph`, each with how the versions cover it. A test checks
    /// this list against the type, so a new property cannot be forgotten here.
    static let graphCoverage: [String: String] = [
        "config": "site.yml, hashed with the non-Markdown files",
        "registry": "the data package's files, hashed with the non-Markdown files",
        "statistics": "the data package and the pillar pages, hashed as statisticsVersion",
        "statisticsVersion": "hashed",
        "package": "the data package's files, hashed with the non-Markdown files",
        "staticFiles": "their paths and bytes, hashed with the non-Markdown files",
        "documents": "per document, recorded where a view reads it",
        "pages": "per page, hashed in the page's inputs",
        "narratives": "hashed", "pilarDocuments": "hashed", "sectionDocuments": "hashed", "news": "hashed",
        "sectionChildren": "hashed", "homeDocument": "hashed", "translations": "hashed",
    ]

    init(_ prepared: SiteBuilder.Prepared) {
        // What every page of a language shares (the strings table, site values), hashed once.
        var sharedKeys: [String: Int] = [:]
        for (language, context) in prepared.contexts {
            var hasher = Hasher()
            hasher.combine(context.shared)
            sharedKeys[language] = hasher.finalize()
        }
        shared = sharedKeys
        let graph = prepared.graph
        let hashes = prepared.content.fileHashes
        documents = graph.documents.unrecorded.map { document in
            var hasher = Hasher()
            hasher.combine(document.page.relativePath)
            hasher.combine(hashes[document.page.relativePath])
            hasher.combine(document.path)
            hasher.combine(document.summary)
            return hasher.finalize()
        }
        // Every input file but the pages' Markdown (which reaches views through the documents,
        // recorded per read, and the graph's lists below).
        // Summed, so the dictionary's order does not matter and it need not be sorted each time.
        var fileSum = 0
        for (path, hash) in hashes where !path.hasSuffix(".md") {
            var file = Hasher()
            file.combine(path)
            file.combine(hash)
            fileSum &+= file.finalize()
        }
        var files = Hasher()
        files.combine(fileSum)
        files.combine(graph.statisticsVersion)
        files.combine(graph.narratives)
        files.combine(graph.pilarDocuments)
        files.combine(graph.sectionDocuments)
        files.combine(graph.news)
        files.combine(graph.sectionChildren)
        files.combine(graph.homeDocument)
        files.combine(graph.translations)
        let site = files.finalize()
        var structure: [String: Int] = [:]
        for (language, context) in prepared.contexts {
            var hasher = Hasher()
            hasher.combine(site)
            hasher.combine(language)
            hasher.combine(sharedKeys[language])
            // The strings, pillar names and statistics the figures are made from.
            hasher.combine(context.figures.version)
            hasher.combine(context.shown)
            structure[language] = hasher.finalize()
        }
        self.structure = structure
        let pages = graph.pages
        let pageHashes = ConcurrentResults<Int>(count: pages.count, initial: 0)
        DispatchQueue.concurrentPerform(iterations: pages.count) { pageHashes[$0] = pages[$0].hashValue }
        self.pages = pageHashes.values
        var everything = Hasher()
        for language in structure.keys.sorted() { everything.combine(structure[language]) }
        everything.combine(self.pages)
        self.graph = everything.finalize()
    }
}

/// The last build's values for `paths`, given the paths it had and its values in the same order
/// (nil: none). By position when the paths are the same, as after an edit that adds or removes
/// no page, which spares hashing thousands of paths; else by path.
func aligned<Value>(_ previous: [Value?], at previousPaths: [String], to paths: [String]) -> [Value?] {
    if paths == previousPaths { return previous }
    let byPath = Dictionary(zip(previousPaths, previous), uniquingKeysWith: { first, _ in first })
    return paths.map { byPath[$0] ?? nil }
}
