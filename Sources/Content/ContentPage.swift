/// A Markdown file under `content/`, with its front matter decoded and checked.
public struct ContentPage: Sendable {
    /// The path below `content/`, with `/` separators: `desa/kenanga.md`, or `tentang.en.md`
    /// for a translation.
    public let relativePath: String
    /// The language of a translation (`tentang.en.md` → `en`); nil for the default language.
    public let language: String?
    /// The path of the page this file is (or translates): `tentang.md` for `tentang.en.md`.
    public var basePath: String {
        guard let language else { return relativePath }
        return String(relativePath.dropLast(".\(language).md".count)) + ".md"
    }
    /// The path shown in diagnostics: `content/desa/kenanga.md`.
    public let file: String
    /// What kind of page it is.
    public let kind: PageKind
    /// Its front matter.
    public var frontMatter: FrontMatter
    /// The Markdown body (empty in a page let go of by `withoutBody`).
    public private(set) var body: String
    /// The file line the body starts on.
    public let bodyFirstLine: Int

    /// The page without its Markdown body: for a build that has rendered the bodies and will
    /// not read them again, so that a national site does not hold them all (70 MB) to its end.
    public func withoutBody() -> ContentPage {
        var page = self
        page.body = ""
        return page
    }

    /// The last URL segment: the front matter's `slug`, or the file name made safe.
    public var slug: String {
        if let slug = frontMatter.slug { return slug }
        let name = basePath.split(separator: "/").last.map(String.init) ?? basePath
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let slug = Slug.make(stem)
        return slug.isEmpty ? "halaman" : slug
    }

    /// The directories between `content/` and the file.
    public var directories: [String] {
        basePath.split(separator: "/").dropLast().map { Slug.make(String($0)) }
    }

    /// Decides the kind of page a path makes, or explains why the path is not allowed.
    public static func pageKind(of relativePath: String) -> Result<PageKind, PagePathError> {
        // Split on bytes: a `Character` walk of every page's path cost more than the rest.
        let parts = relativePath.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
        let name = parts.last ?? ""
        let isIndex = name == "_index.md"
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        switch parts.count {
        case 1:
            return .success(isIndex ? .home : .halaman)
        case 2:
            let section = parts[0]
            if isIndex { return .success(.bagian(section)) }
            switch section {
            case "pilar":
                // Any page here is a pillar: pillars are content, not code.
                guard Slug.make(stem) == stem else {
                    let translation = stem.contains(".") ? "; terjemahan (misalnya nama-pilar.en.md) perlu bahasanya tercantum di languages pada site.yml" : ""
                    return .failure(PagePathError(message: "nama berkas halaman pilar menjadi alamatnya: pakai huruf kecil, angka dan tanda hubung (misalnya nama-pilar.md)\(translation)"))
                }
                return .success(.pilar(stem))
            case "desa": return .success(.desa)
            case "berita": return .success(.berita)
            default: return .success(.halaman)
            }
        default:
            return .success(isIndex ? .bagian(parts.dropLast().joined(separator: "/")) : .halaman)
        }
    }

    /// The language suffix of a file name (`tentang.en.md` → `en`) when it is one of `languages`.
    public static func languageSuffix(of relativePath: String, languages: [String]) -> String? {
        // On bytes, as `pageKind`: every page's path is asked.
        guard relativePath.hasSuffix(".md") else { return nil }
        let stem = relativePath.utf8.dropLast(3)
        guard let dot = stem.lastIndex(of: UInt8(ascii: ".")), !stem[dot...].contains(UInt8(ascii: "/")) else { return nil }
        let code = String(decoding: stem[stem.index(after: dot)...], as: UTF8.self)
        return languages.contains(code) ? code : nil
    }

    /// A suffix that looks like a language code (`tentang.en.md` → `en`), for when the site's
    /// languages are not known.
    public static func guessedLanguageSuffix(of relativePath: String) -> String? {
        guard relativePath.hasSuffix(".md") else { return nil }
        let stem = relativePath.dropLast(3)
        guard let dot = stem.lastIndex(of: "."), !stem[dot...].contains("/") else { return nil }
        let code = stem[stem.index(after: dot)...]
        return (2...3).contains(code.count) && code.allSatisfy({ $0.isASCII && $0.isLowercase }) ? String(code) : nil
    }

    /// Parses a content file; nil when it cannot be used (diagnostics say why). `languages` are
    /// the codes of the site's other languages, whose suffix marks a translation.
    public static func parse(relativePath: String, file: String, text: String, languages: [String] = [], diagnostics: inout Diagnostics) -> ContentPage? {
        let language = languageSuffix(of: relativePath, languages: languages)
        let basePath = language.map { String(relativePath.dropLast(".\($0).md".count)) + ".md" } ?? relativePath
        let kind: PageKind
        switch pageKind(of: basePath) {
        case .success(let found): kind = found
        case .failure(let error):
            diagnostics.error(file, .start, error.message)
            return nil
        }
        let parts: FrontMatterSplitter.Parts
        switch FrontMatterSplitter.split(text, file: file) {
        case .success(let split): parts = split
        case .failure(let diagnostic):
            diagnostics.add(diagnostic)
            return nil
        }
        var yaml: YAMLNode?
        if let text = parts.yaml {
            switch YAML.parse(text, file: file, firstLine: parts.yamlFirstLine) {
            case .success(let node): yaml = node
            case .failure(let diagnostic):
                diagnostics.add(diagnostic)
                return nil
            }
        }
        var local = Diagnostics()
        let matter = FrontMatter.decode(yaml, kind: kind, file: file, diagnostics: &local)
        diagnostics.add(contentsOf: local.all)
        guard !local.hasErrors else { return nil }
        return ContentPage(relativePath: relativePath, language: language, file: file, kind: kind, frontMatter: matter, body: parts.body, bodyFirstLine: parts.bodyFirstLine)
    }
}

/// Why a file's place under `content/` cannot make a page.
public struct PagePathError: Error, Sendable {
    /// What is wrong, for the editor.
    public let message: String
}
