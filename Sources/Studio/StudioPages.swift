import Content
import Foundation
import Site
import Templating

/// The studio's HTML pages, written on the server so they work, and are read by screen
/// readers, before any script runs; `studio.js` adds the live preview, saving and drafts.
struct StudioPages {
    let language: String
    /// The session's token, put into every form and read by the script.
    let token: String
    /// How diagnostics name a file below `content/` (`content/desa/kenanga.md`).
    let displayPath: (String) -> String

    /// Rows shown per table before a search is needed (a national registry has 84,000 villages).
    static let rowLimit = 200

    func t(_ key: String) -> String { StudioText.text(key, language) }
    func e(_ text: String) -> String { HTML.escape(text) }

    func page(_ title: String, _ main: String, script: Bool = false) -> String {
        let other = language == "en" ? "id" : "en"
        return """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="studio-token" content="\(token)">
        <title>\(e(title)) · \(t("studio"))</title>
        <link rel="stylesheet" href="\(Studio.prefix)studio.css">
        \(script ? "<script src=\"\(Studio.prefix)studio.js\" defer></script>" : "")
        </head>
        <body>
        <a class="lewati" href="#isi">\(t("skip"))</a>
        <header class="kepala"><a href="\(Studio.prefix)">\(t("studio"))</a>
        <nav aria-label="\(t("studio"))"><a href="\(Studio.prefix)">\(t("overview"))</a> <a href="/">\(e("Situs"))</a> <a href="?bahasa=\(other)" lang="\(other)">\(t("other_language"))</a></nav></header>
        <main id="isi">
        \(main)
        </main>
        </body>
        </html>

        """
    }

    func message(_ key: String, _ detail: String) -> String {
        page(t(key), "<h1>\(t(key))</h1><p><code>\(e(detail))</code></p><p><a href=\"\(Studio.prefix)\">\(t("back"))</a></p>")
    }

    // MARK: Overview

    func overview(_ inspection: SitePreview.Inspection, query: String, filter: String, history: Bool) -> String {
        let errors = Dictionary(grouping: inspection.diagnostics, by: \.file)
        let translated = Set(inspection.pages.compactMap { $0.language == nil ? nil : $0.path })
        let others = inspection.languages.dropFirst()
        func missingTranslations(_ entry: SitePreview.PageEntry) -> [String] {
            guard entry.language == nil else { return [] }
            let stem = String(entry.path.dropLast(3))
            return others.filter { !translated.contains("\(stem).\($0).md") }
        }
        let needle = query.lowercased().trimmingCharacters(in: .whitespaces)
        let villageByKode = Dictionary(inspection.villages.map { ($0.kode, $0) }, uniquingKeysWith: { a, _ in a })
        func name(_ entry: SitePreview.PageEntry) -> String {
            entry.title ?? entry.kode.flatMap { villageByKode[$0]?.nama } ?? entry.path
        }
        func matches(_ texts: [String]) -> Bool { needle.isEmpty || texts.contains { $0.lowercased().contains(needle) } }

        var main = "<h1>\(t("overview"))</h1>\n"
        let errorCount = inspection.diagnostics.filter { $0.severity == .error }.count
        main += errorCount > 0 ? "<p class=\"gagal\" role=\"alert\">\(t("site_errors")): \(errorCount).</p>\n" : "<p class=\"baik\">\(t("site_ok"))</p>\n"
        main += """
        <form class="saring" method="get" action="\(Studio.prefix)">
        <label for="q">\(t("search_label"))</label> <input id="q" name="q" type="search" value="\(e(query))">
        <label for="tampil">\(t("filter_label"))</label>
        <select id="tampil" name="tampil">\([("semua", "filter_all"), ("draf", "filter_draft"), ("terjemahan", "filter_untranslated"), ("masalah", "filter_problems"), ("tanpa-uraian", "filter_missing")]
            .map { "<option value=\"\($0.0)\"\($0.0 == filter ? " selected" : "")>\(t($0.1))</option>" }.joined())</select>
        <button type="submit">\(t("apply"))</button>
        </form>

        """
        if filter != "tanpa-uraian" {
            let rows = inspection.pages.filter { entry in
                let file = errors[display(entry.path)] ?? []
                switch filter {
                case "draf": if !entry.draft { return false }
                case "terjemahan": if missingTranslations(entry).isEmpty { return false }
                case "masalah": if file.isEmpty { return false }
                default: break
                }
                return matches([entry.path, name(entry), entry.kode?.dotted ?? "", entry.kode?.digits ?? ""])
            }
            main += "<h2 id=\"halaman\">\(t("pages")) (\(rows.count))</h2>\n"
            main += table(["file", "title", "state", "actions"], rows.prefix(Self.rowLimit).map { entry in
                let file = errors[display(entry.path)] ?? []
                var state: [String] = [entry.draft ? "<span class=\"tanda draf\">\(t("draft"))</span>" : "<span class=\"tanda\">\(t("published"))</span>"]
                let missing = missingTranslations(entry)
                if !missing.isEmpty { state.append("<span class=\"tanda terjemahan\">\(t("untranslated")) (\(missing.joined(separator: ", ")))</span>") }
                let errorsHere = file.filter { $0.severity == .error }.count, warningsHere = file.count - errorsHere
                if errorsHere > 0 { state.append("<span class=\"tanda salah\">\(errorsHere) \(t("errors"))</span>") }
                if warningsHere > 0 { state.append("<span class=\"tanda awas\">\(warningsHere) \(t("warnings"))</span>") }
                var actions = ["<a href=\"\(Studio.prefix)sunting?berkas=\(Studio.encode(entry.path))\">\(t("edit"))<span class=\"sr\"> \(e(entry.path))</span></a>"]
                if let url = entry.url, !entry.draft { actions.append("<a href=\"\(e(url))\">\(t("view"))<span class=\"sr\"> \(e(entry.path))</span></a>") }
                if history { actions.append("<a href=\"\(Studio.prefix)riwayat?berkas=\(Studio.encode(entry.path))\">\(t("history"))<span class=\"sr\"> \(e(entry.path))</span></a>") }
                return ["<code>\(e(entry.path))</code>", e(name(entry)), state.joined(separator: " "), actions.joined(separator: " ")]
            }, total: rows.count)
        }
        if filter == "semua" || filter == "tanpa-uraian" {
            let written = Set(inspection.pages.compactMap { $0.kind == .desa && $0.language == nil ? $0.kode : nil })
            let villages = inspection.villages.filter { !written.contains($0.kode) && matches([$0.nama, $0.kode.dotted, $0.kode.digits, $0.kabupaten, $0.provinsi]) }
            main += "<h2 id=\"tanpa-uraian\">\(t("villages_without")) (\(villages.count))</h2>\n"
            main += table(["village", "code", "regency", "province", "actions"], villages.prefix(Self.rowLimit).map { village in
                let form = """
                <form method="post" action="\(Studio.prefix)buat/desa"><input type="hidden" name="token" value="\(token)"><input type="hidden" name="kode" value="\(village.kode.dotted)">\
                <button type="submit">\(t("create_narrative"))<span class="sr"> \(e(village.nama))</span></button></form>
                """
                return [e(village.nama), "<code>\(village.kode.dotted)</code>", e(village.kabupaten), e(village.provinsi), form]
            }, total: villages.count)
        }
        let today = Self.today()
        main += """
        <h2 id="berita-baru">\(t("news_new"))</h2>
        <form class="buat" method="post" action="\(Studio.prefix)buat/berita">
        <input type="hidden" name="token" value="\(token)">
        <label for="judul-berita">\(t("news_title"))</label> <input id="judul-berita" name="title" required>
        <label for="tanggal-berita">\(t("news_date"))</label> <input id="tanggal-berita" name="date" type="date" value="\(today)" required>
        <button type="submit">\(t("news_create"))</button>
        </form>

        """
        return page(t("overview"), main)
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }

    func display(_ relative: String) -> String { displayPath(relative) }

    func table(_ headings: [String], _ rows: [[String]], total: Int) -> String {
        guard !rows.isEmpty else { return "<p>\(t("no_rows"))</p>\n" }
        var html = "<div class=\"gulir\"><table>\n<thead><tr>" + headings.map { "<th scope=\"col\">\(t($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { html += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        html += "</tbody></table></div>\n"
        if total > rows.count { html += "<p>\(rows.count) \(t("shown_of")) \(total); \(t("narrow")).</p>\n" }
        return html
    }

    // MARK: Editing

    func editor(_ entry: SitePreview.PageEntry, form: PageForm, version: String, inspection: SitePreview.Inspection, history: Bool) -> String {
        let title = entry.title ?? entry.kode.flatMap { kode in inspection.villages.first { $0.kode == kode }?.nama } ?? entry.path
        var fields = ""
        for field in form.fields { fields += self.field(field, value: form.values[field.key], inspection: inspection) }
        let tools = [("heading", "##"), ("bold", "B"), ("link", "🔗"), ("list", "•"), ("citation", "[@]")].map { key, label in
            "<button type=\"button\" data-alat=\"\(key)\" aria-label=\"\(t(key))\" title=\"\(t(key))\">\(e(label))</button>"
        }.joined()
        let main = """
        <h1>\(t("editing")): \(e(title)) <code>\(e(entry.path))</code></h1>
        <p id="status" role="status" aria-live="polite"></p>
        <div id="pulih" class="pulih" hidden><p>\(t("restored"))</p><button type="button" id="buang">\(t("discard"))</button></div>
        <section id="konflik" class="konflik" hidden aria-labelledby="konflik-judul">
        <h2 id="konflik-judul">\(t("conflict"))</h2>
        <div class="dua"><div><h3>\(t("conflict_disk"))</h3><pre id="konflik-disk" tabindex="0"></pre></div><div><h3>\(t("conflict_mine"))</h3><pre id="konflik-saya" tabindex="0"></pre></div></div>
        <button type="button" id="timpa">\(t("conflict_overwrite"))</button>
        </section>
        <div class="sunting">
        <form id="form" class="isian" data-berkas="\(e(entry.path))" data-base="\(version)" data-file="\(e(display(entry.path)))" novalidate>
        \(fields)
        <div class="kolom-isi">
        <label for="f-body">\(t("body"))</label>
        <div class="alat" role="toolbar" aria-label="\(t("toolbar"))" aria-controls="f-body">\(tools)</div>
        <textarea id="f-body" name="body" rows="24" spellcheck="true" aria-describedby="d-body">
        \(e(form.body))</textarea>
        <div id="d-body" class="diag" aria-live="polite"></div>
        </div>
        <details class="gambar"><summary>\(t("image"))</summary>
        <label for="gambar-berkas">\(t("image_file"))</label> <input id="gambar-berkas" type="file" accept="image/png,image/jpeg,image/webp,image/gif">
        <label for="gambar-alt">\(t("image_alt"))</label> <input id="gambar-alt">
        <button type="button" id="gambar-tambah">\(t("image_add"))</button>
        </details>
        \(history ? "<label for=\"pesan\">\(t("message"))</label> <input id=\"pesan\" name=\"pesan\">" : "")
        <div id="d-frontmatter" class="diag" aria-live="polite"></div>
        <p><button type="submit" id="simpan" class="utama">\(t("save"))</button></p>
        </form>
        <section class="pratinjau" aria-labelledby="pratinjau-judul">
        <h2 id="pratinjau-judul">\(t("preview"))</h2>
        <p id="lain" class="gagal" hidden></p>
        <iframe id="pratinjau" title="\(t("preview_frame"))" sandbox="allow-same-origin" src="about:blank"></iframe>
        </section>
        </div>
        <template id="teks">\(["saved", "saved_with_errors", "line", "problems_elsewhere", "source_remove", "source_id", "source_title", "source_publisher", "source_date", "source_url", "image_alt", "offline"]
            .map { "<span data-k=\"\($0)\">\(e(t($0)))</span>" }.joined())</template>
        """
        return page(t("editing") + ": " + title, main, script: true)
    }

    func field(_ field: FormField, value: FormValue?, inspection: SitePreview.Inspection) -> String {
        let id = "f-\(field.key)"
        let label = t("field_" + field.key)
        let describe = "aria-describedby=\"d-\(field.key)\""
        let diagnostics = "<div id=\"d-\(field.key)\" class=\"diag\" aria-live=\"polite\"></div>"
        let text = value?.text ?? ""
        let had = value != nil ? " data-had=\"1\"" : ""
        var control: String
        switch field.control {
        case .text:
            control = "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(field.key)\" value=\"\(e(text))\" \(describe)>"
        case .longText:
            control = "<label for=\"\(id)\">\(label)</label><textarea id=\"\(id)\" name=\"\(field.key)\" rows=\"3\" \(describe)>\n\(e(text))</textarea>"
        // A value the typed control cannot show (a date written another way, "yes" for a flag)
        // gets a plain text box, so that it is seen and fixed rather than silently dropped.
        case .date where !text.isEmpty && !PageForm.isDate(text), .number where !text.isEmpty && Int(text) == nil,
             .flag where !["", "true", "false"].contains(text):
            control = "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(field.key)\" value=\"\(e(text))\" \(describe)>"
            return "<div class=\"bidang\" data-kunci=\"\(field.key)\" data-jenis=\"text\">\(control)\(diagnostics)</div>\n"
        case .date:
            control = "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(field.key)\" type=\"date\" value=\"\(e(text))\" \(describe)>"
        case .number:
            control = "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(field.key)\" type=\"number\" step=\"1\" value=\"\(e(text))\" \(describe)>"
        case .flag:
            control = "<input id=\"\(id)\" name=\"\(field.key)\" type=\"checkbox\" value=\"true\"\(text == "true" ? " checked" : "")\(had) \(describe)> <label for=\"\(id)\">\(label)</label>"
        case .choice:
            var choices = [("", t("choose_default")), ("true", t("yes")), ("false", t("no"))]
            if !choices.contains(where: { $0.0 == text }) { choices.append((text, text)) }
            let options = choices.map { option, name in
                "<option value=\"\(e(option))\"\(option == text ? " selected" : "")>\(e(name))</option>"
            }.joined()
            control = "<label for=\"\(id)\">\(label)</label><select id=\"\(id)\" name=\"\(field.key)\" \(describe)>\(options)</select>"
        case .village:
            // Filled as the editor types (`api/desa`): a national registry is too long to send.
            let list = "<datalist id=\"desa-daftar\"></datalist>"
            let chosen = KodeWilayah(text).flatMap { kode in inspection.villages.first { $0.kode == kode } }
            control = "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(field.key)\" list=\"desa-daftar\" value=\"\(e(text))\" autocomplete=\"off\" \(describe)>"
                + "<p class=\"catatan\" id=\"desa-nama\">\(chosen.map { e("\($0.nama), \($0.kecamatan), \($0.kabupaten), \($0.provinsi)") } ?? "")</p>" + list
        case .pillars:
            let chosen: [String]
            if case .list(let items) = value { chosen = items } else { chosen = [] }
            // A pillar the file names but the site lacks stays listed (and checked) until unticked.
            let unknown = chosen.filter { id in !inspection.pillars.contains { $0.id == id } }.map { (id: $0, title: $0) }
            let boxes = (inspection.pillars + unknown).map { pillar in
                "<label><input type=\"checkbox\" name=\"pilar\" value=\"\(e(pillar.id))\"\(chosen.contains(pillar.id) ? " checked" : "")> \(e(pillar.title))</label>"
            }.joined(separator: " ")
            control = "<fieldset id=\"\(id)\" data-original=\"\(e(chosen.joined(separator: ",")))\" \(describe)><legend>\(label)</legend>\(boxes)</fieldset>"
        case .list:
            control = "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(field.key)\" data-list=\"1\" value=\"\(e(text))\" \(describe)>"
        case .sources:
            var groups = ""
            if case .sources(let sources) = value {
                for source in sources { groups += sourceGroup(source) }
            }
            control = "<fieldset id=\"\(id)\" class=\"sumber\" \(describe)><legend>\(label)</legend><div class=\"daftar-sumber\">\(groups)</div>"
                + "<button type=\"button\" id=\"sumber-tambah\">\(t("source_add"))</button></fieldset>"
        }
        return "<div class=\"bidang\" data-kunci=\"\(field.key)\" data-jenis=\"\(field.control.rawValue)\">\(control)\(diagnostics)</div>\n"
    }

    func sourceGroup(_ source: [String: String]) -> String {
        let inputs = FormField.sourceKeys.map { key in
            "<label>\(t("source_" + key)) <input data-sumber=\"\(key)\"\(key == "date" ? " type=\"date\"" : key == "url" ? " type=\"url\"" : "") value=\"\(e(source[key] ?? ""))\"></label>"
        }.joined(separator: " ")
        return "<div class=\"satu-sumber\">\(inputs) <button type=\"button\" class=\"hapus-sumber\">\(t("source_remove"))</button></div>"
    }

    // MARK: History

    func history(_ path: String, versions: [GitHistory.Version]) -> String {
        var main = "<h1>\(t("history_of")) <code>\(e(path))</code></h1>\n"
        if versions.isEmpty {
            main += "<p>\(t("no_history"))</p>"
        } else {
            main += "<ol class=\"riwayat\">" + versions.map { version in
                "<li><a href=\"\(Studio.prefix)riwayat?berkas=\(Studio.encode(path))&amp;versi=\(version.commit)\"><time datetime=\"\(e(version.date))\">\(e(version.date))</time> · \(e(version.message))</a> — \(e(version.author)) <code>\(version.commit.prefix(8))</code></li>"
            }.joined(separator: "\n") + "</ol>"
        }
        main += "<p><a href=\"\(Studio.prefix)sunting?berkas=\(Studio.encode(path))\">\(t("edit")) \(e(path))</a></p>"
        return page(t("history_of") + " " + path, main)
    }

    func version(_ path: String, commit: String, text: String, currentVersion: String) -> String {
        let main = """
        <h1>\(t("version_of")) <code>\(commit.prefix(8))</code> · <code>\(e(path))</code></h1>
        <form method="post" action="\(Studio.prefix)pulihkan">
        <input type="hidden" name="token" value="\(token)"><input type="hidden" name="berkas" value="\(e(path))">
        <input type="hidden" name="versi" value="\(commit)"><input type="hidden" name="base" value="\(currentVersion)">
        <button type="submit">\(t("restore"))</button>
        </form>
        <pre class="versi" tabindex="0">\(e(text))</pre>
        <p><a href="\(Studio.prefix)riwayat?berkas=\(Studio.encode(path))">\(t("history_of")) \(e(path))</a></p>
        """
        return page(t("version_of") + " " + path, main)
    }

    // MARK: Login

    func login(failed: String?) -> String {
        let main = """
        <h1>\(t("login"))</h1>
        \(failed.map { "<p class=\"gagal\" role=\"alert\">\(t($0))</p>" } ?? "")
        <form method="post" action="\(Studio.prefix)masuk">
        <label for="sandi">\(t("password"))</label> <input id="sandi" name="sandi" type="password" autocomplete="current-password" required autofocus>
        <button type="submit">\(t("login"))</button>
        </form>
        """
        return page(t("login"), main)
    }
}
