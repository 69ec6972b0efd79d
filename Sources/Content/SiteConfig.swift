/// One entry of the main menu.
public struct MenuItem: Sendable, Hashable {
    /// The label shown in the default language.
    public var name: String
    /// The site path it leads to (`/pilar/`), without a language prefix.
    public var url: String
    /// Labels in other languages, by language code (`en: Villages`).
    public var translations: [String: String] = [:]

    /// The label in `language`, or the default one.
    public func name(in language: String) -> String { translations[language] ?? name }
}

/// A language the site is published in.
public struct SiteLanguage: Sendable, Hashable {
    /// The BCP 47 code: `id`, `en`.
    public var code: String
    /// The language's name in itself, for the language switcher: "Bahasa Indonesia", "English".
    public var name: String
    /// The site title in this language, when it differs.
    public var title: String?
    /// The site description in this language, when it differs.
    public var description: String?
}

/// The site's settings, from `content/site.yml`.
public struct SiteConfig: Sendable {
    /// The site's name.
    public var title: String
    /// One sentence about the site, for the home page's meta description.
    public var description: String
    /// The absolute address the site is published at, ending in `/`.
    public var baseURL: String
    /// The languages, the default (content written without a language suffix, served at `/`) first.
    public var languages: [SiteLanguage]
    /// When on, every page says that its numbers and texts are illustrative, not official.
    public var sampleData: Bool
    /// Let editors' Markdown carry raw HTML and any link scheme. Off unless the site opts in.
    public var unsafeMarkdown: Bool
    /// The main menu, in order.
    public var menu: [MenuItem]
    /// Who publishes the site, as every page's footer names it.
    public var publisher: String = ""
    /// Where readers report an error: an address (`mailto:`, `https://`) shown in every footer.
    public var contact: String = ""
    /// How many villages a list page shows before it continues on a next page (`/tahun/<tahun>/`,
    /// `/tahun/<tahun>/halaman/2/`, …): a national registry puts some 17,000 villages in one year,
    /// three megabytes of table on a phone. The bundled site's years fit on one page.
    public var desaPerHalaman = SiteConfig.defaultDesaPerHalaman

    /// How many news items the news list shows before it continues on `/berita/halaman/2/`, …
    public var beritaPerHalaman = SiteConfig.defaultBeritaPerHalaman

    /// `desaPerHalaman` when `site.yml` does not set it.
    public static let defaultDesaPerHalaman = 500
    /// The fewest villages a list page may show: fewer splits a national year into hundreds of pages.
    public static let minimumDesaPerHalaman = 10
    /// `beritaPerHalaman` when `site.yml` does not set it, and the fewest it may be.
    public static let defaultBeritaPerHalaman = 20, minimumBeritaPerHalaman = 5

    /// The keys `site.yml` may use.
    public static let keys = ["title", "description", "base_url", "languages", "sample_data", "markdown", "menu", "publisher", "contact", "desa_per_halaman", "berita_per_halaman"]

    /// The default language's code.
    public var language: String { languages[0].code }

    /// The site title in a language.
    public func title(in language: String) -> String {
        languages.first { $0.code == language }?.title ?? title
    }

    /// The site description in a language.
    public func description(in language: String) -> String {
        languages.first { $0.code == language }?.description ?? description
    }

    /// Decodes `site.yml`, reporting every problem into `diagnostics`.
    public static func decode(_ node: YAMLNode?, file: String, diagnostics: inout Diagnostics) -> SiteConfig? {
        guard let node, let entries = node.entries else {
            diagnostics.error(file, node?.position ?? .start, "site.yml harus berupa pasangan kunci: nilai", hint: "lihat README bagian site.yml")
            return nil
        }
        var reader = FieldReader(file: file)
        var config = SiteConfig(title: "", description: "", baseURL: "", languages: [SiteLanguage(code: "id", name: "Bahasa Indonesia")],
                                sampleData: false, unsafeMarkdown: false, menu: [])
        var menuNode: YAMLNode?
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
            case "languages": config.languages = decodeLanguages(value, reader: &reader) ?? config.languages
            case "sample_data": config.sampleData = reader.bool(value, key: entry.key) ?? false
            case "publisher": config.publisher = reader.nonEmptyText(value, key: entry.key) ?? ""
            case "contact":
                if let text = reader.nonEmptyText(value, key: entry.key) {
                    if text.hasPrefix("mailto:") || text.hasPrefix("https://") || text.hasPrefix("http://") {
                        config.contact = text
                    } else {
                        reader.diagnostics.error(file, value.position, "contact harus alamat yang bisa dibuka pembaca: mailto:... atau https://...")
                    }
                }
            case "desa_per_halaman":
                config.desaPerHalaman = reader.count(value, key: entry.key, atLeast: minimumDesaPerHalaman) ?? config.desaPerHalaman
            case "berita_per_halaman":
                config.beritaPerHalaman = reader.count(value, key: entry.key, atLeast: minimumBeritaPerHalaman) ?? config.beritaPerHalaman
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
                menuNode = value
            default:
                reader.diagnostics.error(file, entry.keyPosition, "kunci tidak dikenal \"\(entry.key)\"", hint: Suggestion.hint(for: entry.key, in: keys))
            }
        }
        // The menu is read last: its per-language labels are checked against the languages.
        if let menuNode { config.menu = decodeMenu(menuNode, languages: config.languages.map(\.code), reader: &reader) }
        for key in ["title", "base_url"] where !seen.contains(key) {
            reader.diagnostics.error(file, .start, "kunci wajib \"\(key)\" tidak ada di site.yml")
        }
        diagnostics.add(contentsOf: reader.diagnostics.all)
        // Returned even with errors (which fail the build): its languages still tell translations
        // apart from misnamed pages, so one mistake in site.yml does not cascade.
        return config
    }

    private static func decodeLanguages(_ node: YAMLNode, reader: inout FieldReader) -> [SiteLanguage]? {
        guard let items = node.items, !items.isEmpty else {
            reader.diagnostics.error(reader.file, node.position, "\"languages\" harus berupa daftar bahasa, misalnya - { code: id, name: Bahasa Indonesia }")
            return nil
        }
        var languages: [SiteLanguage] = []
        let keys = ["code", "name", "title", "description"]
        for item in items {
            guard let entries = item.entries else {
                reader.diagnostics.error(reader.file, item.position, "isi languages berbentuk { code: en, name: English }")
                continue
            }
            var values: [String: String] = [:]
            for entry in entries {
                guard keys.contains(entry.key) else {
                    reader.diagnostics.error(reader.file, entry.keyPosition, "kunci tidak dikenal \"\(entry.key)\" di languages", hint: Suggestion.hint(for: entry.key, in: keys))
                    continue
                }
                values[entry.key] = reader.nonEmptyText(entry.value, key: entry.key)
            }
            guard let code = values["code"], let name = values["name"] else {
                reader.diagnostics.error(reader.file, item.position, "setiap bahasa perlu \"code\" dan \"name\"")
                continue
            }
            guard code.count >= 2, code.count <= 8, code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "-") }) else {
                reader.diagnostics.error(reader.file, item.position, "kode bahasa \"\(code)\" tidak sah", hint: "pakai kode BCP 47 huruf kecil, misalnya id atau en")
                continue
            }
            if languages.contains(where: { $0.code == code }) {
                reader.diagnostics.error(reader.file, item.position, "bahasa \"\(code)\" tercantum dua kali")
                continue
            }
            languages.append(SiteLanguage(code: code, name: name, title: values["title"], description: values["description"]))
        }
        return languages.isEmpty ? nil : languages
    }

    private static func decodeMenu(_ node: YAMLNode, languages: [String], reader: inout FieldReader) -> [MenuItem] {
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
            var translations: [String: String] = [:]
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
                    if languages.dropFirst().contains(entry.key) {
                        translations[entry.key] = reader.nonEmptyText(entry.value, key: entry.key)
                    } else {
                        reader.diagnostics.error(reader.file, entry.keyPosition, "kunci tidak dikenal \"\(entry.key)\" di menu",
                                                 hint: Suggestion.hint(for: entry.key, in: ["name", "url"] + languages.dropFirst()))
                    }
                }
            }
            if let name, let url {
                menu.append(MenuItem(name: name, url: url, translations: translations))
            } else if !reader.diagnostics.hasErrors {
                reader.diagnostics.error(reader.file, item.position, "isi menu perlu \"name\" dan \"url\"")
            }
        }
        return menu
    }
}
