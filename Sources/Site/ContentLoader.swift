import Content
import Dispatch

/// Everything read from `content/`, decoded and checked, before the site graph is put together.
struct LoadedContent: Sendable {
    let config: SiteConfig
    let registry: Registry
    /// Per-village pillar indicators (`data/indikator.json`), when present.
    let indicators: IndicatorData?
    /// The 2024 evaluation (`data/evaluasi-peserta.json` and `data/evaluasi-desa.json`), when present.
    let evaluation: Evaluation?
    /// Source data files to publish as they are under `/data/sumber/`.
    let dataFiles: [(name: String, meta: DataSetMeta, source: String)]
    /// A hash of every input file's bytes, by path below `content/`: what incremental rebuilds
    /// compare to know what changed.
    let fileHashes: [String: Int]
    /// Published pages (drafts left out), sorted by path.
    let pages: [ContentPage]
    /// Files under `content/` that are neither Markdown nor data, copied as they are.
    let staticFiles: [(path: String, source: String)]
}

/// Reads and decodes `content/`, reporting every problem of every file in one pass.
enum ContentLoader {
    /// The registry's file name under `content/data/`.
    static let registryFile = "data/desa.json"
    static let indicatorFile = "data/indikator.json"
    static let participantsFile = "data/evaluasi-peserta.json"
    static let resultsFile = "data/evaluasi-desa.json"

    static func load(directory: String, fileSystem: FileSystem, cache: BuildCache? = nil, diagnostics: inout Diagnostics) -> LoadedContent? {
        guard let files = fileSystem.list(directory) else {
            diagnostics.error(directory, .start, "folder konten tidak ditemukan", hint: "pakai --content untuk menunjuk folder konten")
            return nil
        }
        func display(_ relative: String) -> String { joinPath(directory, relative) }
        var fileHashes: [String: Int] = [:]
        let cache = cache ?? BuildCache()

        func readText(_ relative: String) -> String? {
            let file = display(relative)
            guard let bytes = try? fileSystem.read(file) else {
                diagnostics.error(file, .start, "berkas tidak dapat dibaca")
                return nil
            }
            fileHashes[relative] = contentHash(bytes)
            switch SourceText.decode(bytes, file: file) {
            case .success(let text): return text
            case .failure(let diagnostic):
                diagnostics.add(diagnostic)
                return nil
            }
        }

        var config: SiteConfig?
        if files.contains("site.yml"), let text = readText("site.yml") {
            switch YAML.parse(text, file: display("site.yml")) {
            case .success(let node): config = SiteConfig.decode(node, file: display("site.yml"), diagnostics: &diagnostics)
            case .failure(let diagnostic): diagnostics.add(diagnostic)
            }
        } else if !files.contains("site.yml") {
            diagnostics.error(display("site.yml"), .start, "site.yml tidak ada", hint: "setiap folder konten punya site.yml dengan title dan base_url")
        }

        /// Decodes a data file through the cache: unchanged bytes (and unchanged registry, which
        /// the other data sets are checked against) reuse the last result and its diagnostics.
        func decode<T>(_ relative: String, _ text: String, _ body: (inout Diagnostics) -> T) -> T {
            let hash = fileHashes[relative]! &+ (relative == registryFile ? 0 : 31 &* (fileHashes[registryFile] ?? 0))
            let (value, reported) = cache.decoded(relative, hash: hash, decode: body)
            diagnostics.add(contentsOf: reported)
            return value
        }

        var registry: Registry?
        if files.contains(registryFile), let text = readText(registryFile) {
            registry = decode(registryFile, text) { Registry.decode(text, file: display(registryFile), diagnostics: &$0) }
        } else if !files.contains(registryFile) {
            diagnostics.error(display(registryFile), .start, "registri desa tidak ada", hint: "registri desa ada di content/data/desa.json")
        }
        var indicators: IndicatorData?
        var participants: (DataSetMeta, [(peran: PeranPeserta, jumlah: Int)])?
        var results: (DataSetMeta, [KodeWilayah: [Pilar: HasilEvaluasi]])?
        if let registry {
            if files.contains(indicatorFile), let text = readText(indicatorFile) {
                indicators = decode(indicatorFile, text) { IndicatorData.decode(text, file: display(indicatorFile), registry: registry, diagnostics: &$0) }
            }
            if files.contains(participantsFile), let text = readText(participantsFile) {
                participants = decode(participantsFile, text) { Evaluation.decodePeserta(text, file: display(participantsFile), diagnostics: &$0) }
            }
            if files.contains(resultsFile), let text = readText(resultsFile) {
                results = decode(resultsFile, text) { Evaluation.decodeHasil(text, file: display(resultsFile), registry: registry, diagnostics: &$0) }
            }
            if files.contains(participantsFile) != files.contains(resultsFile) {
                let missing = files.contains(participantsFile) ? resultsFile : participantsFile
                diagnostics.warning(display(missing), .start, "data evaluasi hanya separuh: berkas ini tidak ada, jadi hasil evaluasi tidak ditampilkan")
            }
        }
        var dataFiles: [(name: String, meta: DataSetMeta, source: String)] = []
        if let registry { dataFiles.append(("desa.json", registry.meta, display(registryFile))) }
        if let indicators { dataFiles.append(("indikator.json", indicators.meta, display(indicatorFile))) }
        if let participants { dataFiles.append(("evaluasi-peserta.json", participants.0, display(participantsFile))) }
        if let results { dataFiles.append(("evaluasi-desa.json", results.0, display(resultsFile))) }
        let known: Set<String> = [registryFile, indicatorFile, participantsFile, resultsFile]
        for relative in files where relative.hasPrefix("data/") && relative.hasSuffix(".json") && !known.contains(relative) {
            if let text = readText(relative), let data = decode(relative, text, { DataFile.parse(text, file: display(relative), diagnostics: &$0) }) {
                dataFiles.append((String(relative.dropFirst("data/".count)), data.meta, display(relative)))
            }
        }
        var evaluation: Evaluation?
        if let participants, let results {
            evaluation = Evaluation(pesertaMeta: participants.0, peserta: participants.1, hasilMeta: results.0, hasil: results.1)
        }

        let markdownFiles = files.filter { $0.hasSuffix(".md") }
        // Without a usable site.yml the languages are unknown: treat any two- or three-letter
        // suffix as a translation, so the one real problem is not buried under misnamed pages.
        let translationLanguages = config.map { Array($0.languages.dropFirst().map(\.code)) }
            ?? Set(files.compactMap { ContentPage.guessedLanguageSuffix(of: $0) }).sorted()
        let parsed = parsePages(markdownFiles, directory: directory, languages: translationLanguages, fileSystem: fileSystem, cache: cache)
        cache.keepPages(Set(markdownFiles))
        var pages: [ContentPage] = []
        for result in parsed {
            if let hash = result.hash { fileHashes[result.path] = hash }
            diagnostics.add(contentsOf: result.diagnostics)
            if let page = result.page, !page.frontMatter.draft { pages.append(page) }
        }

        let staticFiles = files
            .filter { !$0.hasSuffix(".md") && $0 != "site.yml" && !$0.hasPrefix("data/") }
            .map { (path: $0, source: display($0)) }

        guard let config, let registry else { return nil }
        for file in staticFiles {
            if let bytes = try? fileSystem.read(file.source) { fileHashes[file.path] = contentHash(bytes) }
        }
        return LoadedContent(config: config, registry: registry, indicators: indicators, evaluation: evaluation,
                             dataFiles: dataFiles, fileHashes: fileHashes, pages: pages, staticFiles: staticFiles)
    }

    /// Reads and parses every Markdown file concurrently (unchanged files come from the cache);
    /// results keep the files' order.
    private static func parsePages(_ files: [String], directory: String, languages: [String], fileSystem: FileSystem,
                                   cache: BuildCache) -> [(path: String, hash: Int?, page: ContentPage?, diagnostics: [Diagnostic])] {
        let results = ConcurrentResults<(path: String, hash: Int?, page: ContentPage?, diagnostics: [Diagnostic])>(count: files.count, initial: ("", nil, nil, []))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let relative = files[index]
            let file = joinPath(directory, relative)
            guard let bytes = try? fileSystem.read(file) else {
                results[index] = (relative, nil, nil, [Diagnostic(file: file, "berkas tidak dapat dibaca")])
                return
            }
            let hash = contentHash(bytes) &+ languages.hashValue
            let (page, diagnostics) = cache.page(relative, hash: hash) {
                var local = Diagnostics()
                var page: ContentPage?
                switch SourceText.decode(bytes, file: file) {
                case .success(let text):
                    page = ContentPage.parse(relativePath: relative, file: file, text: text, languages: languages, diagnostics: &local)
                case .failure(let diagnostic):
                    local.add(diagnostic)
                }
                return (page, local.all)
            }
            results[index] = (relative, hash, page, diagnostics)
        }
        return results.values
    }
}

/// A fixed-size array that concurrent workers fill, each index written by exactly one worker.
///
/// The storage is a raw buffer allocated once: distinct indices never overlap and nothing is
/// resized while workers run, so writes need no lock (an `Array` property would trip Swift's
/// exclusivity checks when two workers write at once).
final class ConcurrentResults<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value>

    init(count: Int, initial: Value) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: initial)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    subscript(index: Int) -> Value {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    /// The values, once every worker has finished.
    var values: [Value] { Array(buffer) }
}
