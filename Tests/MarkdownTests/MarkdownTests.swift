@testable import Markdown
import Testing

@Suite struct MarkdownRenderingTests {
    @Test func headingsGetUniqueIDsAndPlainText() {
        let result = MarkdownRenderer.render("# Judul\n\n## Koperasi\n\nTeks.\n\n## Koperasi\n\n### Anggota *baru*\n")
        #expect(result.headings.map(\.id) == ["judul", "koperasi", "koperasi-1", "anggota-baru"])
        #expect(result.headings.map(\.level) == [1, 2, 2, 3])
        #expect(result.headings[3].text == "Anggota baru")
        #expect(result.html.contains("<h2 id=\"koperasi\">Koperasi</h2>"))
        #expect(result.html.contains("<h2 id=\"koperasi-1\">Koperasi</h2>"))
        #expect(result.html.contains("<h3 id=\"anggota-baru\">Anggota <em>baru</em></h3>"))
    }

    @Test func plainTextLinesAreTrimmedAndBlankLinesDropped() {
        // Code keeps its own lines; each is trimmed of spaces and empty ones go. A carriage
        // return before a line feed stays with its line (as a `Character` split kept it).
        #expect(PlainText.tidyLines("  a  \n\n b\n \nc") == "a\nb\nc")
        #expect(PlainText.tidyLines("x\r\ny\n") == "x\r\ny")
        #expect(PlainText.tidyLines("\n\n") == "")
        #expect(PlainText.tidyLines("Pérak  \n  Éé") == "Pérak\nÉé")
        let result = MarkdownRenderer.render("Halo\n\n```\n  kode  \n\n lagi\n```\n")
        #expect(result.plainText == "Halo\nkode\nlagi")
    }

    @Test func headingWithoutLettersStillGetsAnID() {
        let result = MarkdownRenderer.render("## ???\n")
        #expect(result.headings.first?.id == "bagian")
        #expect(result.html.contains("<h2 id=\"bagian\">"))
    }

    @Test func rawHTMLAndScriptLinksAreDroppedByDefault() {
        let result = MarkdownRenderer.render("<script>alert(1)</script>\n\nTeks <b onclick=\"x()\">tebal</b> [a](javascript:alert(1)) [b](JAVASCRIPT:alert(2)) ![c](data:text/html,x)\n")
        #expect(!result.html.contains("<script"))
        #expect(!result.html.contains("onclick"))
        #expect(!result.html.lowercased().contains("javascript:"))
        #expect(!result.html.contains("data:text/html"))
        #expect(result.html.contains("raw HTML omitted"))
    }

    @Test func unsafeModeIsAnExplicitOptIn() {
        let result = MarkdownRenderer.render("<b>tebal</b>\n", options: MarkdownOptions(allowUnsafeHTML: true))
        #expect(result.html.contains("<b>tebal</b>"))
    }

    @Test func smartPunctuation() {
        let result = MarkdownRenderer.render("\"Desa\" -- dan...\n")
        #expect(result.html == "<p>“Desa” – dan…</p>\n")
        let plain = MarkdownRenderer.render("\"Desa\"\n", options: MarkdownOptions(smartPunctuation: false))
        #expect(plain.html == "<p>&quot;Desa&quot;</p>\n")
    }

    @Test func plainTextAndFirstParagraph() {
        let result = MarkdownRenderer.render("## Judul\n\nParagraf *pertama*\nbaris dua.\n\n- butir `kode`\n\nParagraf kedua.\n")
        #expect(result.firstParagraph == "Paragraf pertama baris dua.")
        #expect(result.plainText == "Judul\nParagraf pertama baris dua.\nbutir kode\nParagraf kedua.")
    }

    @Test func markerLookalikesInTextAreNotTurnedIntoIDs() {
        let result = MarkdownRenderer.render("Teks \u{1}x\u{1} biasa.\n")
        #expect(!result.html.contains("id="))
    }

    @Test func emptyInput() {
        let result = MarkdownRenderer.render("")
        #expect(result.html == "")
        #expect(result.headings.isEmpty)
    }
}

@Suite struct CitationTests {
    @Test func citationsAreNumberedLinkedAndLocated() {
        let source = "Satu [@a]. Dua [@b; @a]\nlagi [@c].\n\n`[@kode]` dan [teks [@d]](https://x.example/) dan [@Bukan] dan [@ a].\n"
        let rendered = MarkdownRenderer.render(source)
        #expect(rendered.cited == ["a", "b", "c"])
        #expect(rendered.citations.map { "\($0.id)#\($0.number)@\($0.line):\($0.column)" } == ["a#1@1:7", "b#2@1:17", "a#1@1:21", "c#3@2:7"])
        #expect(rendered.html.hasPrefix("<p>Satu<sup class=\"kutipan\">[<a href=\"#sumber-a\">1</a>]</sup>. Dua<sup class=\"kutipan\">[<a href=\"#sumber-b\">2</a>, <a href=\"#sumber-a\">1</a>]</sup>"))
        // Code, link text and anything that is not a group of slugs stay as written.
        #expect(rendered.html.contains("<code>[@kode]</code>"))
        #expect(rendered.html.contains("[teks [@d]]") || rendered.html.contains(">teks [@d]</a>"))
        #expect(rendered.html.contains("[@Bukan]") && rendered.html.contains("[@ a]"))
        #expect(rendered.plainText.hasPrefix("Satu. Dua\nlagi.") || rendered.plainText.hasPrefix("Satu. Dua lagi."))
    }
}
