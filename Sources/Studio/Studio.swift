import Content
import Foundation
import Site
import Templating

/// The studio at `/_studio/`: editors see every page's state, edit a page's front matter as
/// typed fields and its Markdown beside a live preview made by the build's own pipeline, save
/// atomically without ever overwriting an edit made elsewhere, create narratives and news,
/// add images, and record and restore versions with git.
///
/// Requests come through `handle`, checked by `StudioGuard` before anything else: the server
/// that carries them (`serve`) only converts them. Nothing of the studio is written to the
/// output folder.
public final class Studio: @unchecked Sendable {
    /// Where the studio is served.
    public static let prefix = "/_studio/"
    /// The largest image accepted, in bytes: pages are read on slow networks.
    public static let maximumImageBytes = 2 << 20

    let options: BuildOptions
    let folder: ContentFolder
    let security: StudioGuard
    let preview: SitePreview
    let history: GitHistory?

    /// A studio for the site `options` describe, guarded by `security`.
    public init(options: BuildOptions, security: StudioGuard) throws(ContentFolder.Refusal) {
        self.options = options
        folder = try ContentFolder(root: options.contentDirectory)
        self.security = security
        preview = SitePreview(options: options)
        history = GitHistory(folder: options.contentDirectory)
    }

    /// The registry's villages as last seen, for the village picker (looked up per keystroke).
    private var villages: [SitePreview.VillageEntry] = []
    private let villagesLock = NSLock()

    /// Inspects the site through `SitePreview`, keeping its villages for the picker.
    func inspect(path: String? = nil, text: String? = nil, asPublished: Bool = false) -> SitePreview.Inspection {
        let inspection = preview.inspect(path: path, text: text, asPublished: asPublished)
        if !inspection.villages.isEmpty { villagesLock.withLock { villages = inspection.villages } }
        return inspection
    }

    /// Up to `limit` villages whose code or name (with district and regency) contains `query`.
    func findVillages(_ query: String, limit: Int = 20) -> [SitePreview.VillageEntry] {
        var known = villagesLock.withLock { villages }
        if known.isEmpty { known = inspect().villages }
        let needle = query.lowercased().trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return [] }
        let digits = needle.filter(\.isNumber)
        return Array(known.lazy.filter { village in
            (!digits.isEmpty && village.kode.digits.hasPrefix(digits)) || village.nama.lowercased().contains(needle)
                || "\(village.nama) \(village.kecamatan) \(village.kabupaten)".lowercased().contains(needle)
        }.prefix(limit))
    }

    /// The path a diagnostic names for a file below `content/`.
    func display(_ relative: String) -> String {
        options.contentDirectory.hasSuffix("/") ? options.contentDirectory + relative : options.contentDirectory + "/" + relative
    }

    // MARK: Requests

    /// Answers a request for a path below `/_studio/`.
    public func handle(_ request: StudioRequest) -> StudioResponse {
        // DNS rebinding: a foreign page whose name resolves to this machine still sends its own
        // name as Host.
        guard security.hostAllowed(request.headers["host"]) else {
            return .text("421: studio hanya melayani \(security.allowedHosts.sorted().joined(separator: " atau "))", status: 421)
        }
        let route = String(request.path.dropFirst(Self.prefix.count))
        if request.method == "GET" || request.method == "HEAD" {
            switch route {
            case "studio.js": return StudioResponse(status: 200, type: "text/javascript; charset=utf-8", body: StudioAssets.script)
            case "studio.css": return StudioResponse(status: 200, type: "text/css; charset=utf-8", body: StudioAssets.style)
            default: break
            }
        }
        var session = security.session(cookie: request.cookie(StudioGuard.cookieName))
        var setCookie: [String: String] = [:]
        if route == "masuk" { return login(request, session: session) }
        if session == nil {
            guard !security.needsPassword else {
                return request.method == "GET" ? .redirect(Self.prefix + "masuk") : refuse("belum masuk", language: "id")
            }
            guard request.method == "GET" else { return refuse("sesi tidak dikenal; muat ulang studio", language: "id") }
            let started = security.startSession()
            session = started
            setCookie = ["Set-Cookie": Self.cookie(started.id)]
        }
        guard let session else { return refuse("sesi tidak dikenal", language: "id") }
        if let language = request.query["bahasa"] { security.setLanguage(language, session: session.id) }
        let language = security.language(session: session.id)
        var response: StudioResponse
        if request.method == "GET" || request.method == "HEAD" {
            response = get(route, request, language: language, token: session.token)
        } else if request.method == "POST" {
            // Every change: from the studio's own pages, with the session's token.
            guard security.originAllowed(origin: request.headers["origin"], referer: request.headers["referer"]) else {
                return refuse("asal permintaan bukan studio ini", language: language)
            }
            let token = request.headers["x-studio-token"] ?? (request.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true ? request.formFields["token"] : nil)
            guard security.tokenValid(token, session: session.id) else { return refuse("token sesi tidak ada atau salah; muat ulang halaman studio", language: language) }
            response = post(route, request, language: language)
        } else {
            response = .text("405", status: 405)
            response.headers["Allow"] = "GET, HEAD, POST"
        }
        for (name, value) in setCookie { response.headers[name] = value }
        return response
    }

    private func login(_ request: StudioRequest, session: (id: String, token: String)?) -> StudioResponse {
        let pages = StudioPages(language: security.language(session: session?.id), token: session?.token ?? "", displayPath: display)
        guard security.needsPassword else { return .redirect(Self.prefix) }
        switch request.method {
        case "GET", "HEAD":
            return .html(pages.login(failed: nil))
        case "POST":
            // No session yet, so no token: the Origin check stops another site logging a
            // browser in to this studio.
            guard security.originAllowed(origin: request.headers["origin"], referer: request.headers["referer"]) else {
                return refuse("asal permintaan bukan studio ini", language: "id")
            }
            switch security.login(password: request.formFields["sandi"] ?? "", from: request.remoteAddress) {
            case .accepted(let id):
                return .redirect(Self.prefix, headers: ["Set-Cookie": Self.cookie(id)])
            case .refused:
                return .html(pages.login(failed: "login_failed"), status: 403)
            case .tooMany(let seconds):
                return .html(pages.login(failed: "login_wait"), status: 429, headers: ["Retry-After": String(seconds)])
            }
        default:
            return .text("405", status: 405)
        }
    }

    static func cookie(_ id: String) -> String {
        "\(StudioGuard.cookieName)=\(id); Path=\(prefix); HttpOnly; SameSite=Strict"
    }

    func refuse(_ reason: String, language: String) -> StudioResponse {
        .text("403: \(StudioText.text("forbidden", language)): \(reason)", status: 403)
    }

    private func get(_ route: String, _ request: StudioRequest, language: String, token: String) -> StudioResponse {
        let pages = StudioPages(language: language, token: token, displayPath: display)
        switch route {
        case "":
            return .html(pages.overview(inspect(), query: request.query["q"] ?? "", filter: request.query["tampil"] ?? "semua", history: history != nil))
        case "sunting":
            guard let path = request.query["berkas"] else { return .text("404", status: 404) }
            do {
                guard let bytes = try folder.read(path), path.hasSuffix(".md") else { return .html(pages.message("not_found", path), status: 404) }
                let inspection = inspect()
                guard let entry = inspection.pages.first(where: { $0.path == path }) ?? Self.entry(for: path) else {
                    return .html(pages.message("not_found", path), status: 404)
                }
                let text = String(decoding: bytes, as: UTF8.self)
                return .html(pages.editor(entry, form: PageForm(text: text, kind: entry.kind), version: ContentFolder.version(of: bytes), inspection: inspection,
                                          history: history != nil))
            } catch {
                return refuse(error.description, language: language)
            }
        case "api/desa":
            let found = findVillages(request.query["q"] ?? "").map { village in
                JSONValue.object([("kode", .string(village.kode.dotted)),
                                  ("label", .string("\(village.nama) — \(village.kecamatan), \(village.kabupaten), \(village.provinsi)"))])
            }
            return .json(JSONValue.array(found).text())
        case "riwayat":
            guard let path = request.query["berkas"] else { return .text("404", status: 404) }
            do {
                _ = try folder.resolve(path)
            } catch {
                return refuse(error.description, language: language)
            }
            guard let history else { return .html(pages.message("no_git", path)) }
            let versions = history.versions(of: path)
            if let commit = request.query["versi"] {
                guard versions.contains(where: { $0.commit == commit }), let text = history.text(of: path, at: commit) else { return .html(pages.message("not_found", commit), status: 404) }
                let current = (try? folder.read(path)) ?? nil
                return .html(pages.version(path, commit: commit, text: text, currentVersion: ContentFolder.version(of: current)))
            }
            return .html(pages.history(path, versions: versions))
        default:
            return .html(pages.message("not_found", request.path), status: 404)
        }
    }

    /// A page entry for a file the inspection could not read (it has errors): its kind from its path.
    static func entry(for path: String) -> SitePreview.PageEntry? {
        guard case .success(let kind) = ContentPage.pageKind(of: path) else { return nil }
        return SitePreview.PageEntry(path: path, kind: kind)
    }

    private func post(_ route: String, _ request: StudioRequest, language: String) -> StudioResponse {
        do {
            switch route {
            case "api/pratinjau": return try previewPage(request)
            case "api/simpan": return try save(request, language: language)
            case "api/gambar": return try addImage(request)
            case "buat/desa": return try createNarrative(request, language: language)
            case "buat/berita": return try createNews(request, language: language)
            case "pulihkan": return try restore(request, language: language)
            default: return .text("404", status: 404)
            }
        } catch let refusal as ContentFolder.Refusal {
            return refuse(refusal.description, language: language)
        } catch {
            let (status, message) = (error as? StudioError).map { ($0.status, $0.message) } ?? (500, "\(error)")
            // The script reads JSON; a plain form (creating, restoring) gets a page to read.
            guard route.hasPrefix("api/") else {
                let page = StudioPages(language: language, token: "", displayPath: display)
                return .html(page.page(message, "<h1>\(HTML.escape(message))</h1><p><a href=\"\(Self.prefix)\">\(StudioText.text("back", language))</a></p>"), status: status)
            }
            return .json(JSONValue.object([("error", .string(message))]).text(), status: status)
        }
    }

    struct StudioError: Error {
        let status: Int
        let message: String
    }

    // MARK: Editing

    /// What the editing page sends: the file, the version it was opened at, the fields and the body.
    struct Edit {
        let path: String
        let base: String
        let fields: [String: FormValue]
        let body: String
        let message: String

        init(_ data: Data) throws {
            let node: JSONNode
            do {
                node = try JSONParser.parse(String(decoding: data, as: UTF8.self))
            } catch {
                throw StudioError(status: 400, message: "JSON: \(error.message)")
            }
            guard let path = node["berkas"]?.string else { throw StudioError(status: 400, message: "berkas tidak disebut") }
            self.path = path
            base = node["base"]?.string ?? ""
            body = node["body"]?.string ?? ""
            message = node["pesan"]?.string ?? ""
            var fields: [String: FormValue] = [:]
            for member in node["fields"]?.members ?? [] {
                if let text = member.value.string {
                    fields[member.key] = .text(text)
                } else if let elements = member.value.elements {
                    if FormField.control(of: member.key) == .sources {
                        fields[member.key] = .sources(elements.map { element in
                            var source: [String: String] = [:]
                            for field in element.members ?? [] { source[field.key] = field.value.string ?? "" }
                            return source.filter { !$0.value.trimmingTrailingWhitespace.isEmpty }
                        }.filter { !$0.isEmpty })
                    } else {
                        fields[member.key] = .list(elements.compactMap(\.string).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
                    }
                }
            }
            self.fields = fields
        }
    }

    /// The file an edit makes from the file on disk (or from nothing, for a file not yet there).
    func composed(_ edit: Edit) throws -> (text: String, kind: PageKind) {
        _ = try folder.resolve(edit.path)
        guard edit.path.hasSuffix(".md"), case .success(let kind) = ContentPage.pageKind(of: edit.path) else {
            throw StudioError(status: 400, message: "\(edit.path) bukan halaman Markdown")
        }
        let original = try folder.read(edit.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (PageForm(text: original, kind: kind).text(with: edit.fields, body: edit.body), kind)
    }

    private func previewPage(_ request: StudioRequest) throws -> StudioResponse {
        let edit = try Edit(request.body)
        let (text, _) = try composed(edit)
        let inspection = inspect(path: edit.path, text: text, asPublished: true)
        return .json(report(edit.path, text: text, inspection: inspection, html: inspection.html).text())
    }

    private func save(_ request: StudioRequest, language: String) throws -> StudioResponse {
        let edit = try Edit(request.body)
        let (text, _) = try composed(edit)
        switch try folder.save(edit.path, bytes: Array(text.utf8), expected: edit.base) {
        case .conflict(let disk, let version):
            return .json(JSONValue.object([("conflict", .bool(true)), ("disk", disk.map(JSONValue.string) ?? .null), ("mine", .string(text)),
                                           ("version", .string(version))]).text(), status: 409)
        case .saved(let version):
            var recorded: JSONValue = .null
            if let history, !edit.message.trimmingTrailingWhitespace.isEmpty {
                do {
                    try history.record(edit.path, message: edit.message)
                    recorded = .bool(true)
                } catch {
                    recorded = .string("\(error)")
                }
            }
            let inspection = inspect(path: edit.path, text: text)
            var report = report(edit.path, text: text, inspection: inspection, html: nil)
            if case .object(var members) = report {
                members.insert(("version", .string(version)), at: 0)
                members.append(("recorded", recorded))
                report = .object(members)
            }
            return .json(report.text())
        }
    }

    /// A file's diagnostics for the editing page, each placed at its field or body line.
    func report(_ path: String, text: String, inspection: SitePreview.Inspection, html: String?) -> JSONValue {
        let file = display(path)
        let editor = FrontMatterEditor(text)
        var here: [JSONValue] = []
        for diagnostic in inspection.diagnostics where diagnostic.file == file {
            let line = diagnostic.position.line
            let place: String = line >= editor.bodyFirstLine ? "body" : editor.key(atLine: line) ?? "frontmatter"
            here.append(.object([
                ("severity", .string(diagnostic.severity.rawValue)), ("line", .number(String(line))), ("column", .number(String(diagnostic.position.column))),
                ("field", .string(place)), ("bodyLine", .number(String(max(0, line - editor.bodyFirstLine + 1)))),
                ("message", .string(diagnostic.message)), ("hint", diagnostic.hint.map(JSONValue.string) ?? .null),
                ("text", .string(diagnostic.description)),
            ]))
        }
        let elsewhere = inspection.diagnostics.filter { $0.file != file && $0.severity == .error }.count
        return .object([("html", html.map(JSONValue.string) ?? .null), ("diagnostics", .array(here)), ("errorsElsewhere", .number(String(elsewhere)))])
    }

    // MARK: Creating

    /// Creates a narrative (a draft, from the same outline as `desmigratif new desa`) and opens it.
    private func createNarrative(_ request: StudioRequest, language: String) throws -> StudioResponse {
        let kode = request.formFields["kode"] ?? ""
        // A village that has a narrative already (a draft too) gets it opened, not a second one;
        // a code that does not parse goes on to Scaffold, which says what is wrong with it.
        if let parsed = KodeWilayah(kode),
           let existing = inspect().pages.first(where: { $0.kind == .desa && $0.kode == parsed && $0.language == nil }) {
            return .redirect(Self.prefix + "sunting?berkas=" + Self.encode(existing.path))
        }
        let file: (path: String, text: String)
        do {
            file = try Scaffold.desaFile(kode: kode, contentDirectory: options.contentDirectory, draft: true)
        } catch {
            throw StudioError(status: 400, message: error.description)
        }
        return try create(file)
    }

    /// Creates a news item (a draft, as `desmigratif new berita` does) and opens it.
    private func createNews(_ request: StudioRequest, language: String) throws -> StudioResponse {
        let fields = request.formFields
        let title = (fields["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.contains(where: \.isNewline), let date = SimpleDate(fields["date"] ?? "") else {
            throw StudioError(status: 400, message: "judul satu baris dan tanggal TTTT-BB-HH wajib diisi")
        }
        do {
            return try create(try Scaffold.beritaFile(title: title, date: date, contentDirectory: options.contentDirectory))
        } catch let refusal as Scaffold.Refusal {
            throw StudioError(status: 400, message: refusal.description)
        }
    }

    /// Writes a new file (refused if one is there) and sends the editor to it.
    private func create(_ file: (path: String, text: String)) throws -> StudioResponse {
        if case .conflict = try folder.save(file.path, bytes: Array(file.text.utf8), expected: "") {
            throw StudioError(status: 409, message: "\(file.path) sudah ada; tidak ditimpa")
        }
        return .redirect(Self.prefix + "sunting?berkas=" + Self.encode(file.path))
    }

    /// Stores an image sent as the request body under `content/gambar/`; answers its site address.
    private func addImage(_ request: StudioRequest) throws -> StudioResponse {
        let bytes = [UInt8](request.body)
        guard bytes.count <= Self.maximumImageBytes else {
            throw StudioError(status: 413, message: "gambar lebih dari \(Self.maximumImageBytes >> 20) MB; perkecil dulu")
        }
        guard let type = ImageType(bytes) else { throw StudioError(status: 415, message: "hanya gambar PNG, JPEG, WebP atau GIF yang diterima") }
        let name = request.query["nama"] ?? "gambar"
        let stem = Slug.make((name as NSString).deletingPathExtension)
        var path = "gambar/\(stem.isEmpty ? "gambar" : stem).\(type.rawValue)"
        var number = 2
        while let existing = try folder.read(path), existing != bytes {
            path = "gambar/\(stem.isEmpty ? "gambar" : stem)-\(number).\(type.rawValue)"
            number += 1
        }
        if (try folder.read(path)) == nil, case .conflict = try folder.save(path, bytes: bytes, expected: "") {
            throw StudioError(status: 409, message: "\(path) sudah ada")
        }
        return .json(JSONValue.object([("path", .string(path)), ("url", .string("/" + path))]).text())
    }

    /// The kinds of image the studio accepts, known by their first bytes, not their names.
    enum ImageType: String {
        case png, jpg, webp, gif

        init?(_ bytes: [UInt8]) {
            if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
            else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { self = .jpg }
            else if bytes.count > 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { self = .webp }
            else if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { self = .gif }
            else { return nil }
        }
    }

    // MARK: History

    private func restore(_ request: StudioRequest, language: String) throws -> StudioResponse {
        let fields = request.formFields
        guard let path = fields["berkas"], let commit = fields["versi"], let history else { throw StudioError(status: 400, message: "berkas dan versi wajib") }
        _ = try folder.resolve(path)
        guard history.versions(of: path).contains(where: { $0.commit == commit }), let text = history.text(of: path, at: commit) else {
            throw StudioError(status: 404, message: "versi \(commit) tidak ada")
        }
        switch try folder.save(path, bytes: Array(text.utf8), expected: fields["base"] ?? "") {
        case .conflict:
            throw StudioError(status: 409, message: "berkas berubah sejak halaman riwayat dibuka; buka lagi riwayatnya")
        case .saved:
            try? history.record(path, message: "\(StudioText.text("restored_version", language)) \(commit.prefix(8))")
            return .redirect(Self.prefix + "sunting?berkas=" + Self.encode(path))
        }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#?")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
