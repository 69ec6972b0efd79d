import Content
@testable import Site
import Templating
import Testing

/// Theme loading through the in-memory file system: no disk needed.
@Suite struct ThemeTests {
    static func minimalTheme(_ overrides: [String: String] = [:]) -> [String: String] {
        var files: [String: String] = [:]
        for name in Theme.requiredTemplates { files["t/templates/\(name).mustache"] = "<p>{{page.title}}</p>" }
        files["t/i18n/id.yml"] = Strings.requiredKeys.map { "\($0): teks \($0)" }.joined(separator: "\n")
        files["t/assets/css/a.css"] = "body{}"
        for (path, text) in overrides { files[path] = text }
        return files
    }

    static func load(_ files: [String: String], languages: [String] = ["id"]) -> (Theme?, [String]) {
        var diagnostics = Diagnostics()
        let theme = Theme.load(directory: "t", languages: languages, fileSystem: .memory(files), diagnostics: &diagnostics)
        return (theme, diagnostics.all.sorted().map(\.description))
    }

    /// `{name}` with a given name is replaced; unknown names, lone braces and the text around
    /// them (any script) stay as written.
    @Test func stringsAreFormattedByName() {
        let strings = Strings([
            "sapaan": "Desa {nama} di {kabupaten}, {nama}!", "tanpa": "Tanpa isian", "aneh": "{} {tak-dikenal} { {nama",
            "aksara": "ꦢꦺꦱ {nama} — «{tahun}»}{", "rapat": "{nama}{tahun}",
        ])
        let values = ["nama": "Kenanga", "kabupaten": "Indramayu", "tahun": "2017"]
        #expect(strings.format("sapaan", values) == "Desa Kenanga di Indramayu, Kenanga!")
        #expect(strings.format("tanpa", values) == "Tanpa isian")
        #expect(strings.format("aneh", values) == "{} {tak-dikenal} { {nama")
        #expect(strings.format("aksara", values) == "ꦢꦺꦱ Kenanga — «2017»}{")
        #expect(strings.format("rapat", values) == "Kenanga2017")
        #expect(strings.format("hilang", values) == "[hilang]")
    }

    @Test func loadsTemplatesStringsAndAssets() throws {
        let (theme, diagnostics) = Self.load(Self.minimalTheme())
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        #expect(loaded.strings["id"]?["beranda"] == "teks beranda")
        #expect(loaded.assets.map(\.source) == ["css/a.css"])
        // Published under the first ten hex digits of its SHA-384.
        let asset = try #require(loaded.assets.first)
        #expect(asset.path == "css/a.\(SHA384.hex(asset.bytes).prefix(10)).css")
        #expect(asset.integrity == SHA384.integrity(asset.bytes))
        #expect(try loaded.library.render(TemplateValue.object(["page": .object(["title": .text("<Judul>")])]), withTemplate: "desa") == "<p>&lt;Judul&gt;</p>")
    }

    @Test func templateSyntaxErrorsNameTheirLine() {
        var files = Self.minimalTheme(["t/templates/desa.mustache": "<p>\n{{#a}}\n{{/b}}\n"])
        files["t/partials/x.mustache"] = "ok"
        let (theme, diagnostics) = Self.load(files)
        #expect(theme == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("t/templates/desa.mustache:3:") == true)
    }

    @Test func missingTemplatesAndStringsAreReported() {
        var files = Self.minimalTheme()
        files["t/templates/404.mustache"] = nil
        files["t/i18n/id.yml"] = "beranda: Beranda\n"
        let (theme, diagnostics) = Self.load(files)
        #expect(theme == nil)
        #expect(diagnostics.contains("t/templates/404.mustache:1:1: error: template wajib \"404\" tidak ada di tema"))
        #expect(diagnostics.contains("t/i18n/id.yml:1:1: error: kunci teks \"bulan_1\" tidak ada"))
    }

    @Test func missingTranslationsFallBackToTheDefaultLanguageWithAWarning() throws {
        var files = Self.minimalTheme()
        files["t/i18n/en.yml"] = "beranda: Home\nbulan_1: January\n"
        let (theme, diagnostics) = Self.load(files, languages: ["id", "en"])
        let english = try #require(theme?.strings["en"])
        #expect(english["beranda"] == "Home")
        #expect(english["bulan_2"] == "teks bulan_2")
        #expect(diagnostics.contains("t/i18n/en.yml:1:1: warning: kunci teks \"bulan_2\" tidak ada; memakai teks bahasa id"))
        #expect(!diagnostics.contains { $0.contains("\"beranda\"") })
        #expect(!diagnostics.contains { $0.contains(": error:") })
    }

    @Test func missingLanguageFile() {
        var files = Self.minimalTheme()
        files["t/i18n/id.yml"] = nil
        let (_, diagnostics) = Self.load(files)
        #expect(diagnostics == ["t/i18n/id.yml:1:1: error: berkas teks antarmuka untuk bahasa \"id\" tidak ada"])
    }
}
