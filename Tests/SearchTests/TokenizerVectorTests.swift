import Foundation
import Search
import Testing

/// The tokenizer's vectors, shared with the browser's `tokens.js` (checked by node in
/// `make test`): the same text must give the same words and terms on both sides, or a query
/// typed in the browser would miss what the generator indexed. Re-record with
/// `RECORD_GOLDEN=1 swift test --filter TokenizerVectorTests`, then read the diff.
struct TokenizerVectorTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/search/tokens.json")

    static let stopwords = ["dan", "di", "yang", "the", "of"]

    /// Text as pages and queries hold it: names, codes, accents, reduplication, quotes, other
    /// scripts, punctuation at word edges.
    static let texts = [
        "Desa Kenanga, Kecamatan Sindang, Kabupaten Indramayu",
        "Kode 32.12.16.2004 dan 3212162004", "2.500 orang; 1.744 desa. 12,5 %",
        "desa-desa bersama-sama anak-anak kupu-kupu", "-awal akhir- a-b", "Soka\"an, Remba'an, Ko’ol",
        "PEKERJA MIGRAN INDONESIA (PMI) dan TKI/TKW", "CPMI: calon pekerja migran", "BUMDes = badan usaha milik desa",
        "Pemberdayaan perempuan berkoperasi; mengembangkan usaha-usaha produktif",
        "café naïve Émile Ñandú São Paulo", "Ｆｕｌｌｗｉｄｔｈ ａｂｃ", "straße İstanbul ﬁnance",
        "北京 東京 서울", "emoji 😀 di tengah", "tab\tbaris\nbaru\r\nCRLF", "the cooperatives of the village",
        "menyelenggarakan pelatihan keterampilan", "pengawasan penempatan pekerja", "  ", "",
        "x1 a1b2 2020-2024 v2.0.1", "e-KTP e-mail E-KTP", "koprasi Kenangga", "…dan—sebagainya",
    ]

    struct Vector: Codable, Equatable {
        var text: String
        var stems: Bool
        var stopwords: [String]
        var tokens: [[String]]
    }

    static func vectors() -> [Vector] {
        [true, false].flatMap { stems in
            texts.map { text in
                Vector(text: text, stems: stems, stopwords: stopwords,
                       tokens: Tokenizer(stopwords: Set(stopwords), stems: stems).tokens(text).map { [$0.word, $0.term] })
            }
        }
    }

    /// Queries rewritten by synonym groups: recorded for `tokens.js`'s `rewriteSynonyms`.
    struct SynonymVectors: Codable, Equatable {
        struct Case: Codable, Equatable {
            var query: String
            var keepingLast: Bool
            var tokens: [[String]]
        }
        var groups: [SynonymMatcher.Group]
        var cases: [Case]
    }

    static let synonymFile = file.deletingLastPathComponent().appendingPathComponent("synonyms.json")

    @Test func synonymRewritesGiveTheRecordedVectors() throws {
        let tokenizer = Tokenizer(stopwords: Set(Self.stopwords), stems: true)
        let matcher = SynonymMatcher([["PMI", "pekerja migran", "pekerja migran Indonesia", "TKI"], ["CPMI", "calon pekerja migran", "calon TKI"],
                                      ["BUMDes", "badan usaha milik desa"]], tokenizer: tokenizer)
        let queries = ["TKI", "tki di desa", "pekerja migran", "pekerja migran indonesia di Malang", "calon tki dan pmi", "calon pekerja",
                       "badan usaha milik desa", "usaha milik desa", "pekerja", "BUMDes koperasi TKI"]
        let actual = SynonymVectors(groups: matcher.groups, cases: [false, true].flatMap { keepingLast in
            queries.map { query in
                SynonymVectors.Case(query: query, keepingLast: keepingLast,
                                    tokens: matcher.rewrite(tokenizer.tokens(query), keepingLast: keepingLast).map { [$0.word, $0.term] })
            }
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try (encoder.encode(actual) + Data("\n".utf8)).write(to: Self.synonymFile)
        }
        #expect(try JSONDecoder().decode(SynonymVectors.self, from: Data(contentsOf: Self.synonymFile)) == actual)
    }

    @Test func theSwiftTokenizerGivesTheRecordedVectors() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let actual = Self.vectors()
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (encoder.encode(actual) + Data("\n".utf8)).write(to: Self.file)
        }
        let recorded = try JSONDecoder().decode([Vector].self, from: Data(contentsOf: Self.file))
        #expect(recorded.count == actual.count)
        for (expected, got) in zip(recorded, actual) {
            #expect(expected == got)
        }
    }
}
