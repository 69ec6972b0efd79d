import Content
import Foundation
import Markdown
import Search
import Statistics

/// What one build leaves for the next, so that a rebuild in `serve` parses, renders and writes
/// only what changed. Every entry is keyed by a hash of the bytes it was computed from, so a
/// stale entry can never be used.
public final class BuildCache: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: (hash: Int, page: ContentPage?, diagnostics: [Diagnostic])] = [:]
    private var markdown: [Int: RenderedMarkdown] = [:]
    private var programData: (hash: Int, value: ProgramData?, diagnostics: [Diagnostic])?
    private var statistics: (key: Int, value: ProgramStatistics)?
    /// Pages' search terms, so a rebuild tokenizes only the pages whose text changed.
    let searchTerms = TermCache()

    /// An empty cache.
    public init() {}

    func page(_ path: String, hash: Int, parse: () -> (ContentPage?, [Diagnostic])) -> (ContentPage?, [Diagnostic]) {
        if let hit = lock.withLock({ pages[path] }), hit.hash == hash { return (hit.page, hit.diagnostics) }
        let result = parse()
        lock.withLock { pages[path] = (hash, result.0, result.1) }
        return result
    }

    func markdown(_ body: String, options: MarkdownOptions, render: () -> RenderedMarkdown) -> RenderedMarkdown {
        var hasher = Hasher()
        hasher.combine(body)
        hasher.combine(options.allowUnsafeHTML)
        hasher.combine(options.smartPunctuation)
        let key = hasher.finalize()
        if let hit = lock.withLock({ markdown[key] }) { return hit }
        let result = render()
        lock.withLock { markdown[key] = result }
        return result
    }

    /// The data package read and decoded from files whose bytes hash to `hash`, with the
    /// diagnostics its decoding reported, replayed on a hit.
    func programData(hash: Int, decode: (inout Diagnostics) -> ProgramData?) -> (ProgramData?, [Diagnostic]) {
        if let hit = lock.withLock({ programData }), hit.hash == hash { return (hit.value, hit.diagnostics) }
        var diagnostics = Diagnostics()
        let value = decode(&diagnostics)
        lock.withLock { programData = (hash, value, diagnostics.all) }
        return (value, diagnostics.all)
    }

    func statistics(key: Int, compute: () -> ProgramStatistics) -> ProgramStatistics {
        if let hit = lock.withLock({ statistics }), hit.key == key { return hit.value }
        let value = compute()
        lock.withLock { statistics = (key, value) }
        return value
    }

    /// Forgets parsed pages whose files are gone, so the cache does not grow without bound.
    func keepPages(_ paths: Set<String>) {
        lock.withLock { pages = pages.filter { paths.contains($0.key) } }
    }
}

/// A hash of file contents for cache keys and dependency versions within one process.
func contentHash(_ bytes: [UInt8]) -> Int {
    var hasher = Hasher()
    hasher.combine(bytes.count)
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    return hasher.finalize()
}
