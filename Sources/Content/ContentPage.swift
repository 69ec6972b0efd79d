/// A Markdown file under `content/`, with its front matter decoded and checked.
public struct ContentPage: Sendable {
    /// The path below `content/`, with `/` separators: `desa/kenanga.md`.
    public let relativePath: String
    /// The path shown in diagnostics: `content/desa/kenanga.md`.
    public let file: String
    /// What kind of page it is.
    public let kind: PageKind
    /// Its front matter.
    public let frontMatter: FrontMatter
    /// The Markdown body.
    public let body: String
    /// The file line the body starts on.
    public let bodyFirstLine: Int

    /// The last URL segment: the front matter's `slug`, or the file name made safe.
    public var slug: String {
        if let slug = frontMatter.slug { return slug }
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let slug = Slug.make(stem)
        return slug.isEmpty ? "halaman" : slug
    }

    /// The directories between `content/` and the file.
    public var directories: [String] {
        relativePath.split(separator: "/").dropLast().map { Slug.make(String($0)) }
    }

    /// Decides the kind of page a path makes, or explains why the path is not allowed.
    public static func pageKind(of relativePath: String) -> Result<PageKind, PagePathError> {
        let parts = relativePath.split(separator: "/").map(String.init)
        let name = parts.last ?? ""
        let isIndex = name == "_index.md"
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        switch parts.count {
        case 1:
            return .success(isIndex ? .home : .halaman)
        case 2:
            let section = parts[0]
            if isIndex { return .success(.section(section)) }
            switch section {
            case "pilar":
                guard let pilar = Pilar(rawValue: stem) else {
                    return .failure(PagePathError(message: "halaman pilar harus bernama menurut salah satu pilar: \(Pilar.ids.map { "\($0).md" }.joined(separator: ", "))"))
                }
                return .success(.pilar(pilar))
            case "desa": return .success(.desa)
            case "berita": return .success(.berita)
            default: return .success(.halaman)
            }
        default:
            return .success(isIndex ? .section(parts.dropLast().joined(separator: "/")) : .halaman)
        }
    }

    /// Parses a content file; nil when it cannot be used (diagnostics say why).
    public static func parse(relativePath: String, file: String, text: String, diagnostics: inout Diagnostics) -> ContentPage? {
        let kind: PageKind
        switch pageKind(of: relativePath) {
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
        return ContentPage(relativePath: relativePath, file: file, kind: kind, frontMatter: matter, body: parts.body, bodyFirstLine: parts.bodyFirstLine)
    }
}

/// Why a file's place under `content/` cannot make a page.
public struct PagePathError: Error, Sendable {
    /// What is wrong, for the editor.
    public let message: String
}
