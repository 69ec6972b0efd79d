import Content
import Dispatch

/// Everything read from `content/`, decoded and checked, before the site graph is put together.
struct LoadedContent: Sendable {
    let config: SiteConfig
    /// The data package: every data file's schema, sources and licence.
    let package: DataPackage
    /// The package's descriptor file, as diagnostics name it.
    let packageFile: String
    let registry: Registry
    /// Per-village pillar indicators (the resource with `"role": "indikator"`), when present.
    let indicators: DataIndikator?
    /// Every resource of the package read and checked, in package order.
    let tables: [Table]
    /// A hash of every input file's bytes, by path below `content/`: what incremental rebuilds
    /// compare to know what changed.
    let fileHashes: [String: Int]
    /// Published pages (drafts left out), sorted by path.
    let pages: [ContentPage]
    /// Drafts: read and checked like any page, but not published (the studio lists them).
    let drafts: [ContentPage]
    /// Files under `content/` that are neither Markdown nor data, copied as they are.
    let staticFiles: [(path: String, source: String)]
    /// Search synonyms (`sinonim.yml`), none when the file is absent.
    let synonyms: Synonyms
}

/// Reads and decodes `content/`, reporting every problem of every file in one pass.
enum ContentLoader {
    /// The data package's descriptor under `content/`.
    static let packageFile = "data/" + DataPackage.fileName

    static func load(directory: String, fileSystem: FileSystem, cache: BuildCache? = nil, diagnostics: inout Diagnostics) -> LoadedContent? {
        guard let files = fileSystem.list(directory) else {
            diagnostics.error(directory, .start, "folder konten tidak ditemukan", hint: "pakai --content untuk menunjuk folder konten")
            return nil
        }
        @Sendable func display(_ relative: String) -> String { joinPath(directory, relative) }
        var fileHashes: [String: Int] = [:]
        let cache = cache ?? BuildCache.oneOff()

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
            let (decoded, found) = cache.settings("site.yml", hash: fileHashes["site.yml"] ?? 0) { (diagnostics: inout Diagnostics) -> SiteConfig? in
                switch YAML.parse(text, file: display("site.yml")) {
                case .success(let node): return SiteConfig.decode(node, file: display("site.yml"), diagnostics: &diagnostics)
                case .failure(let diagnostic):
                    diagnostics.add(diagnostic)
                    return nil
                }
            }
            config = decoded
            diagnostics.add(contentsOf: found)
        } else if !files.contains("site.yml") {
            diagnostics.error(display("site.yml"), .start, "site.yml tidak ada", hint: "setiap folder konten punya site.yml dengan title dan base_url")
        }

        // The data package decodes on its own thread while the pages parse: at a national
        // registry each takes seconds, and neither needs the other.
        let dataFiles = readData(files: files, display: display, cache: cache, readText: readText)
        let decoding = BackgroundWork { decodeData(dataFiles, display: display, cache: cache) }
        let markdownFiles = files.filter { $0.hasSuffix(".md") }
        // Without a usable site.yml the languages are unknown: treat any two- or three-letter
        // suffix as a translation, so the one real problem is not buried under misnamed pages.
        let translationLanguages = config.map { Array($0.languages.dropFirst().map(\.code)) }
            ?? Set(files.compactMap { ContentPage.guessedLanguageSuffix(of: $0) }).sorted()
        let parsed = parsePages(markdownFiles, directory: directory, languages: translationLanguages, fileSystem: fileSystem, cache: cache)
        cache.keepPages(Set(markdownFiles))
        let (data, dataDiagnostics) = decoding.result
        diagnostics.add(contentsOf: dataDiagnostics)
        var pages: [ContentPage] = []
        var drafts: [ContentPage] = []
        pages.reserveCapacity(markdownFiles.count)
        fileHashes.reserveCapacity(files.count)
        // Moved out, not copied: a copy of each page retained its fields.
        parsed.takeEach { result in
            let (path, hash, page, found) = result
            if let hash { fileHashes[path] = hash }
            diagnostics.add(contentsOf: found)
            if let page {
                if page.frontMatter.draft { drafts.append(page) } else { pages.append(page) }
            }
        }

        var synonyms: Synonyms? = Synonyms.none
        if files.contains(Synonyms.fileName), let text = readText(Synonyms.fileName) {
            let (decoded, found) = cache.settings(Synonyms.fileName, hash: fileHashes[Synonyms.fileName] ?? 0) { (diagnostics: inout Diagnostics) -> Synonyms? in
                switch YAML.parse(text, file: display(Synonyms.fileName)) {
                case .success(let node): return Synonyms.decode(node, file: display(Synonyms.fileName), diagnostics: &diagnostics)
                case .failure(let diagnostic):
                    diagnostics.add(diagnostic)
                    return nil
                }
            }
            synonyms = decoded
            diagnostics.add(contentsOf: found)
        }

        let staticFiles = files
            .filter { !$0.hasSuffix(".md") && $0 != "site.yml" && $0 != Synonyms.fileName && !$0.hasPrefix("data/") }
            .map { (path: $0, source: display($0)) }

        guard let config, let data, let synonyms else { return nil }
        for file in staticFiles {
            if let bytes = try? fileSystem.read(file.source) { fileHashes[file.path] = contentHash(bytes) }
        }
        return LoadedContent(config: config, package: data.package, packageFile: display(packageFile), registry: data.registry, indicators: data.indicators, tables: data.tables,
                             fileHashes: fileHashes, pages: pages, drafts: drafts, staticFiles: staticFiles, synonyms: synonyms)
    }

    /// The data package's files as read: the descriptor and every data file beside it, or the
    /// reason there is nothing to decode.
    private enum DataFiles: Sendable {
        case read(descriptor: String, texts: [String: String], hash: Int)
        case failed([Diagnostic])
    }

    /// Reads the data package's descriptor and every data file (a new one may have been added,
    /// so all are read and hashed each time). `readText` reports unreadable files itself.
    private static func readData(files: [String], display: (String) -> String, cache: BuildCache, readText: (String) -> String?) -> DataFiles {
        guard files.contains(packageFile) else {
            var local = Diagnostics()
            local.error(display(packageFile), .start, "paket data tidak ada",
                        hint: "content/data/datapackage.json mendaftar berkas data: registri desa, indikator dan tabel lain (lihat docs/panduan-data.md)")
            return .failed(local.all)
        }
        guard let descriptorText = readText(packageFile) else { return .failed([]) }
        var texts: [String: String] = [:]
        // Texts hashed as their UTF-8 bytes (`contentHash`): a `String`'s own hash normalises
        // it first, which for a national registry (20 MB) was a tenth of a second on one core
        // before anything else could start.
        var hasher = Hasher()
        hasher.combine(Self.textHash(descriptorText))
        // What the descriptor names (any extension), and every CSV or JSON file beside it (to warn
        // about one it forgot). Reading the descriptor twice costs little next to the tables.
        let (listed, _) = cache.settings("\(packageFile) paths", hash: Self.textHash(descriptorText)) { (scratch: inout Diagnostics) -> Set<String>? in
            Set(DataPackage.decode(descriptorText, file: display(packageFile), diagnostics: &scratch)?.resources.map { "data/" + $0.path } ?? [])
        }
        let named = listed ?? []
        for relative in files where relative.hasPrefix("data/") && relative != packageFile
            && (named.contains(relative) || relative.hasSuffix(".csv") || relative.hasSuffix(".json")) {
            guard let text = readText(relative) else { continue }
            texts[String(relative.dropFirst("data/".count))] = text
            hasher.combine(relative)
            hasher.combine(Self.textHash(text))
        }
        return .read(descriptor: descriptorText, texts: texts, hash: hasher.finalize())
    }

    /// `contentHash` of a text's UTF-8.
    private static func textHash(_ text: String) -> Int {
        var text = text
        return text.withUTF8(contentHash)
    }

    /// Decodes the data package and every resource it lists (`ProgramData.read`). Unchanged bytes
    /// (descriptor and every data file) reuse the last result and its diagnostics.
    private static func decodeData(_ files: DataFiles, display: @Sendable (String) -> String, cache: BuildCache) -> (ProgramData?, [Diagnostic]) {
        guard case .read(let descriptorText, let texts, let hash) = files else {
            if case .failed(let diagnostics) = files { return (nil, diagnostics) }
            return (nil, [])
        }
        let descriptor = display(packageFile)
        return cache.programData(hash: hash) { (diagnostics: inout Diagnostics) -> ProgramData? in
            let data = ProgramData.read(descriptor: descriptorText, file: descriptor, resources: texts, display: { display("data/" + $0) },
                                        diagnostics: &diagnostics)
            let declared = Set(data?.package.resources.map(\.path) ?? [])
            for path in texts.keys.sorted() where data != nil && !declared.contains(path) {
                diagnostics.warning(display("data/" + path), .start, "berkas data ini tidak terdaftar di datapackage.json, jadi tidak diterbitkan",
                                    hint: "tambahkan resource untuknya di content/data/datapackage.json, atau pindahkan berkasnya")
            }
            return data
        }
    }

    /// Reads and parses every Markdown file concurrently (unchanged files come from the cache);
    /// results are in the files' order.
    private static func parsePages(_ files: [String], directory: String, languages: [String], fileSystem: FileSystem,
                                   cache: BuildCache) -> ConcurrentResults<(path: String, hash: Int?, page: ContentPage?, diagnostics: [Diagnostic])> {
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
        return results
    }
}

/// Work started on another thread at once; `result` waits for it.
final class BackgroundWork<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before it signals, read only after the wait.
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    /// The work's value, once it has finished.
    var result: Value {
        done.wait()
        done.signal()  // so a second read does not wait forever
        // Safe: the worker stored the value before signalling.
        return value!
    }
}
