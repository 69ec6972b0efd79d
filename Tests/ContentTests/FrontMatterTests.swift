import Content
import Testing

/// Parses a content file and returns the page and every diagnostic as printed.
func parsePage(_ relativePath: String, _ text: String) -> (ContentPage?, [String]) {
    var diagnostics = Diagnostics()
    let page = ContentPage.parse(relativePath: relativePath, file: "content/" + relativePath, text: text, diagnostics: &diagnostics)
    return (page, diagnostics.all.sorted().map(\.description))
}

@Suite struct FrontMatterTests {
    @Test func decodesEveryKey() throws {
        let (page, diagnostics) = parsePage("berita/kabar.md", """
        ---
        title: "Desa: Kenanga"
        date: 2024-05-22
        draft: false
        weight: 3
        summary: Ringkas.
        aliases: [/lama/kabar/]
        pilar: [koperasi, usaha-produktif]
        slug: kabar-baru
        toc: true
        ---
        Isi.
        """)
        #expect(diagnostics.isEmpty)
        let matter = try #require(page).frontMatter
        #expect(matter.title == "Desa: Kenanga")
        #expect(matter.date?.description == "2024-05-22")
        #expect(matter.weight == 3)
        #expect(matter.aliases == ["/lama/kabar/"])
        #expect(matter.pilar.map(\.id) == ["koperasi", "usaha-produktif"])
        #expect(matter.pilar.map(\.position.line) == [8, 8])
        #expect(page?.slug == "kabar-baru")
        #expect(matter.toc == true)
        #expect(page?.body == "Isi.")
        #expect(page?.bodyFirstLine == 12)
    }

    @Test func unknownKeyNamesItsLineWithAHint() {
        let (page, diagnostics) = parsePage("desa/kenanga.md", "---\nkode: \"32.12.16.2004\"\ntitel: Kenanga\ntahun_berdiri: 2016\n---\n")
        #expect(page == nil)
        #expect(diagnostics == [
            "content/desa/kenanga.md:3:1: error: kunci tidak dikenal \"titel\"\n    hint: maksud Anda \"title\"? Kunci yang dikenal: title, description, summary, date, draft, weight, aliases, toc, sumber, ilustrasi, kode",
            "content/desa/kenanga.md:4:1: error: kunci tidak dikenal \"tahun_berdiri\"\n    hint: kunci yang dikenal: title, description, summary, date, draft, weight, aliases, toc, sumber, ilustrasi, kode",
        ])
    }

    @Test func wrongTypesAreEachReported() {
        let (_, diagnostics) = parsePage("tentang.md", "---\ntitle: [a, b]\nweight: banyak\ndraft: mungkin\ndate: 22-05-2024\naliases: {a: b}\n---\n")
        #expect(diagnostics == [
            "content/tentang.md:2:8: error: \"title\" harus berupa teks, bukan daftar",
            "content/tentang.md:3:9: error: \"weight\" harus bilangan bulat, bukan \"banyak\"",
            "content/tentang.md:4:8: error: \"draft\" harus true atau false, bukan \"mungkin\"",
            "content/tentang.md:5:7: error: \"date\" bukan tanggal yang sah: \"22-05-2024\"\n    hint: tulis tanggal sebagai TTTT-BB-HH, misalnya 2024-05-22",
            "content/tentang.md:6:10: error: \"aliases\" harus berupa daftar teks, bukan pemetaan (mapping)",
        ])
    }

    @Test func missingRequiredKeys() {
        let (_, news) = parsePage("berita/x.md", "---\ntitle: Kabar\n---\n")
        #expect(news == ["content/berita/x.md:1:1: error: kunci wajib \"date\" tidak ada di front matter\n    hint: tulis tanggal terbit, misalnya date: 2024-05-22"])
        let (_, village) = parsePage("desa/x.md", "Tanpa front matter.\n")
        #expect(village == ["content/desa/x.md:1:1: error: kunci wajib \"kode\" tidak ada di front matter\n    hint: tulis kode Kemendagri desa, misalnya kode: \"32.12.16.2004\""])
    }

    @Test func malformedYAMLPointsIntoTheFile() {
        let (_, diagnostics) = parsePage("tentang.md", "---\ntitle: Desa: Kenanga\n---\n")
        #expect(diagnostics == ["content/tentang.md:2:12: error: YAML tidak sah: mapping values are not allowed in this context\n    hint: nilai yang mengandung ': ' perlu diapit tanda kutip, misalnya title: \"Desa: Kenanga\""])
    }

    @Test func duplicateYAMLKeys() {
        let (_, diagnostics) = parsePage("tentang.md", "---\ntitle: A\ntitle: B\n---\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("content/tentang.md:2:") == true)
        #expect(diagnostics.first?.contains("kunci ganda dalam YAML: \"title\"") == true)
    }

    @Test func unclosedFrontMatter() {
        let (_, diagnostics) = parsePage("tentang.md", "---\ntitle: A\n\nIsi tanpa penutup.\n")
        #expect(diagnostics == ["content/tentang.md:1:1: error: front matter tidak ditutup\n    hint: tambahkan baris --- setelah kunci terakhir front matter"])
    }

    @Test func yamlBombsAndDeepNestingAreRefused() {
        var bomb = "---\ntitle: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<9 {
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        bomb += "---\n"
        let (page, diagnostics) = parsePage("tentang.md", bomb)
        #expect(page == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains("YAML terlalu besar") == true)

        let deep = "---\ntitle: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n---\n"
        let (_, deepDiagnostics) = parsePage("tentang.md", deep)
        #expect(deepDiagnostics.first?.contains("terlalu dalam") == true)
    }

    @Test func pathLikeValuesAreNeutralised() {
        let (page, slugDiagnostics) = parsePage("berita/x.md", "---\ntitle: A\ndate: 2024-01-01\nslug: ../../etc\n---\n")
        #expect(page == nil)
        #expect(slugDiagnostics == ["content/berita/x.md:4:7: error: slug \"../../etc\" hanya boleh berisi huruf kecil, angka dan tanda hubung\n    hint: misalnya slug: etc"])
        let (named, _) = parsePage("berita/x.md", "---\ntitle: A\ndate: 2024-01-01\nslug: kabar-baru\n---\n")
        #expect(named?.slug == "kabar-baru")
        let (_, aliasDiagnostics) = parsePage("tentang.md", "---\ntitle: A\naliases: [\"/../../etc/\", lama]\n---\n")
        #expect(aliasDiagnostics.count == 2)
        #expect(aliasDiagnostics.allSatisfy { $0.contains("bukan alamat yang sah") })
    }

    @Test func controlCharactersInValues() {
        let (_, diagnostics) = parsePage("tentang.md", "---\ntitle: \"A\\u0007B\"\n---\n")
        #expect(diagnostics == ["content/tentang.md:2:8: error: \"title\" berisi karakter kendali U+7\n    hint: hapus karakter tak terlihat itu dari teks"])
    }

    @Test func pageKindsComeFromPaths() throws {
        #expect(try ContentPage.pageKind(of: "_index.md").get() == .home)
        #expect(try ContentPage.pageKind(of: "pilar/koperasi.md").get() == .pilar("koperasi"))
        // Pillars are content: any well-named page in pilar/ is one.
        #expect(try ContentPage.pageKind(of: "pilar/migrasi-aman.md").get() == .pilar("migrasi-aman"))
        #expect(try ContentPage.pageKind(of: "desa/kenanga.md").get() == .desa)
        #expect(try ContentPage.pageKind(of: "berita/x.md").get() == .berita)
        #expect(try ContentPage.pageKind(of: "evaluasi/_index.md").get() == .bagian("evaluasi"))
        #expect(try ContentPage.pageKind(of: "evaluasi/metode.md").get() == .halaman)
        let (_, diagnostics) = parsePage("pilar/Koperasi Desa.md", "---\ntitle: X\n---\n")
        #expect(diagnostics.first?.contains("nama berkas halaman pilar menjadi alamatnya") == true)
    }
}
