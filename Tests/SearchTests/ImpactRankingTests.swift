import Foundation
@testable import Search
import TestSupport
import Testing

@Suite struct PostingCodecTests {
    @Test func gapsAreFiveBitDigitsLeastSignificantFirst() {
        #expect(PostingCodec.encode([0, 1, 2]) == "AAA")
        #expect(PostingCodec.encode([31]) == "f")
        #expect(PostingCodec.encode([32]) == "gB")
        #expect(PostingCodec.decode("gB") == [32])
        #expect(PostingCodec.decode("") == [])
    }

    @Test func anyAscendingListComesBack() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var list: [Int] = [], next = 0
            for _ in 0..<Int.random(in: 0...300, using: &random) {
                next += Int.random(in: 0...(Bool.random(using: &random) ? 3 : 100_000), using: &random)
                list.append(next)
                next += 1
            }
            #expect(PostingCodec.decode(PostingCodec.encode(list)) == list)
        }
    }

    @Test func textThatIsNotPostingsIsRefused() {
        #expect(PostingCodec.decode("g") == nil)  // a digit that says more follow, at the end
        #expect(PostingCodec.decode("A!") == nil)
        #expect(PostingCodec.decode("é") == nil)
    }
}

/// Page numbers: the documents in their addresses' byte order.
@Suite struct PageOrderTests {
    @Test func pagesAreNumberedInTheAddressesByteOrder() {
        var random = SplitMix(state: 11)
        // Prefixes of one another, equal addresses, and bytes above 0x7F (é, 東).
        let pieces = ["/", "desa", "-", "a", "b", "é", "東", "/x/", ""]
        for count in [0, 1, 2, 5, 200] {
            let documents = (0..<count).map { _ in
                SearchDocument(url: (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined(),
                               title: "", breadcrumb: "", headings: [], body: "", facets: [:])
            }
            let order = SearchIndex.pageOrder(of: documents)
            let expected = documents.indices.sorted { Array(documents[$0].url.utf8).lexicographicallyPrecedes(Array(documents[$1].url.utf8)) }
            // The same addresses in the same order (equal addresses may come in either order).
            #expect(order.map { documents[$0].url } == expected.map { documents[$0].url })
            #expect(Set(order) == Set(documents.indices) && order.count == count)
        }
    }
}

/// Documents put in page order in place, as a reordered copy would have them.
@Suite struct ArrangeTests {
    @Test func anyOrderComesOutAsTheCopyWould() {
        var random = SplitMix(state: 7)
        for count in [0, 1, 2, 3, 10, 257] {
            for _ in 0..<20 {
                let elements = (0..<count).map { "e\($0)" }
                let order = Array((0..<count).shuffled(using: &random))
                var arranged = elements
                SearchIndex.arrange(&arranged, in: order)
                #expect(arranged == order.map { elements[$0] })
            }
        }
    }
}

/// The early stop of `SearchEngine.rank` against reading every segment: the first results are
/// the same pages, whatever the query, the filter or how common its words are.
@Suite struct ImpactRankingTests {
    static let common = ["desa", "koperasi", "usaha", "pelatihan", "anak", "migran", "layanan", "tabungan", "ternak", "warung"]

    /// 1,500 pages: common words at random frequencies (so their postings go to posting files)
    /// and two rare names each (so the dictionary has several shards).
    static func corpus(seed: UInt64) -> [SearchDocument] {
        var random = SplitMix(state: seed)
        return (0..<1500).map { number in
            let words = (0..<Int.random(in: 3...60, using: &random)).map { _ in
                common[min(common.count - 1, Int(Double(common.count) * pow(Double.random(in: 0..<1, using: &random), 2)))]
            }
            return SearchDocument(url: "/desa/\(number)/", title: "Desa nama\(number)x", breadcrumb: "", headings: [],
                                  keywords: ["Kecamatan kec\(number % 97)"], body: words.joined(separator: " "),
                                  facets: ["jenis": number % 3 == 0 ? "berita" : "desa", "provinsi": "P\(number % 5)"])
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func theFirstResultsAreThoseOfAFullRead(seed: UInt64) throws {
        let index = SearchIndex(documents: Self.corpus(seed: seed), tokenizer: Tokenizer(stopwords: [], stems: false), language: "id")
        #expect(index.files.keys.filter { $0.hasPrefix("d/") }.count > 2)
        #expect(index.files.keys.contains("p/0.json"))
        let (directory, engine) = try SearchIndexTests.open(index)
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SplitMix(state: seed &* 31)
        for _ in 0..<40 {
            let query = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                Bool.random(using: &random) ? Self.common.randomElement(using: &random)! : "kec\(Int.random(in: 0..<97, using: &random))"
            }
            let words = query.map { engine.expansions(of: $0, prefix: false) }
            let filter = Int.random(in: 0..<3, using: &random)
            let allowed: (Int) -> Bool = { filter == 0 || $0 % filter == 0 }
            let full = engine.rank(words, results: Int.max, allowed: allowed)
            for results in [1, 10, 100] {
                let early = engine.rank(words, results: results, allowed: allowed)
                let exact = Dictionary(uniqueKeysWithValues: full.map { ($0.document, $0.impacts.reduce(0, +)) })
                #expect(Set(early.map(\.document)) == Set(full.prefix(results).map(\.document)), "\(query) filter \(filter) top \(results)")
                for hit in early { #expect(hit.impacts.reduce(0, +) <= exact[hit.document] ?? -1) }
            }
        }
    }

    @Test func aCommonWordReadsOnlyItsFirstPostingFiles() throws {
        let index = SearchIndex(documents: Self.corpus(seed: 9), tokenizer: Tokenizer(stopwords: [], stems: false), language: "id")
        let (directory, engine) = try SearchIndexTests.open(index)
        defer { try? FileManager.default.removeItem(at: directory) }
        let postingFiles = index.files.keys.filter { $0.hasPrefix("p/") }.count
        _ = engine.search("desa ", limit: 10)
        let read = engine.filesRead.filter { $0.hasPrefix("p/") }.count
        #expect(read >= 1 && read < postingFiles / 4, "read \(read) of \(postingFiles) posting files")
    }

    @Test func filtersKeepOnlyPagesWithTheFacetValue() throws {
        let index = SearchIndex(documents: Self.corpus(seed: 4), tokenizer: Tokenizer(stopwords: [], stems: false), language: "id")
        let (directory, engine) = try SearchIndexTests.open(index)
        defer { try? FileManager.default.removeItem(at: directory) }
        let hits = engine.search("koperasi ", limit: 50, filters: ["jenis": ["berita"], "provinsi": ["P1", "P2"]]).hits
        #expect(!hits.isEmpty)
        for hit in hits {
            #expect(hit.facets["jenis"] == "berita")
            #expect(["P1", "P2"].contains(hit.facets["provinsi"] ?? ""))
        }
    }
}
