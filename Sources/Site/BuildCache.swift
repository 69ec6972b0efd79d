import Content
import Foundation
import Markdown
import Search
import Statistics
import Templating

/// What one build leaves for the next, so that a rebuild in `serve` parses, renders and writes
/// only what changed. Every entry is keyed by a hash of the bytes it was computed from, so a
/// stale entry can never be used.
public final class BuildCache: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: (hash: Int, page: ContentPage?, diagnostics: [Diagnostic])] = [:]
    private var markdown: [Int: RenderedMarkdown] = [:]
    private var programData: (hash: Int, value: ProgramData?, diagnostics: [Diagnostic])?
    private var statistics: (key: Int, value: ProgramStatistics)?
    private var theme: (key: Int, value: Theme?, diagnostics: [Diagnostic])?
    /// Small settings files decoded (`site.yml`, `sinonim.yml`, the data package's list of
    /// files), by name.
    private var settingsFiles: [String: (hash: Int, value: any Sendable, diagnostics: [Diagnostic])] = [:]
    /// Each language's search index as the last build left it, so a rebuild computes again
    /// only what changed pages touch.
    private var searchIndexes: [String: SearchMemo] = [:]
    /// Figures by `Figures.version`, for the versions of the latest builds (one per language).
    private var figureMemos: [Int: FigureMemo] = [:]
    private var figureMemoOrder: [Int] = []

    /// Whether pages, rendered Markdown, data and statistics are kept for a next build. A
    /// one-off build keeps none of them: at a national registry, storing every parsed page and
    /// rendered body under a lock cost a second of the build and hundreds of megabytes.
    let remembering: Bool

    /// An empty cache.
    public init() { remembering = true }

    /// A cache for one build only, which computes everything and keeps nothing for later.
    static func oneOff() -> BuildCache { BuildCache(remembering: false) }

    private init(remembering: Bool) { self.remembering = remembering }

    func page(_ path: String, hash: Int, parse: () -> (ContentPage?, [Diagnostic])) -> (ContentPage?, [Diagnostic]) {
        guard remembering else { return parse() }
        if let hit = lock.withLock({ pages[path] }), hit.hash == hash { return (hit.page, hit.diagnostics) }
        let result = parse()
        lock.withLock { pages[path] = (hash, result.0, result.1) }
        return result
    }

    /// The rendered Markdown of `body`; `source`, when given, is the hash of the file the body
    /// was read from, which then keys it (hashing every page's body again cost more).
    func markdown(_ body: String, source: Int? = nil, options: MarkdownOptions, render: () -> RenderedMarkdown) -> RenderedMarkdown {
        guard remembering else { return render() }
        var hasher = Hasher()
        hasher.combine(source != nil)
        if let source { hasher.combine(source) } else { hasher.combine(body) }
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
        guard remembering else {
            var diagnostics = Diagnostics()
            let value = decode(&diagnostics)
            return (value, diagnostics.all)
        }
        if let hit = lock.withLock({ programData }), hit.hash == hash { return (hit.value, hit.diagnostics) }
        var diagnostics = Diagnostics()
        let value = decode(&diagnostics)
        lock.withLock { programData = (hash, value, diagnostics.all) }
        return (value, diagnostics.all)
    }

    /// A settings file (by `name`) decoded from bytes that hash to `hash`, with the diagnostics
    /// its decoding reported, replayed on a hit. Parsing `site.yml` and `sinonim.yml` with the
    /// YAML library was a tenth of a rebuild's loading.
    func settings<Value: Sendable>(_ name: String, hash: Int, decode: (inout Diagnostics) -> Value?) -> (Value?, [Diagnostic]) {
        if remembering, let hit = lock.withLock({ settingsFiles[name] }), hit.hash == hash, let decoded = hit.value as? Decoded<Value> {
            return (decoded.value, hit.diagnostics)
        }
        var diagnostics = Diagnostics()
        let value = decode(&diagnostics)
        if remembering { lock.withLock { settingsFiles[name] = (hash, Decoded(value: value), diagnostics.all) } }
        return (value, diagnostics.all)
    }

    /// A decoded settings file's value, nil when it could not be decoded.
    private struct Decoded<Value: Sendable>: Sendable {
        let value: Value?
    }

    /// The theme decoded from files whose paths and bytes hash to `key`, with the problems its
    /// decoding reported, replayed on a hit.
    func theme(key: Int, decode: (inout Diagnostics) -> Theme?) -> (Theme?, [Diagnostic]) {
        if remembering, let hit = lock.withLock({ theme }), hit.key == key { return (hit.value, hit.diagnostics) }
        var diagnostics = Diagnostics()
        let value = decode(&diagnostics)
        if remembering { lock.withLock { theme = (key, value, diagnostics.all) } }
        return (value, diagnostics.all)
    }

    func statistics(key: Int, compute: () -> ProgramStatistics) -> ProgramStatistics {
        guard remembering else { return compute() }
        if let hit = lock.withLock({ statistics }), hit.key == key { return hit.value }
        let value = compute()
        lock.withLock { statistics = (key, value) }
        return value
    }

    /// The figures made for a version of `Figures`' inputs (empty when the version is new). Only
    /// the few latest versions are kept: a site's languages, and the build before.
    func figureMemo(version: Int) -> FigureMemo {
        lock.withLock {
            if let memo = figureMemos[version] { return memo }
            let memo = FigureMemo()
            figureMemos[version] = memo
            figureMemoOrder.append(version)
            while figureMemoOrder.count > 8 { figureMemos[figureMemoOrder.removeFirst()] = nil }
            return memo
        }
    }

    /// The search memo of a language (nil for a one-off build, which keeps nothing).
    func searchIndex(_ language: String) -> SearchMemo? {
        guard remembering else { return nil }
        return lock.withLock {
            if let memo = searchIndexes[language] { return memo }
            let memo = SearchMemo()
            searchIndexes[language] = memo
            return memo
        }
    }

    /// Forgets parsed pages whose files are gone, so the cache does not grow without bound.
    func keepPages(_ paths: @autoclosure () -> Set<String>) {
        guard remembering else { return }
        let paths = paths()
        lock.withLock { pages = pages.filter { paths.contains($0.key) } }
    }
}

/// A hash of file contents for cache keys and dependency versions within one process.
func contentHash(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { contentHash($0) }
}

/// The same hash of bytes held elsewhere (a string's UTF-8, without copying it).
func contentHash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var hasher = Hasher()
    hasher.combine(bytes.count)
    hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
    return hasher.finalize()
}

/// Figures already made from one version of `Figures`' inputs, so that a rebuild after an edit
/// that leaves the statistics, strings and pillar names alone does not redraw every chart. Safe
/// to reuse because `Figures.version` hashes every input a figure is made from.
final class FigureMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var desa: [KodeWilayah: Figures.List] = [:]
    private var wilayah: [KodeWilayah: Figures.Single] = [:]
    private var pilar: [String: Figures.List] = [:]
    private var statistik: Figures.Sections?
    private var downloads: (siteKey: Int, value: [DownloadFile])?

    func desa(_ kode: KodeWilayah, make: () -> Figures.List) -> Figures.List {
        remember(\.desa, kode, make)
    }

    func wilayah(_ kode: KodeWilayah, make: () -> Figures.Single) -> Figures.Single {
        remember(\.wilayah, kode, make)
    }

    func pilar(_ id: String, make: () -> Figures.List) -> Figures.List {
        remember(\.pilar, id, make)
    }

    /// The downloads' files, for site settings (`site.yml`) hashing to `siteKey`.
    func downloads(siteKey: Int, make: () -> [DownloadFile]) -> [DownloadFile] {
        if let hit = lock.withLock({ downloads }), hit.siteKey == siteKey { return hit.value }
        let value = make()
        lock.withLock { downloads = (siteKey, value) }
        return value
    }

    func statistik(make: () -> Figures.Sections) -> Figures.Sections {
        if let hit = lock.withLock({ statistik }) { return hit }
        let value = make()
        lock.withLock { statistik = value }
        return value
    }

    private func remember<Key: Hashable, Value>(_ table: ReferenceWritableKeyPath<FigureMemo, [Key: Value]>, _ key: Key, _ make: () -> Value) -> Value {
        if let hit = lock.withLock({ self[keyPath: table][key] }) { return hit }
        let value = make()
        lock.withLock { self[keyPath: table][key] = value }
        return value
    }
}
