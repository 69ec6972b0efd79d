import Foundation
import Search
import Testing

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer(stopwords: ["dan", "di", "yang"], stems: true)

    @Test func wordsAreLowerCasedFoldedAndStemmed() {
        #expect(tokenizer.tokens("Koperasi dan BERKOPERASI di Désa").map(\.term) == ["koperasi", "koperasi", "desa"])
    }

    @Test func codesAreKeptWholeWithOrWithoutDots() {
        #expect(tokenizer.tokens("kode 32.12.16.2004").map(\.term) == ["kode", "3212162004"])
        #expect(tokenizer.tokens("3212162004").map(\.term) == ["3212162004"])
        #expect(tokenizer.tokens("tahun 2017.").map(\.term) == ["tahun", "2017"])
    }

    @Test func reduplicationAndNamesWithQuotes() {
        #expect(tokenizer.tokens("desa-desa").map(\.term) == ["desa"])
        #expect(tokenizer.tokens("bersama-sama").map(\.word) == ["bersama", "sama"])
        #expect(tokenizer.tokens("Soka\"an Remba'an").map(\.word) == ["sokaan", "rembaan"])
    }

    @Test func englishIsNotStemmed() {
        #expect(Tokenizer(stopwords: [], stems: false).tokens("Cooperatives berkoperasi").map(\.term) == ["cooperatives", "berkoperasi"])
    }

    @Test func sortKeysOrderTermsAsUTF16Does() {
        // Letters from every UTF-8 length, with the ranges where UTF-8 and UTF-16 orders part:
        // U+E000–U+FFFF sort after U+10000 and up in UTF-16 (surrogates), before them in UTF-8.
        let letters: [Character] = ["a", "z", "0", "é", "ÿ", "ŋ", "\u{D7FF}", "\u{E000}", "\u{FB01}", "\u{FFFD}", "\u{10000}", "😀", "\u{10FFFF}"]
        var generator = SystemRandomNumberGenerator()
        let terms = (0..<400).map { _ in String((0..<Int.random(in: 0...4, using: &generator)).map { _ in letters.randomElement(using: &generator)! }) }
        let byKey = terms.sorted { IndexFormat.sortKey($0).lexicographicallyPrecedes(IndexFormat.sortKey($1)) }
        #expect(byKey == terms.sorted(by: IndexFormat.precedes))
        #expect(IndexFormat.precedes("😀", "\u{E000}") && IndexFormat.sortKey("😀").lexicographicallyPrecedes(IndexFormat.sortKey("\u{E000}")))
    }
}

@Suite struct SearchIndexTests {
    static func build() throws -> (URL, SearchEngine) {
        let documents = [
            SearchDocument(url: "/a/", title: "Koperasi desa", breadcrumb: "", headings: [], body: "Koperasi menghimpun tabungan.", facets: ["jenis": "desa"]),
            SearchDocument(url: "/b/", title: "Usaha", breadcrumb: "", headings: ["Koperasi"], body: "Usaha produktif desa.", facets: ["jenis": "desa"]),
            SearchDocument(url: "/c/", title: "Berita", breadcrumb: "", headings: [], body: "Pelatihan usaha, lalu berkoperasi.", facets: ["jenis": "berita"]),
            SearchDocument(url: "/d/", title: "Lain", breadcrumb: "", headings: [], body: "Tidak ada kaitannya.", facets: ["jenis": "halaman"]),
        ]
        return try open(SearchIndex(documents: documents, tokenizer: Tokenizer(stopwords: ["lalu"], stems: true), language: "id"))
    }

    /// Writes an index's files to a temporary folder and opens it as the terminal does.
    static func open(_ index: SearchIndex) throws -> (URL, SearchEngine) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("desmigratif-index-\(UUID().uuidString)")
        for (path, text) in index.files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text).write(to: url, options: .atomic)
        }
        return (directory, try SearchEngine(directory: directory.path))
    }

    @Test func titleOutranksHeadingOutranksBodyAndStemsMatch() throws {
        let (directory, engine) = try Self.build()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (hits, terms) = engine.search("koperasi ")
        #expect(hits.map(\.url) == ["/a/", "/b/", "/c/"])
        #expect(terms.first?.documentFrequency == 3)
        // BM25 idf with N = 4, df = 3.
        #expect(abs((terms.first?.idf ?? 0) - log(1 + (4 - 3 + 0.5) / (3 + 0.5))) < 1e-9)
        #expect(engine.search("berkoperasi ").hits.map(\.url) == hits.map(\.url))
    }

    @Test func aMisspeltWordOfFiveLettersMatchesTermsOneEditAway() throws {
        let (directory, engine) = try Self.build()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (hits, terms) = engine.search("koprasi ")
        #expect(hits.map(\.url) == ["/a/", "/b/", "/c/"])
        #expect(terms.first?.terms == ["koperasi"])
        // Short words are not corrected: "usah" is a prefix while typing, nothing once complete.
        #expect(engine.search("usah ").hits.isEmpty)
        // An exact match wins over corrections.
        #expect(engine.search("usaha ").hits.map(\.url) == ["/b/", "/c/"])
    }

    @Test func aPlaceRanksItsOwnPagesAboveTextThatMentionsIt() throws {
        let tokenizer = Tokenizer(stopwords: [], stems: true)
        let documents = [
            SearchDocument(url: "/berita/", title: "Kunjungan", breadcrumb: "", headings: [],
                           body: "Rombongan singgah di Sindang lalu ke Sindang lagi sebelum pulang.", facets: [:]),
            SearchDocument(url: "/desa/kenanga/", title: "Kenanga", breadcrumb: "", headings: [],
                           keywords: ["Kecamatan Sindang", "Kabupaten Indramayu", "32.12.16.2004"], body: "", facets: [:]),
        ]
        let index = SearchIndex(documents: documents, tokenizer: tokenizer, language: "id")
        let (directory, engine) = try Self.open(index)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(engine.search("sindang ").hits.map(\.url) == ["/desa/kenanga/", "/berita/"])
        #expect(engine.search("3212162004 ").hits.map(\.url) == ["/desa/kenanga/"])
        // A page without text shows what identifies it as its snippet.
        #expect(index.text(IndexFormat.recordPath(1))?.contains("Kecamatan Sindang · Kabupaten Indramayu") == true)
    }

    @Test func aSynonymFindsPagesThatUseAnotherMemberOfItsGroup() throws {
        let tokenizer = Tokenizer(stopwords: ["di"], stems: true)
        let synonyms = SynonymMatcher([["TKI", "PMI", "pekerja migran"], ["BUMDes", "badan usaha milik desa"]], tokenizer: tokenizer)
        let documents = [
            SearchDocument(url: "/a/", title: "Layanan", breadcrumb: "", headings: [], body: "Para pekerja migran dilayani di desa.", facets: [:]),
            SearchDocument(url: "/b/", title: "PMI", breadcrumb: "", headings: [], body: "Perlindungan.", facets: [:]),
            SearchDocument(url: "/c/", title: "Usaha", breadcrumb: "", headings: [], body: "Badan usaha milik desa berdiri.", facets: [:]),
            SearchDocument(url: "/d/", title: "Lain", breadcrumb: "", headings: [], body: "Pekerja pabrik.", facets: [:]),
        ]
        let index = SearchIndex(documents: documents, tokenizer: tokenizer, language: "id", synonyms: synonyms)
        let (directory, engine) = try Self.open(index)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The title outranks the body; "pekerja" alone (page d) is not the group.
        #expect(engine.search("TKI ").hits.map(\.url) == ["/b/", "/a/"])
        #expect(Set(engine.search("pekerja migran ").hits.map(\.url)) == ["/a/", "/b/"])
        #expect(engine.search("bumdes ").hits.map(\.url) == ["/c/"])
        // While the last word is typed it is a prefix, not yet a member.
        #expect(engine.search("pekerja migr").terms.last?.terms == ["migran"])
    }

    /// The same pairs the browser's `oneEditApart` is checked against (node, make test).
    @Test func oneEdit() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/search/one-edit.json")
        let pairs = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [[Any]] ?? []
        #expect(pairs.count > 10)
        for pair in pairs {
            guard let a = pair[0] as? String, let b = pair[1] as? String, let expected = pair[2] as? Bool else {
                Issue.record("bad pair \(pair)")
                continue
            }
            #expect(SearchEngine.oneEditApart(a, b) == expected, "\(a) / \(b)")
        }
    }

    @Test func theLastWordMatchesAsAPrefixWhileTyping() throws {
        let (directory, engine) = try Self.build()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(engine.search("kope").hits.count == 3)
        #expect(engine.search("kope ").hits.isEmpty)
    }

    @Test func recordsAreFilesOfNeighboursInPageOrder() throws {
        let count = 2 * IndexFormat.recordsPerFile + 1
        let documents = (0..<count).map {
            // Addresses of four digits each, so that page order (by address) is the order given.
            SearchDocument(url: "/desa/\(1000 + $0)/", title: "Desa \($0)", breadcrumb: "Jawa Barat", headings: [], body: "Teks desa \($0).", facets: [:])
        }
        let index = SearchIndex(documents: documents, tokenizer: Tokenizer(stopwords: [], stems: true), language: "id")
        let paths = ["r/0/0.json", "r/0/\(IndexFormat.recordsPerFile).json", "r/0/\(2 * IndexFormat.recordsPerFile).json"]
        #expect(Set(index.files.keys.filter { $0.hasPrefix("r/") }) == Set(paths))
        var seen: [String] = []
        for path in paths {
            let file = try #require(index.files[path])
            let records = try #require(try JSONSerialization.jsonObject(with: Data(file)) as? [[String: Any]])
            #expect(records.count == (path == paths.last ? 1 : IndexFormat.recordsPerFile))
            seen += records.compactMap { $0["t"] as? String }
        }
        // Every page once, in page order (as given).
        let order = documents.map(\.title)
        #expect(seen == order)
        #expect(try #require(JSONSerialization.jsonObject(with: Data(index.files["meta.json"]!)) as? [String: Any])["recordsPerFile"] as? Int
            == IndexFormat.recordsPerFile)
        // The terminal reads each page's record from its file: the last of a file, and the file after.
        let (directory, engine) = try Self.open(index)
        defer { try? FileManager.default.removeItem(at: directory) }
        for number in [IndexFormat.recordsPerFile - 1, IndexFormat.recordsPerFile, count - 1] {
            let title = order[number]
            #expect(engine.search(title.lowercased()).hits.first?.title == title)
        }
    }

    @Test func filesAreCutByBytes() throws {
        let documents = (0..<3000).map {
            SearchDocument(url: "/\($0)/", title: "Desa nama\($0)", breadcrumb: "", headings: [], body: String(repeating: "teks panjang ", count: 400), facets: [:])
        }
        let index = SearchIndex(documents: documents, tokenizer: Tokenizer(stopwords: [], stems: true), language: "id")
        // `recordsPerFile` records a file, a thousand pages to a folder; long text in further parts.
        let recordFiles = index.files.keys.filter { $0.hasPrefix("r/") && $0.split(separator: ".").count == 2 }
        #expect(recordFiles.count == 3000 / IndexFormat.recordsPerFile)
        #expect(Set(recordFiles.map { $0.split(separator: "/")[1] }) == ["0", "1", "2"])
        #expect(index.text(IndexFormat.recordPath(2500))?.contains("\"n\":3") == true)
        #expect(index.files[IndexFormat.recordPath(2500, part: 2)] != nil)
        // Dictionary shards of about the same size, however many terms.
        let shards = index.files.filter { $0.key.hasPrefix("d/") }
        #expect(shards.count > 3)
        #expect(shards.values.allSatisfy { $0.count < IndexFormat.dictionaryShardBytes + 200 })
        // A term on every page is in posting files that grow from a small first one.
        let postings = index.files.filter { $0.key.hasPrefix("p/") }
        #expect(!postings.isEmpty)
        #expect(postings.values.allSatisfy { $0.count < IndexFormat.largestPostingFile + 100 })
        #expect(index.text("meta.json")?.contains("\"dictionary\":[\"desa\",") == true)
    }
}
