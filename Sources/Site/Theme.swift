import Content
import Foundation
import Templating

/// The user-visible words of the site in one language, from the theme's `i18n/<lang>.yml`.
public struct Strings: Sendable, Hashable {
    /// Every string by key.
    public let table: [String: String]

    /// Creates strings from a table.
    public init(_ table: [String: String]) {
        self.table = table
    }

    /// The string for `key`; a missing key shows as `[key]` so it is noticed, and `Theme.load`
    /// reports it as an error before any page is rendered.
    public subscript(key: String) -> String {
        table[key] ?? "[\(key)]"
    }

    /// The string for `key`, or nil.
    public func optional(_ key: String) -> String? { table[key] }

    /// The string for `key` with each `{name}` replaced by its value.
    public func format(_ key: String, _ values: [String: String]) -> String {
        let template = self[key]
        var text = template
        // One pass over the UTF-8 bytes (braces are ASCII, never part of another character):
        // `{name}` with a known name is replaced, anything else kept. Through `Substring`
        // indices this was a sixtieth of building a national site (a few formats per page).
        return text.withUTF8 { bytes in
            guard bytes.contains(UInt8(ascii: "{")) else { return template }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 32)
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "{"), let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
                   let value = values[String(decoding: bytes[(index + 1)..<close], as: UTF8.self)] {
                    result += value.utf8
                    index = close + 1
                } else {
                    result.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Keys the generator itself uses (templates use more); their absence is an error.
    static let requiredKeys: [String] = uniqued([
        "beranda", "wilayah_judul", "pilar_judul", "berita_judul", "tahun_judul", "tahun_halaman_judul",
        "bagian_judul", "halaman_tidak_ditemukan", "statistik_judul", "data_judul", "label_data_contoh", "sumber_judul",
        "tabel_pilar_nasional", "tabel_pilar_provinsi", "tabel_pilar_desa_teratas", "tabel_sebaran", "tabel_wilayah", "tabel_desa_unduhan",
    ] + (1...12).map { "bulan_\($0)" })

    private static func uniqued(_ keys: [String]) -> [String] {
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}

/// A theme: Mustache templates and partials, i18n strings and static assets.
public struct Theme: Sendable {
    /// Templates and partials by name (file name without `.mustache`).
    public let library: TemplateLibrary
    /// The strings of each of the site's languages, by code; keys missing in a non-default
    /// language are filled from the default language (with a warning).
    public let strings: [String: Strings]
    /// Static files to copy into the output, as published (stylesheets and scripts fingerprinted).
    let assets: [PublishedAsset]
    /// A hash of each template's text, by name.
    let templateHashes: [String: Int]
    /// Search stopwords by language, from `i18n/stopwords-<code>.txt` (one word a line).
    let stopwords: [String: Set<String>]
    /// Each template's file, by name.
    var templateFiles: [String: String] = [:]
    /// What `checkViews` found, once found.
    private let viewProblems = Once<[Diagnostic]>()
    /// `library.tagNames`, once found: the theme is kept between rebuilds while its files are
    /// unchanged, and walking every template for it cost half a millisecond each time.
    private let tagNames = Once<Set<String>>()

    /// Every name the theme's templates look up (`TemplateLibrary.tagNames`).
    var shownNames: Set<String> { tagNames.value { library.tagNames } }

    /// A hash of everything rendering `name` reads: its text and that of every partial and
    /// parent it uses, transitively. A page must be re-rendered when this changes.
    func templateVersion(_ name: String) -> Int {
        var seen = Set<String>()
        var queue = [name]
        var hasher = Hasher()
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            hasher.combine(next)
            hasher.combine(templateHashes[next])
            queue += library.template(named: next)?.references.sorted() ?? []
        }
        return hasher.finalize()
    }

    /// A hash of one language's strings.
    func stringsVersion(_ language: String) -> Int {
        var hasher = Hasher()
        for (key, value) in (strings[language]?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
            hasher.combine(key)
            hasher.combine(value)
        }
        return hasher.finalize()
    }

    /// The templates the generator renders pages with; each must exist in `templates/`.
    /// The search page (`cari`) is optional: without it the site has no search.
    public static let requiredTemplates = Subject.viewShapes.keys.filter { $0 != "cari" }.sorted()

    /// Loads and checks a theme folder, reporting every problem. With a `cache`, a theme whose
    /// files' bytes are all as in the last build is not parsed again (its problems are replayed).
    public static func load(directory: String, languages: [String], fileSystem: FileSystem, cache: BuildCache? = nil,
                            diagnostics: inout Diagnostics) -> Theme? {
        guard let list = fileSystem.list(directory) else {
            diagnostics.error(directory, .start, "folder tema tidak ditemukan", hint: "pakai --theme untuk menunjuk folder tema, misalnya themes/default")
            return nil
        }
        var files: [(relative: String, bytes: [UInt8])] = []
        var unreadable = false
        var key = Hasher()
        key.combine(directory)
        key.combine(languages)
        for relative in list {
            let path = joinPath(directory, relative)
            guard let bytes = try? fileSystem.read(path) else {
                diagnostics.error(path, .start, "berkas tidak dapat dibaca")
                unreadable = true
                continue
            }
            key.combine(relative)
            key.combine(bytes)
            files.append((relative, bytes))
        }
        guard let cache, !unreadable else { return decode(files, directory: directory, languages: languages, failed: unreadable, diagnostics: &diagnostics) }
        let (theme, found) = cache.theme(key: key.finalize()) { (diagnostics: inout Diagnostics) in
            decode(files, directory: directory, languages: languages, failed: false, diagnostics: &diagnostics)
        }
        diagnostics.add(contentsOf: found)
        return theme
    }

    /// A theme from its files' bytes (paths relative to `directory`), reporting every problem.
    private static func decode(_ files: [(relative: String, bytes: [UInt8])], directory: String, languages: [String], failed alreadyFailed: Bool,
                               diagnostics: inout Diagnostics) -> Theme? {
        var library = TemplateLibrary()
        var names: [String: String] = [:]
        var templateHashes: [String: Int] = [:]
        var assets: [(path: String, bytes: [UInt8])] = []
        var loadedStrings: [String: Strings] = [:]
        var stopwords: [String: Set<String>] = [:]
        let stringsPaths = Dictionary(uniqueKeysWithValues: languages.map { ("i18n/\($0).yml", $0) })
        var failed = alreadyFailed

        for (relative, bytes) in files {
            let path = joinPath(directory, relative)
            if relative.hasPrefix("i18n/stopwords-"), relative.hasSuffix(".txt") {
                let code = String(relative.dropFirst("i18n/stopwords-".count).dropLast(".txt".count))
                stopwords[code] = Set(String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
                continue
            }
            if relative.hasPrefix("assets/") {
                assets.append((String(relative.dropFirst("assets/".count)), bytes))
                continue
            }
            let isTemplate = (relative.hasPrefix("templates/") || relative.hasPrefix("partials/")) && relative.hasSuffix(".mustache")
            guard isTemplate || stringsPaths[relative] != nil else { continue }
            let text: String
            switch SourceText.decode(bytes, file: path) {
            case .success(let decoded): text = decoded
            case .failure(let diagnostic):
                diagnostics.add(diagnostic)
                failed = true
                continue
            }
            if let language = stringsPaths[relative] {
                if let table = loadStrings(text, file: path, diagnostics: &diagnostics) { loadedStrings[language] = table } else { failed = true }
                continue
            }
            let name = String((relative.split(separator: "/").last ?? Substring(relative)).dropLast(".mustache".count))
            if let other = names[name] {
                diagnostics.error(path, .start, "nama template \"\(name)\" sudah dipakai oleh \(other)")
                failed = true
                continue
            }
            names[name] = path
            templateHashes[name] = contentHash(bytes)
            do {
                library.register(try Template(text), named: name)
            } catch {
                diagnostics.error(path, SourcePosition(line: error.line, column: error.column), error.message)
                failed = true
            }
        }
        for (name, file) in names.sorted(by: { $0.key < $1.key }) {
            for reference in (library.template(named: name)?.references ?? []).sorted() where !library.contains(reference) {
                diagnostics.error(file, .start, "template \"\(name)\" memakai partial \"\(reference)\" yang tidak ada di tema")
                failed = true
            }
        }
        for name in requiredTemplates where names[name] == nil {
            diagnostics.error(joinPath(directory, "templates/\(name).mustache"), .start, "template wajib \"\(name)\" tidak ada di tema")
            failed = true
        }
        var strings: [String: Strings] = [:]
        for (index, language) in languages.enumerated() {
            let path = joinPath(directory, "i18n/\(language).yml")
            guard let table = loadedStrings[language] else {
                if !failed { diagnostics.error(path, .start, "berkas teks antarmuka untuk bahasa \"\(language)\" tidak ada") }
                failed = true
                continue
            }
            if index == 0 {
                for key in Strings.requiredKeys where table.optional(key) == nil {
                    diagnostics.error(path, .start, "kunci teks \"\(key)\" tidak ada")
                    failed = true
                }
                strings[language] = table
            } else if let defaults = loadedStrings[languages[0]] {
                // A missing translation falls back to the default language, and is named.
                var merged = table.table
                for key in defaults.table.keys.sorted() where merged[key] == nil {
                    diagnostics.warning(path, .start, "kunci teks \"\(key)\" tidak ada; memakai teks bahasa \(languages[0])")
                    merged[key] = defaults.table[key]
                }
                strings[language] = Strings(merged)
            }
        }
        guard !failed else { return nil }
        return Theme(library: library, strings: strings, assets: PublishedAsset.publish(assets), templateHashes: templateHashes, stopwords: stopwords, templateFiles: names)
    }

    /// Checks every page template, with the partials and parents it uses, against the view model
    /// it renders: each name a tag uses must be a field there (`TemplateLibrary.check`).
    func checkViews(diagnostics: inout Diagnostics) {
        // A theme kept by the build cache is checked once, not at every rebuild.
        diagnostics.add(contentsOf: viewProblems.value { self.viewProblemsFound() })
    }

    private func viewProblemsFound() -> [Diagnostic] {
        var diagnostics = Diagnostics()
        let keys = ["strings": Set(strings.values.flatMap(\.table.keys)), "assets": Set(assets.map { PublishedAsset.key($0.source) })]
        var reported = Set<TemplateFieldError>()
        for name in library.names {
            guard let shape = Subject.pageShape(ofTemplate: name) else { continue }
            // A partial's problem is reported once, with the first page template that found it.
            for problem in library.check(name, against: shape, keys: keys) where reported.insert(problem).inserted {
                diagnostics.error(file(of: problem.template) ?? problem.template, SourcePosition(line: problem.line, column: problem.column),
                                  problem.message, hint: "halaman yang dibuat dengan template \"\(name)\" tidak punya nilai itu")
            }
        }
        return diagnostics.all
    }

    /// The file a template was read from, by name (for errors at render time).
    func file(of template: String) -> String? { templateFiles[template] }

    /// Reads a flat `key: text` YAML file of UI strings.
    static func loadStrings(_ text: String, file: String, diagnostics: inout Diagnostics) -> Strings? {
        let node: YAMLNode?
        switch YAML.parse(text, file: file) {
        case .success(let parsed): node = parsed
        case .failure(let diagnostic):
            diagnostics.add(diagnostic)
            return nil
        }
        guard let entries = node?.entries else {
            diagnostics.error(file, node?.position ?? .start, "berkas i18n harus berupa pasangan kunci: teks")
            return nil
        }
        var table: [String: String] = [:]
        var ok = true
        for entry in entries {
            guard let value = entry.value.text else {
                diagnostics.error(file, entry.value.position, "teks \"\(entry.key)\" harus berupa teks, bukan \(entry.value.kindName)")
                ok = false
                continue
            }
            table[entry.key] = value
        }
        return ok ? Strings(table) : nil
    }
}

/// A value computed at most once, on first use, by whichever thread asks first.
final class Once<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var computed: Value?

    func value(_ compute: () -> Value) -> Value {
        lock.withLock {
            if let computed { return computed }
            let value = compute()
            computed = value
            return value
        }
    }
}
