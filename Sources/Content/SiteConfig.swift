/// One entry of the main menu.
public struct MenuItem: Sendable, Hashable {
    /// The label shown.
    public var name: String
    /// The site path it leads to (`/pilar/`).
    public var url: String
}

/// The site's settings, from `content/site.yml`.
public struct SiteConfig: Sendable {
    /// The site's name.
    public var title: String
    /// One sentence about the site, for the home page's meta description.
    public var description: String
    /// The absolute address the site is published at, ending in `/`.
    public var baseURL: String
    /// The language code of the content (`id`).
    public var language: String
    /// When on, every page says that its numbers and texts are illustrative, not official.
    public var sampleData: Bool
    /// Let editors' Markdown carry raw HTML and any link scheme. Off unless the site opts in.
    public var unsafeMarkdown: Bool
    /// The main menu, in order.
    public var menu: [MenuItem]

    /// The keys `site.yml` may use.
    public static let keys = ["title", "description", "base_url", "language", "sample_data", "markdown", "menu"]

    /// Decodes `site.yml`, reporting every problem.
    public static func decode(_ node: YAMLNode?, file: String, diagnostics: inout Diagnostics) -> SiteConfig? {
        guard let node, let entries = node.entries else {
            diagnostics.error(file, node?.position ?? .start, "site.yml harus berupa pasangan kunci: nilai", hint: "lihat README bagian site.yml")
            return nil
        }
        var reader = FieldReader(file: file)
        var config = SiteConfig(title: "", description: "", baseURL: "", language: "id", sampleData: false, unsafeMarkdown: false, menu: [])
        var seen = Set<String>()
        for entry in entries {
            seen.insert(entry.key)
            let value = entry.value
            switch entry.key {
            case "title": config.title = reader.nonEmptyText(value, key: entry.key) ?? ""
            case "description": config.description = reader.nonEmptyText(value, key: entry.key) ?? ""
            case "base_url":
                if let text = reader.nonEmptyText(value, key: entry.key) {
                    if text.hasPrefix("https://") || text.hasPrefix("http://") {
                        config.baseURL = text.hasSuffix("/") ? text : text + "/"
                    } else {
                        reader.diagnostics.error(file, value.position, "base_url harus alamat lengkap, misalnya https://desmigratif.example/")
                    }
                }
            case "language": config.language = reader.nonEmptyText(value, key: entry.key) ?? "id"
            case "sample_data": config.sampleData = reader.bool(value, key: entry.key) ?? false
            case "markdown":
                guard let options = value.entries else {
                    reader.diagnostics.error(file, value.position, "\"markdown\" harus berupa pemetaan, misalnya markdown: { unsafe: false }")
                    continue
                }
                for option in options {
                    if option.key == "unsafe" {
                        config.unsafeMarkdown = reader.bool(option.value, key: "unsafe") ?? false
                    } else {
                        reader.diagnostics.error(file, option.keyPosition, "kunci tidak dikenal \"\(option.key)\" di \"markdown\"", hint: Suggestion.hint(for: option.key, in: ["unsafe"]))
                    }
                }
            case "menu":
                config.menu = decodeMenu(value, reader: &reader)
            default:
                reader.diagnostics.error(file, entry.keyPosition, "kunci tidak dikenal \"\(entry.key)\"", hint: Suggestion.hint(for: entry.key, in: keys))
            }
        }
        for key in ["title", "base_url"] where !seen.contains(key) {
            reader.diagnostics.error(file, .start, "kunci wajib \"\(key)\" tidak ada di site.yml")
        }
        diagnostics.add(contentsOf: reader.diagnostics.all)
        return reader.diagnostics.hasErrors ? nil : config
    }

    private static func decodeMenu(_ node: YAMLNode, reader: inout FieldReader) -> [MenuItem] {
        guard let items = node.items else {
            reader.diagnostics.error(reader.file, node.position, "\"menu\" harus berupa daftar, bukan \(node.kindName)")
            return []
        }
        var menu: [MenuItem] = []
        for item in items {
            guard let entries = item.entries else {
                reader.diagnostics.error(reader.file, item.position, "isi menu berbentuk { name: ..., url: ... }")
                continue
            }
            var name: String?, url: String?
            for entry in entries {
                switch entry.key {
                case "name": name = reader.nonEmptyText(entry.value, key: "name")
                case "url":
                    url = reader.nonEmptyText(entry.value, key: "url")
                    if let link = url, !link.hasPrefix("/") {
                        reader.diagnostics.error(reader.file, entry.value.position, "url menu harus alamat di situs ini, diawali /")
                        url = nil
                    }
                default:
                    reader.diagnostics.error(reader.file, entry.keyPosition, "kunci tidak dikenal \"\(entry.key)\" di menu", hint: Suggestion.hint(for: entry.key, in: ["name", "url"]))
                }
            }
            if let name, let url {
                menu.append(MenuItem(name: name, url: url))
            } else if !entries.isEmpty, name == nil || url == nil, !reader.diagnostics.hasErrors {
                reader.diagnostics.error(reader.file, item.position, "isi menu perlu \"name\" dan \"url\"")
            }
        }
        return menu
    }
}
