import Content
import Site
import Foundation
import Testing
@testable import Studio

/// Saving from the form changes only what was edited, byte for byte.
struct EditingTests {
    static let page = """
    ---
    # Uraian desa: ditulis tim kabupaten
    kode: "32.12.16.2004"
    summary: >
      Ringkasan lama
      dua baris.
    pilar: [koperasi, usaha-produktif]   # urutan sengaja
    sumber:
      - id: kontan-2019
        title: Judul sumber
        date: 2019-01-15

    ilustrasi: false
    ---

    Paragraf pertama.

    Paragraf kedua.

    """

    @Test func unchangedValuesGiveTheSameBytes() {
        let form = PageForm(text: Self.page, kind: .halaman)
        #expect(form.text(with: form.values, body: form.body) == Self.page)
        // What the browser sends back for untouched fields (absent keys as empty text).
        var sent = form.values
        sent["title"] = .text("")
        sent["draft"] = .text("")
        sent["aliases"] = .list([])
        #expect(form.text(with: sent, body: form.body) == Self.page)
    }

    @Test func oneFieldAndOneParagraphChangeOnlyTheirLines() {
        let form = PageForm(text: Self.page, kind: .halaman)
        var sent = form.values
        sent["summary"] = .text("Ringkasan baru: satu baris.")
        let body = form.body.replacingOccurrences(of: "Paragraf kedua.", with: "Paragraf kedua, diubah.")
        let result = form.text(with: sent, body: body)
        let expected = Self.page
            .replacingOccurrences(of: "summary: >\n  Ringkasan lama\n  dua baris.\n", with: "summary: \"Ringkasan baru: satu baris.\"\n")
            .replacingOccurrences(of: "Paragraf kedua.", with: "Paragraf kedua, diubah.")
        #expect(result == expected)
    }

    @Test func keysAreAddedBeforeTheFenceAndRemovedWhenEmptied() {
        let form = PageForm(text: Self.page, kind: .halaman)
        var sent = form.values
        sent["title"] = .text("Kenanga")
        sent["ilustrasi"] = .text("")
        sent["pilar"] = .list(["koperasi"])
        let result = form.text(with: sent, body: form.body)
        #expect(result.contains("pilar: [koperasi]\n"))
        #expect(!result.contains("ilustrasi"))
        #expect(result.contains("# Uraian desa: ditulis tim kabupaten\n"))
        // After the last key, before the closing fence; the blank line inside stays.
        #expect(result.contains("        date: 2019-01-15\n\ntitle: Kenanga\n---\n".replacingOccurrences(of: "        ", with: "    ")))
    }

    @Test func sourcesAreWrittenAsABlockList() {
        let form = PageForm(text: "---\nkode: \"32.12.16.2004\"\n---\nTeks.\n", kind: .desa)
        var sent = form.values
        sent["sumber"] = .sources([["id": "antara-2019", "title": "Judul: dengan titik dua", "date": "2019-01-16", "url": "https://example.org/a"]])
        #expect(form.text(with: sent, body: form.body) == """
        ---
        kode: "32.12.16.2004"
        sumber:
          - id: antara-2019
            title: "Judul: dengan titik dua"
            date: 2019-01-16
            url: https://example.org/a
        ---
        Teks.

        """)
    }

    @Test func windowsLineEndingsAreKept() {
        let text = "---\r\ntitle: Lama\r\ndate: 2024-01-02\r\n---\r\n\r\nIsi.\r\n"
        let form = PageForm(text: text, kind: .berita)
        var sent = form.values
        sent["title"] = .text("Baru")
        #expect(form.text(with: sent, body: "\nIsi.\n") == "---\r\ntitle: Baru\r\ndate: 2024-01-02\r\n---\r\n\r\nIsi.\r\n")
        #expect(form.text(with: sent, body: "\nIsi baru.\n") == "---\r\ntitle: Baru\r\ndate: 2024-01-02\r\n---\r\n\r\nIsi baru.\r\n")
    }

    @Test func aFileWithoutFrontMatterGetsOne() {
        let form = PageForm(text: "Hanya isi.\n", kind: .halaman)
        #expect(form.text(with: ["title": .text("Tentang")], body: form.body) == "---\ntitle: Tentang\n---\nHanya isi.\n")
    }

    /// Every text the form writes reads back as the same text: YAML's implicit types (`yes`,
    /// numbers, dates, `~`) and indicators are quoted, the rest left plain.
    @Test(arguments: ["Biasa saja", "yes", "No", "~", "null", "123", "1e3", "2024-01-02", "- daftar", "# komentar", "a: b", "a #b", "titik dua:",
                      "\"kutip\"", "'kutip'", "baris\nbaru", " spasi depan", "tab\there", "[kurung]", "{kurawal}", "@at", "`petik`", "Rp 1.000", "é ünïcode", "\u{7F}del"])
    func scalarsReadBackAsTheSameText(_ text: String) throws {
        let yaml = "title: \(PageForm.scalar(text))\n"
        let node = try YAML.parse(yaml, file: "x").get()
        #expect(node?.entries?.first?.value.text == text, "\(yaml)")
    }

    @Test func whatAnInputCannotHoldIsNotAnEdit() {
        // A folded title ends in a line break no text box keeps; sending it back unchanged (as
        // the box shows it) changes nothing.
        let text = "---\ntitle: >\n  Judul\n  panjang\ndate: 2024-01-02\n---\nIsi.\n"
        let form = PageForm(text: text, kind: .berita)
        #expect(form.values["title"] == .text("Judul panjang\n"))
        #expect(form.text(with: ["title": .text("Judul panjang"), "date": .text("2024-01-02")], body: form.body) == text)
    }

    @Test func valuesATypedControlCannotShowGetATextBox() throws {
        let form = PageForm(text: "---\ntitle: Kabar\ndate: 15-01-2019\ndraft: ya\npilar: [koperasi, pilar-lama]\n---\n", kind: .berita)
        let inspection = SitePreview.Inspection(pillars: [(id: "koperasi", title: "Koperasi")])
        let pages = StudioPages(language: "id", token: "t", displayPath: { $0 })
        func html(_ key: String) throws -> String {
            let field = try #require(form.fields.first { $0.key == key })
            return pages.field(field, value: form.values[key], inspection: inspection)
        }
        #expect(try html("date").contains("data-jenis=\"text\""))
        #expect(try html("date").contains("value=\"15-01-2019\""))
        #expect(try html("draft").contains("value=\"ya\""))
        #expect(try html("pilar").contains("value=\"pilar-lama\" checked"))
        #expect(try html("pilar").contains("value=\"koperasi\" checked"))
    }

    @Test func aLineIsPlacedAtItsKey() {
        let editor = FrontMatterEditor(Self.page)
        #expect(editor.key(atLine: 3) == "kode")
        #expect(editor.key(atLine: 5) == "summary")
        #expect(editor.key(atLine: 11) == "sumber")
        #expect(editor.key(atLine: 2) == nil)
        #expect(editor.bodyFirstLine == 15)
    }
}
