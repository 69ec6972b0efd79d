import Foundation

/// Queries a built index the way the browser's `search.js` does, with the same tokens, the same
/// shards and the same BM25 scores: `desmigratif search` uses it to show (and explain) what a
/// reader would find.
public final class SearchEngine {
    /// One ranked page.
    public struct Hit: Sendable {
        /// The page's path.
        public let url: String
        /// Its title.
        public let title: String
        /// Its breadcrumb.
        public let breadcrumb: String
        /// Its score.
        public let score: Double
        /// Each query term's share of the score.
        public let contributions: [String: Double]
        /// Its facet values.
        public let facets: [String: String]
    }

    /// A query term with its statistics, for explanations.
    public struct TermInfo: Sendable {
        /// The typed word.
        public let word: String
        /// The indexed term it became, or the terms a prefix expanded to.
        public let terms: [String]
        /// How many pages contain it.
        public let documentFrequency: Int
        /// Its inverse document frequency.
        public let idf: Double
    }

    /// The index's `meta.json`, as far as queries need it.
    private struct Meta: Decodable {
        var stopwords: [String]?
        var stems: Bool?
        var documents: Int?
        var chunk: Int?
        var synonyms: [SynonymMatcher.Group]?
    }

    /// A page's record in `docs/<chunk>.json`: url, title, breadcrumb, facets.
    private struct Record: Decodable {
        var u: String?
        var t: String?
        var b: String?
        var f: [String: String]?
    }

    private let directory: URL
    private let meta: Meta
    private var shards: [String: [String: [[Double]]]] = [:]
    private var chunks: [Int: [Record]] = [:]
    /// The tokenizer the index was built with.
    public let tokenizer: Tokenizer
    /// The synonym groups the index was built with.
    public let synonyms: SynonymMatcher

    /// Opens the index in `directory` (for example `public/cari/index/id`).
    public init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory)
        let data = try Data(contentsOf: self.directory.appendingPathComponent("meta.json"))
        let meta = try JSONDecoder().decode(Meta.self, from: data)
        self.meta = meta
        tokenizer = Tokenizer(stopwords: Set(meta.stopwords ?? []), stems: meta.stems ?? true)
        synonyms = SynonymMatcher(groups: meta.synonyms ?? [])
    }

    private func shard(_ name: String) -> [String: [[Double]]] {
        if let cached = shards[name] { return cached }
        let url = directory.appendingPathComponent("terms/\(name).json")
        let object = (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode([String: [[Double]]].self, from: $0) } ?? [:]
        shards[name] = object
        return object
    }

    private func record(_ index: Int) -> Record {
        let size = meta.chunk ?? SearchIndex.chunkSize
        let chunk = index / size
        let records = chunks[chunk] ?? {
            let url = directory.appendingPathComponent("docs/\(chunk).json")
            return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode([Record].self, from: $0) } ?? []
        }()
        chunks[chunk] = records
        return index % size < records.count ? records[index % size] : Record()
    }

    /// Whether two terms differ by one insertion, deletion, substitution or swap of neighbours
    /// (the browser's `oneEditApart`).
    public static func oneEditApart(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        guard abs(x.count - y.count) <= 1, a != b else { return false }
        var i = 0
        while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
        func rest(_ p: Int, _ q: Int) -> Bool { x.dropFirst(p).elementsEqual(y.dropFirst(q)) }
        if x.count == y.count {
            return rest(i + 1, i + 1) || (i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && rest(i + 2, i + 2))
        }
        return x.count > y.count ? rest(i + 1, i) : rest(i, i + 1)
    }

    /// Ranks pages for `query`. The last word, when the query does not end in a space, also
    /// matches every term it begins (so results come while typing).
    public func search(_ query: String, limit: Int = 10) -> (hits: [Hit], terms: [TermInfo]) {
        let prefixLast = !(query.last?.isWhitespace ?? true)
        // A member of a synonym group stands for its group (the word being typed is left alone).
        let tokens = synonyms.rewrite(tokenizer.tokens(query), keepingLast: prefixLast)
        let count = Double(meta.documents ?? 0)
        var scores: [Int: Double] = [:]
        var contributions: [Int: [String: Double]] = [:]
        var infos: [TermInfo] = []
        for (position, token) in tokens.enumerated() {
            let terms = shard(SearchIndex.shard(of: token.term))
            var expansions = terms[token.term] != nil ? [token.term] : []
            let isGroup = token.term.hasPrefix("=")
            if position == tokens.count - 1, prefixLast, !isGroup {
                expansions = terms.keys.filter { $0.hasPrefix(token.term) }.sorted()
            }
            // As search.js: a misspelt word of five letters or more matches the terms one edit
            // away in its shard (typos in the first two letters are not corrected).
            if expansions.isEmpty, !isGroup, token.term.count >= 5 {
                expansions = terms.keys.filter { Self.oneEditApart($0, token.term) }.sorted()
            }
            // Each page scores once per query word: its best-matching expansion.
            var best: [Int: Double] = [:]
            var frequency = 0
            for term in expansions {
                let postings = terms[term] ?? []
                frequency = max(frequency, postings.count)
                let idf = log(1 + (count - Double(postings.count) + 0.5) / (Double(postings.count) + 0.5))
                for posting in postings {
                    let document = Int(posting[0])
                    best[document] = max(best[document] ?? 0, idf * posting[1])
                }
            }
            let idf = log(1 + (count - Double(frequency) + 0.5) / (Double(frequency) + 0.5))
            infos.append(TermInfo(word: token.word, terms: expansions, documentFrequency: frequency, idf: idf))
            for (document, score) in best {
                scores[document, default: 0] += score
                contributions[document, default: [:]][token.word, default: 0] += score
            }
        }
        let ranked = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit)
        let hits = ranked.map { document, score -> Hit in
            let record = record(document)
            return Hit(url: record.u ?? "", title: record.t ?? "", breadcrumb: record.b ?? "",
                       score: score, contributions: contributions[document] ?? [:], facets: record.f ?? [:])
        }
        return (hits, infos)
    }
}
