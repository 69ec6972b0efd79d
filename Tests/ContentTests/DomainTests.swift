import Content
import Testing

@Suite struct DomainTests {
    @Test func kodeWilayahAcceptsDottedAndPlainForms() throws {
        let dotted = try #require(KodeWilayah("32.12.16.2004"))
        let plain = try #require(KodeWilayah("3212162004"))
        #expect(dotted == plain)
        #expect(plain.dotted == "32.12.16.2004")
        #expect(plain.kecamatan?.dotted == "32.12.16")
        #expect(plain.kabupaten?.dotted == "32.12")
        #expect(plain.provinsi.dotted == "32")
        #expect(!plain.isKelurahan)
        #expect(KodeWilayah("32.12.16.1004")?.isKelurahan == true)
    }

    @Test(arguments: ["32", "32.12", "32.12.16", "3212", "321216"])
    func kodeWilayahAcceptsEveryLevel(text: String) throws {
        let kode = try #require(KodeWilayah(text))
        #expect(kode.digits == text.filter(\.isNumber))
    }

    @Test(arguments: ["", "32.12.16.204", "3212.16.2004", "32-12-16-2004", "321216200", "32.12.16.2004.1", "abcd", "32.12..2004", "٣٢",
                      "32.", ".32", "3", "32.1", "32.12.16.20", "32.12.16.20045", "32121620041", "32.12.162004", "32 12"])
    func kodeWilayahRefusesOtherShapes(text: String) {
        #expect(KodeWilayah(text) == nil)
    }

    @Test func simpleDate() {
        #expect(SimpleDate("2024-05-22")?.description == "2024-05-22")
        #expect(SimpleDate("2024-02-29") != nil)
        #expect(SimpleDate("2023-02-29") == nil)
        #expect(SimpleDate("2024-13-01") == nil)
        #expect(SimpleDate("22-05-2024") == nil)
        #expect(SimpleDate("2024-5-22") == nil)
        #expect(SimpleDate("2017-01-02")! < SimpleDate("2024-05-22")!)
    }

    @Test(arguments: [
        ("Kenanga", "kenanga"), ("Soka\"an", "sokaan"), ("Remba'an", "rembaan"), ("Lenek  Lauk ", "lenek-lauk"),
        ("Oro-Oro Ombo", "oro-oro-ombo"), ("Ciamis (Kota)", "ciamis-kota"), ("Pérak Éé", "perak-ee"),
        ("../../etc/passwd", "etc-passwd"), ("Lambang Sari I, II, III", "lambang-sari-i-ii-iii"), ("", ""), ("Ko’ol", "kool"),
    ])
    func slugs(name: String, slug: String) {
        #expect(Slug.make(name) == slug)
    }

    @Test func suggestionsForMistypedKeys() {
        #expect(Suggestion.closest(to: "titel", in: ["title", "date"]) == "title")
        #expect(Suggestion.closest(to: "tahun_berdiri", in: ["title", "date"]) == nil)
        #expect(Suggestion.closest(to: "Kode", in: ["kode", "title"]) == "kode")
    }
}

@Suite struct SynonymFileTests {
    @Test func anEmptyFileHasNoGroupsAndNoError() throws {
        for text in ["", "\n", "# belum ada kelompok\n", "~\n"] {
            var diagnostics = Diagnostics()
            let node = try YAML.parse(text, file: "content/sinonim.yml").get()
            #expect(Synonyms.decode(node, file: "content/sinonim.yml", diagnostics: &diagnostics) == Synonyms.none, "\(text.debugDescription)")
            #expect(diagnostics.all.isEmpty)
        }
    }

    @Test func groupsAreRead() throws {
        var diagnostics = Diagnostics()
        let node = try YAML.parse("- [TKI, PMI, pekerja migran]\n", file: "content/sinonim.yml").get()
        #expect(Synonyms.decode(node, file: "content/sinonim.yml", diagnostics: &diagnostics)?.groups == [["TKI", "PMI", "pekerja migran"]])
        #expect(diagnostics.all.isEmpty)
    }
}
