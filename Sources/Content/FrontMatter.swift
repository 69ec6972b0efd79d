/// What kind of page a Markdown file makes, decided by where it sits under `content/`.
public enum PageKind: Sendable, Hashable {
    /// `content/_index.md`: the home page.
    case home
    /// `content/<section>/_index.md`: the text at the top of a section's list page.
    case bagian(String)
    /// `content/pilar/<id>.md`: a pillar of the program, `<id>` its slug.
    case pilar(String)
    /// `content/desa/<name>.md`: a village narrative, joined to the registry by `kode`.
    case desa
    /// `content/berita/<name>.md`: a dated news item, in the feed.
    case berita
    /// Any other Markdown file: a plain page.
    case halaman
}

/// The front matter of a content page, decoded and checked against the keys its kind allows.
public struct FrontMatter: Sendable {
    /// The page title.
    public var title: String?
    /// Publication date (required for news).
    public var date: SimpleDate?
    /// Drafts are not published.
    public var draft = false
    /// Sort weight in lists; lower comes first.
    public var weight = 0
    /// A short summary for lists and the feed; the first paragraph is used when absent.
    public var summary: String?
    /// The meta description for search engines and link previews.
    public var description: String?
    /// Old URLs that should redirect here.
    public var aliases: [String] = []
    /// The slugs of the pillars a page is about, with where each is written (checked against
    /// the pillar pages once all pages are read).
    public var pilar: [(id: String, position: SourcePosition)] = []
    /// A pillar page's main indicator: the id of the indicator that stands for it in charts
    /// with one line per region (checked against the data package once it is read).
    public var indikatorUtama: String?
    /// The sources the page cites (`sumber:`), each with where it is declared.
    public var sumber: [(source: DataSource, position: SourcePosition)] = []
    /// Whether the page's text is illustrative rather than a record of fact (`ilustrasi: true`):
    /// it is then marked as such where it stands.
    public var ilustrasi = false
    /// The village's Kemendagri code (village pages only).
    public var kode: KodeWilayah?
    /// The last part of the URL, when it should differ from the file name.
    public var slug: String?
    /// Force the table of contents on (`true`) or off (`false`); by default long pages get one.
    public var toc: Bool?
    /// Where each key was written, so later checks (an unknown `kode`) can point at it.
    public var keyPositions: [String: SourcePosition] = [:]

    /// Creates empty front matter.
    public init() {}

    /// The keys a page of `kind` may use.
    public static func allowedKeys(for kind: PageKind) -> [String] {
        let common = ["title", "description", "summary", "date", "draft", "weight", "aliases", "toc", "sumber", "ilustrasi"]
        switch kind {
        case .home: return ["title", "description", "summary", "sumber", "ilustrasi"]
        case .bagian: return common
        case .pilar: return common + ["indikator_utama"]
        case .desa: return common + ["kode"]
        case .berita: return common + ["pilar", "slug"]
        case .halaman: return common + ["pilar", "slug"]
        }
    }

    /// The keys a page of `kind` must have.
    public static func requiredKeys(for kind: PageKind) -> [String] {
        switch kind {
        case .desa: return ["kode"]
        case .berita: return ["title", "date"]
        default: return ["title"]
        }
    }

    /// Decodes a front matter mapping, reporting every problem into `diagnostics`.
    public static func decode(_ node: YAMLNode?, kind: PageKind, file: String, diagnostics: inout Diagnostics) -> FrontMatter {
        var matter = FrontMatter()
        let allowed = allowedKeys(for: kind)
        var reader = FieldReader(file: file)
        if let node {
            guard let entries = node.entries else {
                diagnostics.error(file, node.position, "front matter harus berupa pasangan kunci: nilai, bukan \(node.kindName)")
                return matter
            }
            for entry in entries {
                matter.keyPositions[entry.key] = entry.keyPosition
                guard allowed.contains(entry.key) else {
                    diagnostics.error(file, entry.keyPosition, "kunci tidak dikenal \"\(entry.key)\"", hint: Suggestion.hint(for: entry.key, in: allowed))
                    continue
                }
                let value = entry.value
                switch entry.key {
                case "title": matter.title = reader.nonEmptyText(value, key: entry.key)
                case "description": matter.description = reader.nonEmptyText(value, key: entry.key)
                case "summary": matter.summary = reader.nonEmptyText(value, key: entry.key)
                case "date": matter.date = reader.date(value, key: entry.key)
                case "draft": matter.draft = reader.bool(value, key: entry.key) ?? false
                case "toc": matter.toc = reader.bool(value, key: entry.key)
                case "weight": matter.weight = reader.integer(value, key: entry.key) ?? 0
                case "aliases": matter.aliases = reader.textList(value, key: entry.key).compactMap { reader.alias($0) }
                case "pilar": matter.pilar = reader.textList(value, key: entry.key).map { (id: $0.0, position: $0.1) }
                case "indikator_utama": matter.indikatorUtama = reader.nonEmptyText(value, key: entry.key)
                case "sumber": matter.sumber = reader.sources(value)
                case "ilustrasi": matter.ilustrasi = reader.bool(value, key: entry.key) ?? false
                case "kode": matter.kode = reader.kode(value, key: entry.key)
                case "slug":
                    if let text = reader.nonEmptyText(value, key: entry.key) {
                        // A slug is one URL segment: anything path-like ("../../etc", "a/b") is
                        // refused rather than quietly rewritten.
                        let slug = Slug.make(text)
                        if slug == text {
                            matter.slug = slug
                        } else {
                            reader.diagnostics.error(file, value.position, "slug \"\(text)\" hanya boleh berisi huruf kecil, angka dan tanda hubung",
                                                     hint: slug.isEmpty ? "misalnya slug: kabar-desa" : "misalnya slug: \(slug)")
                        }
                    }
                default: break
                }
            }
        }
        for key in requiredKeys(for: kind) where matter.keyPositions[key] == nil {
            diagnostics.error(file, .start, "kunci wajib \"\(key)\" tidak ada di front matter", hint: requiredHint(key, kind: kind))
        }
        diagnostics.add(contentsOf: reader.diagnostics.all)
        return matter
    }

    private static func requiredHint(_ key: String, kind: PageKind) -> String {
        switch key {
        case "kode": return "tulis kode Kemendagri desa, misalnya kode: \"32.12.16.2004\""
        case "date": return "tulis tanggal terbit, misalnya date: 2024-05-22"
        default: return "tambahkan baris \(key): ... di antara dua garis ---"
        }
    }
}

/// Reads typed values out of YAML nodes, recording a diagnostic for every value of the wrong shape.
struct FieldReader {
    let file: String
    var diagnostics = Diagnostics()

    init(file: String) {
        self.file = file
    }

    mutating func text(_ node: YAMLNode, key: String) -> String? {
        if let text = node.text { return text }
        if node.isNull { return nil }
        diagnostics.error(file, node.position, "\"\(key)\" harus berupa teks, bukan \(node.kindName)")
        return nil
    }

    mutating func nonEmptyText(_ node: YAMLNode, key: String) -> String? {
        guard let text = text(node, key: key) else {
            if node.isNull { diagnostics.error(file, node.position, "\"\(key)\" tidak boleh kosong") }
            return nil
        }
        if let problem = TextProblem.check(text, key: key, allowLineBreaks: true) {
            diagnostics.error(file, node.position, problem.message, hint: problem.hint)
            return nil
        }
        return text
    }

    mutating func bool(_ node: YAMLNode, key: String) -> Bool? {
        guard let text = text(node, key: key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "ya": return true
        case "false", "no", "tidak": return false
        default:
            diagnostics.error(file, node.position, "\"\(key)\" harus true atau false, bukan \"\(text)\"")
            return nil
        }
    }

    mutating func integer(_ node: YAMLNode, key: String) -> Int? {
        guard let text = text(node, key: key) else { return nil }
        guard let number = Int(text) else {
            diagnostics.error(file, node.position, "\"\(key)\" harus bilangan bulat, bukan \"\(text)\"")
            return nil
        }
        return number
    }

    /// A whole number of at least `minimum` (how many items a page shows).
    mutating func count(_ node: YAMLNode, key: String, atLeast minimum: Int) -> Int? {
        guard let number = integer(node, key: key) else { return nil }
        guard number >= minimum else {
            diagnostics.error(file, node.position, "\(key) paling sedikit \(minimum), bukan \(number)")
            return nil
        }
        return number
    }

    mutating func date(_ node: YAMLNode, key: String) -> SimpleDate? {
        guard let text = text(node, key: key) else { return nil }
        guard let date = SimpleDate(text) else {
            diagnostics.error(file, node.position, "\"\(key)\" bukan tanggal yang sah: \"\(text)\"", hint: "tulis tanggal sebagai TTTT-BB-HH, misalnya 2024-05-22")
            return nil
        }
        return date
    }

    mutating func textList(_ node: YAMLNode, key: String) -> [(String, SourcePosition)] {
        if let text = node.text { return [(text, node.position)] }
        guard let items = node.items else {
            if !node.isNull { diagnostics.error(file, node.position, "\"\(key)\" harus berupa daftar teks, bukan \(node.kindName)") }
            return []
        }
        var result: [(String, SourcePosition)] = []
        for item in items {
            if let text = item.text {
                result.append((text, item.position))
            } else {
                diagnostics.error(file, item.position, "isi \"\(key)\" harus berupa teks, bukan \(item.kindName)")
            }
        }
        return result
    }

    /// The keys of one source in `sumber:`.
    static let sourceKeys = ["id", "title", "publisher", "date", "url"]

    /// `sumber:`: a list of sources, each `{id, title, publisher?, date?, url?}`; ids unique slugs,
    /// addresses `http(s)://` or a site path.
    mutating func sources(_ node: YAMLNode) -> [(source: DataSource, position: SourcePosition)] {
        guard let items = node.items else {
            if !node.isNull { diagnostics.error(file, node.position, "\"sumber\" harus berupa daftar sumber, bukan \(node.kindName)", hint: "tulis setiap sumber sebagai - id: ..., title: ...") }
            return []
        }
        var result: [(source: DataSource, position: SourcePosition)] = []
        var seen: [String: SourcePosition] = [:]
        for item in items {
            guard let entries = item.entries else {
                diagnostics.error(file, item.position, "setiap sumber harus berupa pasangan kunci: nilai (id, title, publisher, date, url), bukan \(item.kindName)")
                continue
            }
            var source = DataSource(title: "")
            var ok = true
            for entry in entries {
                guard Self.sourceKeys.contains(entry.key) else {
                    diagnostics.error(file, entry.keyPosition, "kunci sumber tidak dikenal \"\(entry.key)\"", hint: Suggestion.hint(for: entry.key, in: Self.sourceKeys))
                    ok = false
                    continue
                }
                switch entry.key {
                case "id":
                    guard let id = nonEmptyText(entry.value, key: "id") else { ok = false; continue }
                    guard Slug.make(id) == id else {
                        diagnostics.error(file, entry.value.position, "id sumber \"\(id)\" hanya boleh berisi huruf kecil, angka dan tanda hubung",
                                          hint: Slug.make(id).isEmpty ? nil : "misalnya id: \(Slug.make(id))")
                        ok = false
                        continue
                    }
                    if let first = seen[id] {
                        diagnostics.error(file, entry.value.position, "id sumber \"\(id)\" sudah dipakai di baris \(first.line)")
                        ok = false
                    }
                    seen[id] = seen[id] ?? entry.value.position
                    source.id = id
                case "title": source.title = nonEmptyText(entry.value, key: "title") ?? ""
                case "publisher": source.publisher = nonEmptyText(entry.value, key: "publisher")
                case "date":
                    source.date = date(entry.value, key: "date")
                    if source.date == nil { ok = false }
                case "url":
                    guard let url = nonEmptyText(entry.value, key: "url") else { ok = false; continue }
                    guard url.hasPrefix("https://") || url.hasPrefix("http://") || (url.hasPrefix("/") && !url.contains("..")) else {
                        diagnostics.error(file, entry.value.position, "\"url\" sumber harus alamat web lengkap (https://...) atau alamat di situs ini (/...), bukan \"\(url)\"")
                        ok = false
                        continue
                    }
                    source.path = url
                default: break
                }
            }
            for key in ["id", "title"] where !entries.contains(where: { $0.key == key }) {
                diagnostics.error(file, item.position, "sumber tidak punya kunci wajib \"\(key)\"",
                                  hint: key == "id" ? "id dipakai untuk mengutip sumber di teks: [@id]" : "title: judul berita, laporan atau dokumennya")
                ok = false
            }
            if ok, !source.title.isEmpty { result.append((source, item.position)) }
        }
        return result
    }

    /// An alias is a site path: it must start with `/` and may not climb out of the site.
    mutating func alias(_ entry: (String, SourcePosition)) -> String? {
        let path = entry.0
        let segments = path.split(separator: "/")
        guard path.hasPrefix("/"), !segments.contains(".."), !segments.contains("."), !path.contains("\\"),
              !segments.isEmpty, segments.allSatisfy({ Slug.make(String($0)) == $0 })
        else {
            diagnostics.error(file, entry.1, "alias \"\(path)\" bukan alamat yang sah di situs ini", hint: "alias diawali / dan hanya memakai huruf kecil, angka dan tanda hubung, misalnya /desa/kenanga/")
            return nil
        }
        return "/" + segments.joined(separator: "/") + "/"
    }

    mutating func kode(_ node: YAMLNode, key: String) -> KodeWilayah? {
        guard let text = text(node, key: key) else { return nil }
        guard let kode = KodeWilayah(text), kode.digits.count == 10 else {
            diagnostics.error(file, node.position, "\"\(text)\" bukan kode desa Kemendagri yang sah", hint: "kode desa berbentuk PP.KK.CC.DDDD, misalnya \"32.12.16.2004\" (bukan kode BPS)")
            return nil
        }
        return kode
    }
}

/// Splits a Markdown file into its YAML front matter and body.
public enum FrontMatterSplitter {
    /// The parts of a content file.
    public struct Parts: Sendable {
        /// The YAML between the `---` lines, if the file has front matter.
        public var yaml: String?
        /// The line the YAML starts on (2 when there is front matter).
        public var yamlFirstLine: Int
        /// The Markdown after the front matter.
        public var body: String
        /// The line the body starts on.
        public var bodyFirstLine: Int
    }

    /// Splits `text`. Front matter starts with a `---` line and ends with the next `---` line.
    /// Only the front matter's lines are walked; the body is sliced off as it is.
    public static func split(_ text: String, file: String) -> Result<Parts, Diagnostic> {
        let utf8 = text.utf8
        /// The end of the line starting at `start` (its newline, or the end of the text).
        func lineEnd(from start: String.Index) -> String.Index {
            utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        }
        func isFence(_ start: String.Index, _ end: String.Index) -> Bool {
            var line = text[start..<end].utf8[...]
            while let last = line.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\r") || last == UInt8(ascii: "\t") { line = line.dropLast() }
            return line.elementsEqual("---".utf8)
        }
        let firstEnd = lineEnd(from: text.startIndex)
        guard isFence(text.startIndex, firstEnd), firstEnd < text.endIndex else {
            if isFence(text.startIndex, firstEnd) {
                return .failure(Diagnostic(file: file, at: .start, "front matter tidak ditutup", hint: "tambahkan baris --- setelah kunci terakhir front matter"))
            }
            return .success(Parts(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1))
        }
        let yamlStart = utf8.index(after: firstEnd)
        var lineStart = yamlStart
        var line = 2
        while lineStart < text.endIndex {
            let end = lineEnd(from: lineStart)
            if isFence(lineStart, end) {
                let yaml = String(text[yamlStart..<(lineStart == yamlStart ? yamlStart : utf8.index(before: lineStart))])
                let body = end < text.endIndex ? String(text[utf8.index(after: end)...]) : ""
                return .success(Parts(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: line + 1))
            }
            guard end < text.endIndex else { break }
            lineStart = utf8.index(after: end)
            line += 1
        }
        return .failure(Diagnostic(
            file: file, at: .start, "front matter tidak ditutup",
            hint: "tambahkan baris --- setelah kunci terakhir front matter"
        ))
    }
}

/// What is wrong with a text value an editor wrote, if anything: empty, or carrying invisible
/// control characters that would corrupt HTML, XML feeds or CSV.
struct TextProblem {
    let message: String
    let hint: String?

    static func check(_ text: String, key: String, allowLineBreaks: Bool) -> TextProblem? {
        // A visible ASCII first byte settles emptiness without Character breaking (a registry
        // has hundreds of thousands of cells).
        let visibleStart = text.utf8.first.map { $0 > 0x20 && $0 < 0x7F } ?? false
        if !visibleStart, text.allSatisfy(\.isWhitespace) {
            return TextProblem(message: "\"\(key)\" tidak boleh kosong", hint: nil)
        }
        // General category Cc is exactly U+0000–001F and U+007F–009F.
        func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) }
        if let bad = text.unicodeScalars.first(where: { isControl($0) && !(allowLineBreaks && ($0 == "\n" || $0 == "\t")) }) {
            return TextProblem(message: "\"\(key)\" berisi karakter kendali U+\(String(bad.value, radix: 16, uppercase: true))",
                               hint: "hapus karakter tak terlihat itu dari teks")
        }
        return nil
    }
}
